// Host RAM: ONE ArrayBuffer cut into 4 KiB frames, and the frame allocator.
//
// A host-physical address (HPA) is an offset into host RAM. Every frame has an owner (a VM id; 0 is
// the host itself) and a kind (what the frame holds), so isolation can be checked: a guest access
// must land in a frame owned by its own VM and holding guest memory, never in a paging structure
// (shadow, EPT, host page table) and never in another VM's memory.
//
// Allocation policy (like a buddy allocator's effect, in miniature): 4 KiB frames are taken from one
// 2 MiB chunk at a time (the current chunk; then the lowest partly used chunk; then the lowest free
// one), so that whole free 2 MiB chunks stay available for huge-page backings (`allocHuge`); a 2 MiB
// run is split off a free 1 GiB region only when no other is left, so that whole free 1 GiB regions
// stay available for 1 GiB backings (`allocGiant`), as a buddy allocator splits the smallest block.
// Frames are zeroed when handed out. Running out of frames throws HostOutOfMemory, which stops the VM
// with the statistics so far (never a crash).

import { PhysMem } from '../mmu/phys.js';

export const FRAME_SHIFT = 12;
export const FRAME_SIZE = 4096;
/** frames per 2 MiB chunk */
export const CHUNK_FRAMES = 512;
/** 2 MiB chunks per 1 GiB region */
export const REGION_CHUNKS = 512;

/** Frame kinds. */
export const FK_FREE = 0;
/** reserved by the host (frame 0: HPA 0 is never handed out) */
export const FK_RESERVED = 1;
/** guest RAM (backs a memslot page) */
export const FK_GUEST = 2;
/** an EPT paging structure */
export const FK_EPT = 3;
/** a shadow page table */
export const FK_SHADOW = 4;
/** the VMM process's own page table (HVA -> HPA) */
export const FK_HOST_PT = 5;
/** the hypervisor's MMIO bounce frame (emulated device accesses read and write it) */
export const FK_MMIO = 6;
export const FRAME_KIND_NAMES = ['free', 'reserved', 'guest', 'ept', 'shadow', 'host-pt', 'mmio'] as const;

/** No host frame is left: the VM stops with `host out of memory` and its statistics so far. */
export class HostOutOfMemory extends Error {
  constructor(readonly what: string, readonly hostBytes: number, readonly framesInUse: number) {
    super(`host out of memory: no free frame for ${what} (host RAM ${hostBytes} bytes, ${framesInUse} of ` +
      `${hostBytes / FRAME_SIZE} frames in use)`);
    this.name = 'HostOutOfMemory';
  }
}

export interface FrameCounts {
  guest: number;
  ept: number;
  shadow: number;
  hostPt: number;
  mmio: number;
  total: number;
}

export class HostMemory {
  /** host RAM, addressed by HPA */
  readonly ram: PhysMem;
  readonly frames: number;
  /** owner VM id per frame (0 = host) */
  readonly owner: Uint16Array;
  /** FK_* per frame */
  readonly kind: Uint8Array;
  /** free frames per 2 MiB chunk */
  private readonly chunkFree: Uint16Array;
  private readonly chunks: number;
  /** entirely free chunks per 1 GiB region (REGION_CHUNKS: a free 1 GiB run) */
  private readonly regionFree: Uint16Array;
  /** 1 per chunk none of whose frames was ever handed out: still the fresh ArrayBuffer's zero pages */
  private readonly chunkClean: Uint8Array;
  private cur = 0;
  /** next frame to try in the current chunk */
  private hint = 0;
  private freeFrames: number;
  private nextVmId = 1;
  /** frames in use per owner and kind: counts[owner * 8 + kind] */
  private readonly counts = new Map<number, Float64Array>();

