// The machine: RAM, the CPU, an MMU, two ports, and the boot protocol.
//
// Boot protocol (docs/boot-protocol): guest RAM at GPA 0 (default 64 MiB); the image is loaded at
// 0x100000 and entered at its first byte in 64-bit mode, CPL 0. The loader's page tables identity-map
// [0, 1 GiB) with 2 MiB pages: PML4 at 0x1000, PDPT 0x2000, PD 0x3000 (P|RW|PS); with
// guestLevels 5 a PML5 at 0x4000 sits above them and CR4.LA57 is set.
// CR0 = 0x80010011 (PG WP ET PE), CR4 = PAE (| LA57), EFER = LME|LMA|NXE, CR3 = 0x1000 (0x4000),
// CS = 0x08, SS = DS = ES = FS = GS = 0x10, RSP = 0x80000, RFLAGS = 0x2, other GPRs 0, IDTR limit 0.
// Ports: 0xE9 OUT writes a byte to the console, IN reads 0xE9; 0xF4 OUT (any size) stops the machine
// with that value as exit code. Other ports read as all ones and ignore writes.

import { PhysMem } from '../mmu/phys.js';
import { X86Mmu } from '../mmu/mmu.js';
import { Cpu, type CpuMmu, type PagingRegs, type PortIo, type StopState, type CpuExits } from './cpu.js';
import { CR4_LA57, CR4_PAE, EFER_LME, EFER_LMA, EFER_NXE } from './regs.js';

export const IMAGE_BASE = 0x100000;
export const BOOT_PML4 = 0x1000, BOOT_PDPT = 0x2000, BOOT_PD = 0x3000, BOOT_PML5 = 0x4000;
export const BOOT_CR0 = 0x80010011, BOOT_RSP = 0x80000;
export const PORT_CONSOLE = 0xe9, PORT_EXIT = 0xf4;
export const DEFAULT_MEM = 64 * 1024 * 1024;

/** Builds the MMU for a machine (src/mmu provides the real one; tests may pass their own). */
export type MmuFactory = (mem: PhysMem, regs: PagingRegs, opts: { tlbSpec?: unknown; pwc?: unknown }) => CpuMmu;

export interface MachineOptions {
  /** RAM size in bytes (multiple of 4096, at most 2 GiB). Default 64 MiB. */
  memBytes?: number;
  /** Flat binary loaded at 0x100000 and entered at its first byte. */
  image: Uint8Array;
  /** 4 (default) or 5 paging levels set up by the loader. */
  guestLevels?: 4 | 5;
  /** TLB model (`--tlb` spec, e.g. 'skylake') and paging-structure caches (`--pwc`), passed to the MMU. */
  tlbSpec?: unknown;
  pwc?: unknown;
  mmuFactory?: MmuFactory;
  /** Interpreter fast forms on (default) or off. */
  fastPaths?: boolean;
  /** CPU-side translation caches in front of the MMU (default off: the TLB model sees every access). */
  fastTlb?: boolean;
  /** Compile hot code into JavaScript blocks (default on), after `blockHot` interpreted executions (default 8). */
  blocks?: boolean;
  blockHot?: number;
  /** Console bytes kept (default 1 MiB); older output is dropped. */
  consoleLimit?: number;
}

export interface RunOptions { maxInsns?: number }

export interface RunResult extends StopState {
  /** Instructions retired during this run() call. */
  instructions: number;
  /** Console output so far (all runs). */
  console: string;
}

/** The native MMU of src/mmu (TLB model per `tlbSpec`, paging-structure caches per `pwc`). */
export const nativeMmuFactory: MmuFactory = (mem, _regs, o) =>
  new X86Mmu(mem, { tlb: o.tlbSpec as string | undefined, pwc: o.pwc as string | undefined });

export class Machine implements PortIo {
  readonly mem: PhysMem;
  readonly cpu: Cpu;
  readonly mmu: CpuMmu;
  readonly guestLevels: 4 | 5;
  private readonly consoleLimit: number;
  private consoleChunks: number[] = [];
  /** Total instructions retired. */
  get instructions(): number { return this.cpu.icount; }

  constructor(opts: MachineOptions) {
    const memBytes = opts.memBytes ?? DEFAULT_MEM;
    this.mem = new PhysMem(memBytes);
    this.guestLevels = opts.guestLevels ?? 4;
    if (this.guestLevels !== 4 && this.guestLevels !== 5) throw new RangeError(`guestLevels must be 4 or 5, got ${String(opts.guestLevels)}`);
    if (IMAGE_BASE + opts.image.length > memBytes) throw new RangeError(`image of ${opts.image.length} bytes does not fit in RAM at 0x100000`);
    const regs: PagingRegs = { cr0: 0, cr3: 0, cr4: 0, efer: 0, cpl: 0 };
    const factory = opts.mmuFactory ?? nativeMmuFactory;
    this.mmu = factory(this.mem, regs, { tlbSpec: opts.tlbSpec, pwc: opts.pwc });
    this.consoleLimit = opts.consoleLimit ?? 1 << 20;
    this.cpu = new Cpu({ mem: this.mem, mmu: this.mmu, io: this, fastPaths: opts.fastPaths, fastTlb: opts.fastTlb, blocks: opts.blocks, blockHot: opts.blockHot });
    this.boot(opts.image);
  }

