// Host RAM: ONE ArrayBuffer cut into 4 KiB frames, and the frame allocator.
//
// A host-physical address (HPA) is an offset into host RAM. Every frame has an owner (a VM id; 0 is
// the host itself) and a kind (what the frame holds), so isolation can be checked: a guest access
// must land in a frame owned by its own VM and holding guest memory, never in a paging structure
// (shadow, EPT, host page table) and never in another VM's memory.
//
// Allocation policy (like a buddy allocator's effect, in miniature): 4 KiB frames are taken from one
// 2 MiB chunk at a time (the current chunk; then the lowest partly used chunk; then the lowest free
// one), so that whole free 2 MiB chunks stay available for huge-page backings (`allocHuge`).
// Frames are zeroed when handed out. Running out of frames throws HostOutOfMemory, which stops the VM
// with the statistics so far (never a crash).

import { PhysMem } from '../mmu/phys.js';

export const FRAME_SHIFT = 12;
export const FRAME_SIZE = 4096;
/** frames per 2 MiB chunk */
export const CHUNK_FRAMES = 512;

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
    this.chunkFree[frame >>> 9]!--;
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
   * when no whole chunk is free (the caller falls back to 4 KiB frames).
   */
  allocHuge(owner: number, kind: number): number {
    for (let c = this.chunks - 1; c >= 0; c--) {
      if (this.chunkFree[c] !== CHUNK_FRAMES) continue;
      for (let f = c * CHUNK_FRAMES; f < (c + 1) * CHUNK_FRAMES; f++) this.take(f, owner, kind);
      const hpa = c * CHUNK_FRAMES * FRAME_SIZE;
      this.ram.u8.fill(0, hpa, hpa + CHUNK_FRAMES * FRAME_SIZE);
      return hpa;
    }
    return -1;
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
    this.chunkFree[f >>> 9]!++;
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