  /** @param bytes host RAM size: a multiple of 2 MiB (at most 2 GiB) */
  constructor(readonly bytes: number) {
    if (!Number.isInteger(bytes) || bytes <= 0 || bytes % (CHUNK_FRAMES * FRAME_SIZE) !== 0) {
      throw new RangeError(`host memory must be a positive multiple of 2 MiB, got ${bytes}`);
    }
    this.ram = new PhysMem(bytes);
    this.frames = bytes / FRAME_SIZE;
    this.owner = new Uint16Array(this.frames);
    this.kind = new Uint8Array(this.frames);
    this.chunks = this.frames / CHUNK_FRAMES;
    this.chunkFree = new Uint16Array(this.chunks).fill(CHUNK_FRAMES);
    this.regionFree = new Uint16Array(Math.ceil(this.chunks / REGION_CHUNKS));
    for (let c = 0; c < this.chunks; c++) this.regionFree[c >>> 9]!++;
    this.chunkClean = new Uint8Array(this.chunks).fill(1);
    this.freeFrames = this.frames;
    this.take(0, 0, FK_RESERVED);
  }

  /** A new VM (or VMM process) id: the owner tag of its frames. */
  newOwner(): number {
    if (this.nextVmId > 0xffff) throw new RangeError('too many VMs on one host memory');
    return this.nextVmId++;
  }

  get framesInUse(): number {
    return this.frames - this.freeFrames;
  }

  private take(frame: number, owner: number, kind: number): void {
    this.kind[frame] = kind;
    this.owner[frame] = owner;
    const c = frame >>> 9;
    if (this.chunkFree[c] === CHUNK_FRAMES) { this.regionFree[c >>> 9]!--; this.chunkClean[c] = 0; }
    this.chunkFree[c]!--;
    this.freeFrames--;
    this.countsOf(owner)[kind]!++;
  }

  private countsOf(owner: number): Float64Array {
    let c = this.counts.get(owner);
    if (c === undefined) { c = new Float64Array(8); this.counts.set(owner, c); }
    return c;
  }

  /** Allocates one zeroed 4 KiB frame; returns its HPA. Throws HostOutOfMemory. */
  allocFrame(owner: number, kind: number, what: string = FRAME_KIND_NAMES[kind] ?? 'a frame'): number {
    if (this.freeFrames === 0) throw new HostOutOfMemory(what, this.bytes, this.framesInUse);
    let c = this.cur;
    if (this.chunkFree[c] === 0) {
      c = this.pickChunk();
      this.cur = c;
      this.hint = c * CHUNK_FRAMES;
    }
    const end = (c + 1) * CHUNK_FRAMES;
    let f = this.hint >= c * CHUNK_FRAMES && this.hint < end ? this.hint : c * CHUNK_FRAMES;
    while (this.kind[f] !== FK_FREE) {
      f++;
      if (f === end) f = c * CHUNK_FRAMES;
    }
    this.hint = f + 1;
    this.take(f, owner, kind);
    const hpa = f * FRAME_SIZE;
    this.ram.u8.fill(0, hpa, hpa + FRAME_SIZE);
    return hpa;
  }

  /** The lowest partly used chunk with a free frame, else the lowest free chunk. */
  private pickChunk(): number {
    let firstEmpty = -1;
    for (let c = 0; c < this.chunks; c++) {
      const n = this.chunkFree[c]!;
      if (n === 0) continue;
      if (n < CHUNK_FRAMES) return c;
      if (firstEmpty < 0) firstEmpty = c;
    }
    return firstEmpty;
  }

  /**
   * Allocates a zeroed, 2 MiB-aligned run of 512 frames (a host huge page); returns its HPA, or -1
   * when no whole chunk is free (the caller falls back to 4 KiB frames). Takes the highest free chunk
   * outside free 1 GiB regions, and splits one of those only when nothing else is left.
   */
  allocHuge(owner: number, kind: number): number {
    let c = this.freeChunk(false);
    if (c < 0) c = this.freeChunk(true);
    if (c < 0) return -1;
    this.zeroChunks(c, 1);
    for (let f = c * CHUNK_FRAMES; f < (c + 1) * CHUNK_FRAMES; f++) this.take(f, owner, kind);
    return c * CHUNK_FRAMES * FRAME_SIZE;
  }