  private boot(image: Uint8Array): void {
    const { cr3, cr4 } = writeBootMemory((gpa, bytes) => this.mem.load(gpa, bytes), image, this.guestLevels);
    loadBootState(this.cpu, cr3, cr4);
  }

  /** Installs hypervisor exit hooks (null: native). */
  setExits(exits: CpuExits | null): void { this.cpu.exits = exits; }

  run(opts: RunOptions = {}): RunResult {
    const before = this.cpu.icount;
    const st = this.cpu.run(opts.maxInsns ?? Number.MAX_SAFE_INTEGER - this.cpu.icount);
    return { ...st, instructions: this.cpu.icount - before, console: this.console };
  }

  /** Console output as text (Latin-1: one character per byte). */
  get console(): string {
    let s = '';
    for (let i = 0; i < this.consoleChunks.length; i += 8192) s += String.fromCharCode(...this.consoleChunks.slice(i, i + 8192));
    return s;
  }
  get consoleBytes(): Uint8Array { return Uint8Array.from(this.consoleChunks); }

  stats(): { instructions: number; cpu: Cpu['stats']; mmu: unknown } {
    return { instructions: this.cpu.icount, cpu: { ...this.cpu.stats }, mmu: (this.mmu as { stats?: unknown }).stats };
  }

  // ---- PortIo
  portIn(port: number, size: number): number {
    if (port === PORT_CONSOLE) return PORT_CONSOLE;
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  portOut(port: number, _size: number, value: number): void {
    if (port === PORT_CONSOLE) {
      this.consoleChunks.push(value & 0xff);
      if (this.consoleChunks.length > this.consoleLimit) this.consoleChunks = this.consoleChunks.slice(-this.consoleLimit);
    } else if (port === PORT_EXIT) {
      this.cpu.requestStop('exit-port', value >>> 0, `guest wrote 0x${(value >>> 0).toString(16)} to port 0xf4`);
    }
  }
}

/**
 * The boot protocol's guest memory (docs/boot.md): the loader's page tables, identity-mapping
 * [0, 1 GiB) with 2 MiB pages (and a PML5 above them for 5 levels), and the image at 0x100000.
 * `write` stores guest-physical bytes: RAM directly natively, the memslots in a VM.
 */
export function writeBootMemory(write: (gpa: number, bytes: Uint8Array) => void, image: Uint8Array, levels: 4 | 5): { cr3: number; cr4: number } {
  const entry = (value: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, value >>> 0, true);
    return b;
  };
  write(BOOT_PML4, entry(BOOT_PDPT | 3));
  write(BOOT_PDPT, entry(BOOT_PD | 3));
  const pd = new Uint8Array(4096), pdv = new DataView(pd.buffer);
  for (let i = 0; i < 512; i++) pdv.setUint32(i * 8, ((i * 0x200000) | 0x83) >>> 0, true); // P|RW|PS
  write(BOOT_PD, pd);
  let cr3 = BOOT_PML4, cr4 = CR4_PAE;
  if (levels === 5) {
    write(BOOT_PML5, entry(BOOT_PML4 | 3));
    cr3 = BOOT_PML5;
    cr4 |= CR4_LA57;
  }
  write(IMAGE_BASE, image);
  return { cr3, cr4 };
}

/**
 * The boot protocol's register state (docs/boot.md). `onPaging` runs once CR0, CR3, CR4 and EFER
 * are loaded and before the TLB is flushed (the shadow MMU builds its first root there).
 */
export function loadBootState(c: Cpu, cr3: number, cr4: number, onPaging?: () => void): void {
  c.cr0 = BOOT_CR0;
  c.cr4 = cr4;
  c.cr3 = cr3;
  c.efer = EFER_LME | EFER_LMA | EFER_NXE;
  c.syncPaging();
  onPaging?.();
  c.mmu.flushAll();
  c.flushFastTlb();
  c.seg[1] = 0x08;
  c.seg[0] = c.seg[2] = c.seg[3] = c.seg[4] = c.seg[5] = 0x10;
  c.R.fill(0);
  c.R[8] = BOOT_RSP;
  c.setRflags(0x2);
  c.ripLo = IMAGE_BASE;
  c.ripHi = 0;
  c.idtrLimit = 0;
  c.idtrBaseLo = 0;
  c.idtrBaseHi = 0;
}

export function createMachine(opts: MachineOptions): Machine {
  return new Machine(opts);
}