  /** The highest entirely free chunk; outside free 1 GiB regions unless `splitRegion`. -1: none. */
  private freeChunk(splitRegion: boolean): number {
    for (let c = this.chunks - 1; c >= 0; c--) {
      if (this.chunkFree[c] !== CHUNK_FRAMES) continue;
      if (!splitRegion && this.regionFree[c >>> 9] === REGION_CHUNKS) { c = (c >>> 9) * REGION_CHUNKS; continue; }
      return c;
    }
    return -1;
  }

  /**
   * Allocates a zeroed, 1 GiB-aligned run of 262144 frames (a 1 GiB page of a hugetlbfs pool); returns
   * its HPA, or -1 when no 1 GiB region is entirely free (the caller falls back to smaller pages).
   */
  allocGiant(owner: number, kind: number): number {
    for (let r = this.regionFree.length - 1; r >= 0; r--) {
      if (this.regionFree[r] !== REGION_CHUNKS) continue; // partly used, or a partial region at the end
      const c0 = r * REGION_CHUNKS;
      this.zeroChunks(c0, REGION_CHUNKS);
      for (let f = c0 * CHUNK_FRAMES; f < (c0 + REGION_CHUNKS) * CHUNK_FRAMES; f++) this.take(f, owner, kind);
      return c0 * CHUNK_FRAMES * FRAME_SIZE;
    }
    return -1;
  }

  /** Zeroes `n` chunks from chunk `c0`, skipping those never handed out: they are still zero, and
   *  filling them would make the OS commit their pages (1 GiB of RSS for a 1 GiB run). */
  private zeroChunks(c0: number, n: number): void {
    const bytes = CHUNK_FRAMES * FRAME_SIZE;
    for (let c = c0; c < c0 + n; c++) if (this.chunkClean[c] === 0) this.ram.u8.fill(0, c * bytes, (c + 1) * bytes);
  }

  /** Returns a frame to the free pool. */
  freeFrame(hpa: number): void {
    const f = hpa / FRAME_SIZE;
    if (!Number.isInteger(f) || f <= 0 || f >= this.frames || this.kind[f] === FK_FREE || this.kind[f] === FK_RESERVED) {
      throw new RangeError(`freeFrame: 0x${hpa.toString(16)} is not an allocated frame`);
    }
    this.countsOf(this.owner[f]!)[this.kind[f]!]!--;
    this.kind[f] = FK_FREE;
    this.owner[f] = 0;
    const c = f >>> 9;
    this.chunkFree[c]!++;
    if (this.chunkFree[c] === CHUNK_FRAMES) this.regionFree[c >>> 9]!++;
    this.freeFrames++;
  }

  /** Frees every frame of `owner` (VM destruction). */
  freeOwner(owner: number): void {
    for (let f = 1; f < this.frames; f++) if (this.owner[f] === owner && this.kind[f] !== FK_FREE) this.freeFrame(f * FRAME_SIZE);
  }

  /** Frame counts of one owner by kind. */
  usage(owner: number): FrameCounts {
    const c = this.countsOf(owner);
    return {
      guest: c[FK_GUEST]!, ept: c[FK_EPT]!, shadow: c[FK_SHADOW]!, hostPt: c[FK_HOST_PT]!, mmio: c[FK_MMIO]!,
      total: c[FK_GUEST]! + c[FK_EPT]! + c[FK_SHADOW]! + c[FK_HOST_PT]! + c[FK_MMIO]!,
    };
  }

  /** Owner and kind of the frame holding `hpa`. */
  frameOf(hpa: number): { owner: number; kind: (typeof FRAME_KIND_NAMES)[number] } {
    const f = Math.floor(hpa / FRAME_SIZE);
    return { owner: this.owner[f] ?? 0, kind: FRAME_KIND_NAMES[this.kind[f] ?? FK_RESERVED]! };
  }
}

/** Parses a size: a number of bytes or a number with K/M/G (binary units), e.g. `256M`, `1G`. */
export function parseSize(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG])?(?:i?[bB])?\s*$/.exec(s);
  if (!m) throw new RangeError(`bad size '${s}' (e.g. 256M, 1G, 65536)`);
  const unit = m[2] === undefined ? 1 : { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}
