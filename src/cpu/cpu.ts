// The x86-64 interpreter core: register file, memory access with an inlined TLB-hit fast path,
// the per-physical-page decoded-instruction cache, the dispatch loop, and exception delivery.
//
// Registers are an Int32Array of lo/hi halves (R[2n] = bits 31:0, R[2n+1] = bits 63:32 of GPR n);
// no BigInt anywhere on the execution path. Status flags are lazy (flags.ts).
//
// Execution: the current RIP's linear page is translated once (fetch access) to a physical page
// whose decoded instructions are cached in a PageCode (4096 slots, one per byte offset). The inner
// loop then runs cached instructions of that page by offset until a branch leaves the page, the
// page ends, or a handler asks to re-fetch (a control transfer done by a generic handler, a change of
// paging state, a stop). Hot instruction forms have their own `case` in the loop (Op.F_*, chosen by
// specialize()); every other instruction goes through the generic handler table (exec-*.ts).
//
// Memory: translations are cached in three small direct-mapped arrays (read, write, fetch) in
// front of the MMU (`mmu.translate`, which checks the TLB model, walks, sets A/D bits, and throws
// PageFault). A write entry is only filled by a write translation (so the D bit is set by the MMU),
// and never for a physical page holding cached code: writes to code pages take the slow path,
// which invalidates the page's decoded instructions (self-modifying code).

import { Insn, Op, Alu, Sh, BASE_RIP, SEG_FS } from './insn.js';
import { decode, DECODE_TRUNCATED, MAX_INSN_LEN } from './decode.js';
import { disasm } from './disasm.js';
import {
  type FlagState, LF_NONE, LF_ADD, LF_ADC, LF_SUB, LF_SBB, LF_LOGIC, LF_INC, LF_DEC, LF_SHL, LF_SHR, LF_SAR,
  getCF, getRflags, materialize, cond, CF, OF, IF, TF, RFLAGS_FIXED, signBit,
} from './flags.js';
import {
  CpuFault, MachineStop, isPageFault, isDoubleFault, hasErrorCode, VEC_DF, VEC_GP, VEC_PF, VEC_UD, VEC_NP, VECTOR_NAMES,
} from './exceptions.js';
import { HANDLERS } from './handlers.js';
import { compileBlock, type BlockEnv } from './blocks.js';

/** Interpreted executions of an instruction before a block starting there is compiled. */
const HOT = 8;

export const ACC_READ = 0, ACC_WRITE = 1, ACC_FETCH = 2;

/** Paging state the MMU reads (the CPU owns and updates it). */
export interface PagingRegs { cr0: number; cr3: number; cr4: number; efer: number; cpl: number }

/** What the CPU needs of an MMU (the contract in docs/design.md). */
export interface CpuMmu {
  regs: PagingRegs;
  translate(lo: number, hi: number, access: number): number;
  flushNonGlobal(): void;
  flushAll(): void;
  invlpg(lo: number, hi: number): void;
  /** MOV to CRn with the SDM's TLB invalidations (src/mmu X86Mmu). When present the CPU uses them
   *  instead of writing `regs` and flushing itself; movCr4 + invpcid also mean PCIDs are modelled. */
  movCr0?(value: number): void;
  movCr3?(lo: number, hi: number): void;
  movCr4?(value: number): void;
  invpcid?(type: number, pcid: number, lo: number, hi: number): void;
  /** Advances whenever a cached translation may have become invalid (evictions too): the CPU's own
   *  translation caches (fastTlb) are dropped when it moved. */
  readonly gen?: Float64Array;
}

/** RAM as the CPU sees it (src/mmu/phys.ts PhysMem satisfies this). */
export interface CpuMemory { readonly u8: Uint8Array; readonly dv: DataView; readonly size: number }

/** Port I/O (the machine's devices). `size` is 1, 2 or 4. */
export interface PortIo {
  portIn(port: number, size: number): number;
  portOut(port: number, size: number, value: number): void;
}

/**
 * Hooks for a hypervisor ("VM exits"). Each returns true when it handled the event (the CPU then
 * skips its own behaviour and goes on after the instruction, with RIP at the next instruction unless
 * the hook changed it). null in native mode: the hot path never looks at it.
 */
export interface CpuExits {
  hlt?(cpu: Cpu): boolean;
  cpuid?(cpu: Cpu): boolean;
  io?(cpu: Cpu, port: number, size: number, isIn: boolean, value: number): boolean;
  /** MOV to/from CR0/2/3/4/8: `isWrite` with the value (lo, hi) about to be written; reg = the GPR number. */
  crAccess?(cpu: Cpu, cr: number, isWrite: boolean, reg: number): boolean;
  invlpg?(cpu: Cpu, lo: number, hi: number): boolean;
  invpcid?(cpu: Cpu, type: number, pcid: number, lo: number, hi: number): boolean;
  vmcall?(cpu: Cpu): boolean;
  msr?(cpu: Cpu, isWrite: boolean, msr: number): boolean;
  /** An exception raised by an instruction, before it is delivered to the guest (RIP = the faulting
   *  instruction; for #PF (lo, hi) is the address, CR2 is not yet written). True: handled, not delivered. */
  exception?(cpu: Cpu, vector: number, errorCode: number, lo: number, hi: number): boolean;
  /** The MMU threw something that is not a guest exception (EptFault): true when handled. */
  mmuFault?(cpu: Cpu, error: Error): boolean;
}

export type StopReason = 'exit-port' | 'hlt' | 'triple-fault' | 'insn-limit' | 'error';

/** Where and why execution stopped, for a clean message. */
export interface StopState {
  reason: StopReason;
  code: number;
  message: string;
  /** RIP of the instruction that faulted / stopped (hex string, 64-bit). */
  rip: string;
  bytes?: string;
  disasm?: string;
  vector?: number;
  errorCode?: number;
  cr2?: string;
}

export * from './regs.js';
import { CR0_PE, CR0_ET, CR0_PG, CR4_PAE, CR4_LA57, EFER_LME, EFER_LMA } from './regs.js';

const TLB_BITS = 8, TLB_SIZE = 1 << TLB_BITS, TLB_MASK = TLB_SIZE - 1;
/** fillR/fillW's answer for a physical page outside RAM. */
const UNASSIGNED = -1;
/** Cpu.rmwBase when no read-modify-write is pending */
const NO_RMW = -2;
/** A tag no canonical address has (|tag| < 2^51). */
const NO_TAG = 2 ** 60;
const TWO32 = 4294967296;

/** Decoded instructions of one physical page, by byte offset. */
export class PageCode {
  readonly insns: (Insn | undefined)[] = new Array(4096).fill(undefined);
  count = 0;
  /** Pages whose instructions run into this one (invalidated with it). */
  deps: PageCode[] | null = null;
  constructor(readonly ppn: number) {}
}

export interface CpuOptions {
  mem: CpuMemory;
  mmu: CpuMmu;
  io: PortIo;
  /** Report and allow 5-level paging (CPUID.7.ECX.LA57). Default true. */
  la57?: boolean;
  /** Use the specialised fast forms in the interpreter loop (default true; tests also run without). */
  fastPaths?: boolean;
  /**
   * Keep the CPU's own translation caches in front of the MMU (default false). Off, every data
   * access calls mmu.translate, so the MMU's TLB model sees (and counts) every access; on, repeated
   * accesses to a page bypass the MMU (faster, but the TLB model no longer sees those hits).
   */
  fastTlb?: boolean;
  /** Compile hot straight-line code into JavaScript functions (blocks.ts); default true (needs fastPaths). */
  blocks?: boolean;
  /** Interpreted executions before a block is compiled (default 8; tests use 1 to compile everything). */
  blockHot?: number;
}

export class Cpu implements FlagState {
  /** GPRs: R[2n] = bits 31:0, R[2n+1] = bits 63:32 of register n (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15). */
  readonly R = new Int32Array(32);
  ripLo = 0;
  ripHi = 0;
  // RFLAGS and the lazy-flags record (flags.ts)
  flags = RFLAGS_FIXED;
  lfOp = LF_NONE; lfSz = 4;
  lfDLo = 0; lfDHi = 0; lfSLo = 0; lfSHi = 0; lfRLo = 0; lfRHi = 0; lfCin = 0;
  /** Scratch: high half of the last 64-bit value returned by a read helper. */
  th = 0;
  /** Scratch: the last effective address computed by ea(). */
  eaLo = 0;
  eaHi = 0;

  // control state
  cr0 = CR0_PE | CR0_ET | CR0_PG;
  cr2Lo = 0; cr2Hi = 0;
  cr3 = 0;
  cr4 = CR4_PAE;
  cr8 = 0;
  efer = EFER_LME | EFER_LMA;
  readonly seg = new Uint16Array(6);
  fsBaseLo = 0; fsBaseHi = 0; gsBaseLo = 0; gsBaseHi = 0; kgsBaseLo = 0; kgsBaseHi = 0;
  gdtrBaseLo = 0; gdtrBaseHi = 0; gdtrLimit = 0;
  idtrBaseLo = 0; idtrBaseHi = 0; idtrLimit = 0;
  /** Other MSRs this CPU keeps (STAR, LSTAR, CSTAR, FMASK, PAT, APIC_BASE): lo/hi by number. */
  readonly msrs = new Map<number, [number, number]>();
  readonly la57Supported: boolean;
  /** CR4.PCIDE may be set (the MMU models PCIDs). */
  readonly pcidSupported: boolean;
  /** The CPU-side translation caches are filled (see CpuOptions.fastTlb). */
  readonly fastTlb: boolean;
  /** Hot code is compiled into blocks. */
  readonly blocks: boolean;
  private readonly blockHot: number;
  /** Block protocol (blocks.ts): faulting instruction index, early-exit count, code-invalidated flag. */
  bfIdx = -1;
  bcount = -1;
  smc = 0;
  private blockEnv!: BlockEnv;

  /** Instructions retired (RDTSC reads this). */
  icount = 0;
  /** Per opcode-id execution counts are not kept (hot path); these are. */
  readonly stats = { fastTlbMisses: 0, decoded: 0, codeInvalidations: 0, exceptions: 0, blocks: 0, unassigned: 0 };

  readonly mem: CpuMemory;
  readonly u8: Uint8Array;
  readonly dv: DataView;
  readonly memSize: number;
  mmu: CpuMmu;
  io: PortIo;
  exits: CpuExits | null = null;
  readonly fastPaths: boolean;

  // fast translation caches: tag = hi * 2^20 + (lo >>> 12); value = physical page base
  private readonly tlbRTag = new Float64Array(TLB_SIZE).fill(NO_TAG);
  private readonly tlbRPa = new Int32Array(TLB_SIZE);
  private readonly tlbWTag = new Float64Array(TLB_SIZE).fill(NO_TAG);
  private readonly tlbWPa = new Int32Array(TLB_SIZE);
  private readonly tlbXTag = new Float64Array(TLB_SIZE).fill(NO_TAG);
  private readonly tlbXPa = new Int32Array(TLB_SIZE);
  /** The MMU's generation counter and the value our caches were filled under. */
  private mmuGen: Float64Array | null = null;
  private seenGen = 0;

  /** Decoded code by physical page number. */
  private readonly codePages: (PageCode | undefined)[];
  private readonly fetchBuf = new Uint8Array(MAX_INSN_LEN * 2);

  // stop state
  private stopReq: StopReason | null = null;
  private stopCode = 0;
  private stopMsg = '';
  lastStop: StopState | null = null;
  /** The instruction executing when a fault or stop happened (for messages). */
  private faultIns: Insn | null = null;
  private lastFault: { vector: number; errorCode: number } | null = null;

  constructor(opts: CpuOptions) {
    this.mem = opts.mem;
    this.u8 = opts.mem.u8;
    this.dv = opts.mem.dv;
    this.memSize = opts.mem.size;
    this.mmu = opts.mmu;
    this.io = opts.io;
    this.la57Supported = opts.la57 ?? true;
    this.fastPaths = opts.fastPaths ?? true;
    this.fastTlb = opts.fastTlb ?? false;
    this.blocks = (opts.blocks ?? true) && this.fastPaths;
    this.blockHot = opts.blockHot ?? HOT;
    this.pcidSupported = typeof opts.mmu.movCr4 === 'function' && typeof opts.mmu.invpcid === 'function';
    this.mmuGen = opts.mmu.gen ?? null;
    this.codePages = new Array(Math.ceil(opts.mem.size / 4096)).fill(undefined);
    this.blockEnv = {
      fastTlb: this.fastTlb, TR: this.tlbRTag, TRP: this.tlbRPa, TW: this.tlbWTag, TWP: this.tlbWPa, DV: this.dv,
      M: this.mmu, SIZE: this.memSize, CP: this.codePages, la57: false, H: HANDLERS,
    };
    this.syncPaging();
  }

  // ---------------------------------------------------------------- registers

  /** Register n as a BigInt (debuggers, tests; not for the hot path). */
  getReg(n: number): bigint {
    return (BigInt(this.R[2 * n + 1]! >>> 0) << 32n) | BigInt(this.R[2 * n]! >>> 0);
  }
  setReg(n: number, v: bigint): void {
    this.R[2 * n] = Number(v & 0xffffffffn) | 0;
    this.R[2 * n + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  }
  getRip(): bigint { return (BigInt(this.ripHi >>> 0) << 32n) | BigInt(this.ripLo >>> 0); }
  setRip(v: bigint): void { this.ripLo = Number(v & 0xffffffffn) >>> 0; this.ripHi = Number((v >> 32n) & 0xffffffffn) | 0; }
  getRflags(): number { return getRflags(this); }
  setRflags(v: number): void { this.flags = (v | RFLAGS_FIXED) >>> 0; this.lfOp = LF_NONE; }

  /** Reads GPR `num` at `sz` bytes (8-bit: ah..bh for 4..7 without REX). Returns lo; hi in this.th. */
  readReg(sz: number, num: number, rex: number): number {
    const R = this.R;
    switch (sz) {
      case 1:
        this.th = 0;
        if (rex === 0 && num >= 4 && num < 8) return (R[(num - 4) << 1]! >>> 8) & 0xff;
        return R[num << 1]! & 0xff;
      case 2: this.th = 0; return R[num << 1]! & 0xffff;
      case 4: this.th = 0; return R[num << 1]!;
      default: this.th = R[(num << 1) + 1]!; return R[num << 1]!;
    }
  }

  /** Writes GPR `num`: 8/16-bit writes merge, 32-bit writes zero the upper half, 64-bit replace. */
  writeReg(sz: number, num: number, rex: number, lo: number, hi: number): void {
    const R = this.R;
    switch (sz) {
      case 1:
        if (rex === 0 && num >= 4 && num < 8) { const i = (num - 4) << 1; R[i] = (R[i]! & ~0xff00) | ((lo & 0xff) << 8); }
        else { const i = num << 1; R[i] = (R[i]! & ~0xff) | (lo & 0xff); }
        return;
      case 2: { const i = num << 1; R[i] = (R[i]! & ~0xffff) | (lo & 0xffff); return; }
      case 4: R[num << 1] = lo; R[(num << 1) + 1] = 0; return;
      default: R[num << 1] = lo; R[(num << 1) + 1] = hi; return;
    }
  }

  // ---------------------------------------------------------------- operands

  /**
   * Linear address of ins's memory operand into eaLo (uint32) / eaHi (int32); with withSeg false the
   * effective address (no FS/GS base: lea). RIP-relative uses this.ripLo/Hi = next RIP.
   */
  ea(ins: Insn, withSeg = true): void {
    const R = this.R;
    let lo = ins.disp >>> 0, hi = ins.dispSize === 8 ? ins.dispHi : ins.disp >> 31;
    const b = ins.base;
    if (b >= 0) {
      if (b === BASE_RIP) { lo += this.ripLo >>> 0; hi += this.ripHi; }
      else { lo += R[b << 1]! >>> 0; hi += R[(b << 1) + 1]!; }
    }
    const x = ins.index;
    if (x >= 0) {
      const sc = ins.scale, il = R[x << 1]!, ih = R[(x << 1) + 1]!;
      if (sc === 0) { lo += il >>> 0; hi += ih; }
      else { lo += (il << sc) >>> 0; hi += (ih << sc) | (il >>> (32 - sc)); }
    }
    if (lo >= TWO32) { const c = Math.floor(lo / TWO32); lo -= c * TWO32; hi += c; }
    if (ins.asz === 4) hi = 0;
    const sg = ins.seg;
    if (sg >= SEG_FS && withSeg) {
      if (sg === SEG_FS) { lo += this.fsBaseLo >>> 0; hi += this.fsBaseHi; } else { lo += this.gsBaseLo >>> 0; hi += this.gsBaseHi; }
      if (lo >= TWO32) { lo -= TWO32; hi += 1; }
    }
    this.eaLo = lo;
    this.eaHi = hi | 0;
  }

  /** The E operand (register or memory) at size sz: lo returned, hi in th (sz 8). Values are zero-extended for sz 1/2. */
  readE(ins: Insn, sz: number): number {
    if (ins.mod3) return this.readReg(sz, ins.rm, ins.rex);
    this.rmwBase = NO_RMW; // (a later writeE with `again` translates again)
    this.ea(ins);
    return this.rd(sz, this.eaLo, this.eaHi);
  }

  /**
   * Writes the E operand; for memory, the address computed by the last readE/ea of this instruction is
   * reused when `again` (and after readEForWrite, its translation).
   */
  writeE(ins: Insn, sz: number, lo: number, hi: number, again = false): void {
    if (ins.mod3) { this.writeReg(sz, ins.rm, ins.rex, lo, hi); return; }
    if (!again) this.ea(ins);
    const rmw = this.rmwBase;
    if (rmw !== NO_RMW && again) {
      this.rmwBase = NO_RMW;
      this.writeAt(rmw, this.eaLo & 0xfff, sz, lo, hi);
      return;
    }
    this.wr(sz, this.eaLo, this.eaHi, lo, hi);
  }

  /**
   * Reads E for a read-modify-write: for memory, ONE translation with write intent serves the read and
   * the write (writeE with `again`), as the processor's locked RMW does: a read-only page faults with
   * W = 1 before anything is read, and a hypervisor sees one access (one exit, one emulated write).
   * An access crossing a page probes both pages for write first.
   */
  readEForWrite(ins: Insn, sz: number): number {
    if (ins.mod3) return this.readReg(sz, ins.rm, ins.rex);
    this.ea(ins);
    const lo = this.eaLo, hi = this.eaHi, off = lo & 0xfff;
    if (off + sz > 4096) {
      this.probeWrite(lo, hi, sz);
      return this.rd(sz, lo, hi);
    }
    const base = this.fillW(lo, hi);
    this.rmwBase = base;
    return this.readAt(base, off, sz);
  }
  /** readEForWrite's page base for the write of the same instruction (NO_RMW: none pending) */
  private rmwBase = NO_RMW;

  readG(ins: Insn, sz: number): number { return this.readReg(sz, ins.reg, ins.rex); }
  writeG(ins: Insn, sz: number, lo: number, hi: number): void { this.writeReg(sz, ins.reg, ins.rex, lo, hi); }

  // ---------------------------------------------------------------- memory

  private canonical(hi: number): boolean {
    return (this.cr4 & CR4_LA57) !== 0 ? ((hi << 7) >> 7) === hi : ((hi << 16) >> 16) === hi;
  }

  /**
   * Physical pages outside RAM are unassigned, as on a PC bus: data reads return all ones and
   * writes are dropped (fillR/fillW return UNASSIGNED; they are never cached). Fetching code there
   * stops the machine (see the fetch path).
   */
  private unassigned(base: number): boolean {
    if (base >= 0 && base + 4096 <= this.memSize) return false;
    this.stats.unassigned++;
    return true;
  }

  /** Physical page base for a read of (lo, hi): fills the read cache. */
  private fillR(lo: number, hi: number): number {
    if (!this.canonical(hi)) throw new CpuFault(VEC_GP, 0);
    const base = this.mmu.translate(lo >>> 0, hi, ACC_READ) - (lo & 0xfff);
    if (this.unassigned(base)) return UNASSIGNED;
    if (this.fastTlb) {
      this.genCheck();
      const vpn = lo >>> 12, i = vpn & TLB_MASK;
      this.tlbRTag[i] = hi * 1048576 + vpn;
      this.tlbRPa[i] = base;
      this.stats.fastTlbMisses++;
    }
    return base;
  }

  /** Physical page base for a write: fills the write cache unless the page holds decoded code (then invalidates it). */
  private fillW(lo: number, hi: number): number {
    if (!this.canonical(hi)) throw new CpuFault(VEC_GP, 0);
    const base = this.mmu.translate(lo >>> 0, hi, ACC_WRITE) - (lo & 0xfff);
    if (this.unassigned(base)) return UNASSIGNED;
    const ppn = base / 4096;
    if (this.codePages[ppn] !== undefined) { this.invalidateCode(ppn); return base; }
    if (!this.fastTlb) return base;
    this.genCheck();
    this.stats.fastTlbMisses++;
    const vpn = lo >>> 12, i = vpn & TLB_MASK;
    this.tlbWTag[i] = hi * 1048576 + vpn;
    this.tlbWPa[i] = base;
    return base;
  }

  /** Reads sz (1, 2, 4, 8) bytes at linear (lo, hi). Returns lo (sz 1/2 zero-extended, 4/8 as int32); hi in th. */
  rd(sz: number, lo: number, hi: number): number {
    const off = lo & 0xfff;
    if (off + sz <= 4096) {
      const vpn = lo >>> 12, i = vpn & TLB_MASK;
      return this.readAt(this.tlbRTag[i] === hi * 1048576 + vpn ? this.tlbRPa[i]! : this.fillR(lo, hi), off, sz);
    }
    return this.rdCross(sz, lo, hi);
  }

  /** sz bytes at page `base` + off (within the page); unassigned memory reads all ones. Hi in th. */
  private readAt(base: number, off: number, sz: number): number {
    if (base === UNASSIGNED) { this.th = -1; return sz === 1 ? 0xff : sz === 2 ? 0xffff : -1; }
    const pa = base + off, dv = this.dv;
    switch (sz) {
      case 1: this.th = 0; return this.u8[pa]!;
      case 2: this.th = 0; return dv.getUint16(pa, true);
      case 4: this.th = 0; return dv.getInt32(pa, true);
      default: this.th = dv.getInt32(pa + 4, true); return dv.getInt32(pa, true);
    }
  }

  private rdCross(sz: number, lo: number, hi: number): number {
    let vlo = 0, vhi = 0;
    for (let k = 0; k < sz; k++) {
      let a = (lo >>> 0) + k, h = hi;
      if (a >= TWO32) { a -= TWO32; h = (h + 1) | 0; }
      const b = this.rd(1, a, h);
      if (k < 4) vlo |= b << (8 * k); else vhi |= b << (8 * (k - 4));
    }
    this.th = vhi;
    return sz === 4 || sz === 8 ? vlo | 0 : vlo;
  }

  /** Writes sz bytes (value lo, hi) at linear (lo, hi). */
  wr(sz: number, lo: number, hi: number, vlo: number, vhi: number): void {
    const off = lo & 0xfff;
    if (off + sz <= 4096) {
      const vpn = lo >>> 12, i = vpn & TLB_MASK;
      this.writeAt(this.tlbWTag[i] === hi * 1048576 + vpn ? this.tlbWPa[i]! : this.fillW(lo, hi), off, sz, vlo, vhi);
      return;
    }
    this.wrCross(sz, lo, hi, vlo, vhi);
  }

  /** sz bytes (vlo, vhi) to page `base` + off (within the page); writes to unassigned memory are dropped. */
  private writeAt(base: number, off: number, sz: number, vlo: number, vhi: number): void {
    if (base === UNASSIGNED) return;
    const pa = base + off, dv = this.dv;
    switch (sz) {
      case 1: this.u8[pa] = vlo; return;
      case 2: dv.setUint16(pa, vlo, true); return;
      case 4: dv.setInt32(pa, vlo, true); return;
      default: dv.setInt32(pa, vlo, true); dv.setInt32(pa + 4, vhi, true); return;
    }
  }

  private wrCross(sz: number, lo: number, hi: number, vlo: number, vhi: number): void {
    // Both pages are checked before any byte is written (a fault leaves memory unchanged).
    this.probeWrite(lo, hi, sz);
    for (let k = 0; k < sz; k++) {
      let a = (lo >>> 0) + k, h = hi;
      if (a >= TWO32) { a -= TWO32; h = (h + 1) | 0; }
      const b = k < 4 ? vlo >>> (8 * k) : vhi >>> (8 * (k - 4));
      this.wr(1, a, h, b & 0xff, 0);
    }
  }

  /** Checks that sz bytes at (lo, hi) are writable (faults as the write would), without writing. */
  probeWrite(lo: number, hi: number, sz: number): void {
    const vpn = lo >>> 12, i = vpn & TLB_MASK;
    if (this.tlbWTag[i] !== hi * 1048576 + vpn) this.fillW(lo, hi);
    if ((lo & 0xfff) + sz > 4096) {
      let a = (lo >>> 0) + sz - 1, h = hi;
      if (a >= TWO32) { a -= TWO32; h = (h + 1) | 0; }
      const v2 = a >>> 12, j = v2 & TLB_MASK;
      if (this.tlbWTag[j] !== h * 1048576 + v2) this.fillW(a, h);
    }
  }

  /** Physical address for a read of one byte (debuggers / exits); faults like a read. */
  translateRead(lo: number, hi: number): number {
    const base = this.fillR(lo, hi);
    return base === UNASSIGNED ? UNASSIGNED : base + (lo & 0xfff);
  }

  /** fastTlb: drops our cached translations when the MMU's generation moved (an eviction, a flush...). */
  private genCheck(): void {
    const g = this.mmuGen;
    if (g !== null && g[0] !== this.seenGen) { this.flushFastTlb(); this.seenGen = g[0]!; }
  }

  /** Drops every cached translation (after anything that changes paging: CR3, CR0, CR4, EFER, INVLPG, or the hypervisor). */
  flushFastTlb(): void {
    if (!this.fastTlb) return; // never filled
    this.tlbRTag.fill(NO_TAG);
    this.tlbWTag.fill(NO_TAG);
    this.tlbXTag.fill(NO_TAG);
  }

  /** Tell the CPU that physical memory [pa, pa + len) was written by someone else (loader, DMA, hypervisor). */
  notifyPhysWrite(pa: number, len: number): void {
    for (let p = Math.floor(pa / 4096); p * 4096 < pa + len; p++) if (this.codePages[p] !== undefined) this.invalidateCode(p);
  }

  /** Drops all decoded and compiled code (e.g. after replacing `mmu`: compiled blocks call the MMU they were built with). */
  dropCode(): void {
    for (let p = 0; p < this.codePages.length; p++) if (this.codePages[p] !== undefined) this.invalidateCode(p);
  }

  private invalidateCode(ppn: number): void {
    const pc = this.codePages[ppn];
    if (pc === undefined) return;
    this.codePages[ppn] = undefined;
    this.stats.codeInvalidations++;
    this.smc = 1;
    if (pc.count) { pc.insns.fill(undefined); pc.count = 0; }
    const deps = pc.deps;
    pc.deps = null;
    if (deps) for (const d of deps) if (this.codePages[d.ppn] === d) this.invalidateCode(d.ppn);
  }

  /** Registers `pc` as the code of its page (drops write-cache entries that point into it). */
  private registerCode(pc: PageCode): void {
    this.codePages[pc.ppn] = pc;
    const base = pc.ppn * 4096;
    for (let i = 0; i < TLB_SIZE; i++) if (this.tlbWPa[i] === base) this.tlbWTag[i] = NO_TAG;
  }

  // ---------------------------------------------------------------- stack

  push64(lo: number, hi: number): void {
    const R = this.R;
    let sl = (R[8]! >>> 0) - 8, sh = R[9]!;
    if (sl < 0) { sl += TWO32; sh = (sh - 1) | 0; }
    this.wr(8, sl, sh, lo, hi);
    R[8] = sl; R[9] = sh;
  }

  /** Pops 8 bytes: returns lo, hi in th. */
  pop64(): number {
    const R = this.R;
    const sl = R[8]! >>> 0, sh = R[9]!;
    const lo = this.rd(8, sl, sh), hi = this.th;
    let nl = sl + 8, nh = sh;
    if (nl >= TWO32) { nl -= TWO32; nh = (nh + 1) | 0; }
    R[8] = nl; R[9] = nh;
    this.th = hi;
    return lo;
  }

  push16(v: number): void {
    const R = this.R;
    let sl = (R[8]! >>> 0) - 2, sh = R[9]!;
    if (sl < 0) { sl += TWO32; sh = (sh - 1) | 0; }
    this.wr(2, sl, sh, v, 0);
    R[8] = sl; R[9] = sh;
  }

  pop16(): number {
    const R = this.R;
    const sl = R[8]! >>> 0, sh = R[9]!;
    const v = this.rd(2, sl, sh);
    let nl = sl + 2, nh = sh;
    if (nl >= TWO32) { nl -= TWO32; nh = (nh + 1) | 0; }
    R[8] = nl; R[9] = nh;
    return v;
  }

  // ---------------------------------------------------------------- control transfer

  /** Sets RIP to (lo, hi) after checking it is canonical (#GP(0) on the instruction otherwise). */
  jumpTo(lo: number, hi: number): void {
    if (!this.canonical(hi)) throw new CpuFault(VEC_GP, 0);
    this.ripLo = lo >>> 0;
    this.ripHi = hi | 0;
  }

  /** RIP + delta (signed 32-bit) as (lo, hi) into eaLo/eaHi. */
  ripPlus(delta: number): void {
    let lo = (this.ripLo >>> 0) + delta, hi = this.ripHi;
    if (lo >= TWO32) { lo -= TWO32; hi = (hi + 1) | 0; } else if (lo < 0) { lo += TWO32; hi = (hi - 1) | 0; }
    this.eaLo = lo; this.eaHi = hi;
  }

  // ---------------------------------------------------------------- paging state

  /** Copies CR0/CR3/CR4/EFER into the MMU's PagingRegs (no TLB maintenance: callers do that). */
  syncPaging(): void {
    const r = this.mmu.regs as PagingRegs & { load?(v: Partial<PagingRegs>): void };
    const v = { cr0: this.cr0 >>> 0, cr3: this.cr3, cr4: this.cr4, efer: this.efer, cpl: 0 };
    if (typeof r.load === 'function') r.load(v);
    else { r.cr0 = v.cr0; r.cr3 = v.cr3; r.cr4 = v.cr4; r.efer = v.efer; r.cpl = 0; }
  }

  // ---------------------------------------------------------------- stop requests

  /** Ends run() after the current instruction (devices call this: exit port). */
  requestStop(reason: StopReason, code = 0, message = ''): void {
    this.stopReq = reason;
    this.stopCode = code;
    this.stopMsg = message;
  }

  // ---------------------------------------------------------------- fetch and decode

  /** Decoded code of the physical page holding RIP (fetch translation through the X cache). */
  private codePage(lo: number, hi: number): PageCode {
    const vpn = lo >>> 12, i = vpn & TLB_MASK, tag = hi * 1048576 + vpn;
    let base: number;
    if (this.tlbXTag[i] === tag) base = this.tlbXPa[i]!;
    else {
      // Without fastTlb this runs whenever execution enters a page (an ITLB lookup per fetch block).
      if (!this.canonical(hi)) throw new CpuFault(VEC_GP, 0);
      base = this.mmu.translate(lo >>> 0, hi, ACC_FETCH) - (lo & 0xfff);
      if (!(base >= 0 && base + 4096 <= this.memSize)) {
        throw new MachineStop('error', `instruction fetch from physical address 0x${(base + (lo & 0xfff)).toString(16)} (linear 0x${hex64(lo, hi)}), outside RAM (0x0..0x${this.memSize.toString(16)})`);
      }
      if (this.fastTlb) { this.genCheck(); this.tlbXTag[i] = tag; this.tlbXPa[i] = base; }
    }
    const ppn = base / 4096;
    let pc = this.codePages[ppn];
    if (pc === undefined) { pc = new PageCode(ppn); this.registerCode(pc); }
    return pc;
  }

  /** Decodes the instruction at page offset `off` of pc (linear page base baseLo/baseHi) and caches it. */
  private decodeAt(pc: PageCode, baseLo: number, baseHi: number, off: number): Insn {
    if (this.codePages[pc.ppn] !== pc) this.registerCode(pc);
    const ins = new Insn();
    const pa = pc.ppn * 4096 + off;
    let n = decode(this.u8, pa, pc.ppn * 4096 + 4096, ins);
    if (n === DECODE_TRUNCATED) {
      // runs into the next linear page: fetch it (may #PF with CR2 in that page)
      const avail = 4096 - off, buf = this.fetchBuf;
      buf.set(this.u8.subarray(pa, pa + avail), 0);
      let nlo = (baseLo >>> 0) + 4096, nhi = baseHi;
      if (nlo >= TWO32) { nlo -= TWO32; nhi = (nhi + 1) | 0; }
      const next = this.codePage(nlo, nhi);
      const need = MAX_INSN_LEN - avail;
      buf.set(this.u8.subarray(next.ppn * 4096, next.ppn * 4096 + need), avail);
      n = decode(buf, 0, avail + need, ins);
      if (n === DECODE_TRUNCATED) { ins.op = Op.UD; ins.gop = Op.UD; ins.len = MAX_INSN_LEN; ins.bytes = buf.slice(0, MAX_INSN_LEN); }
      (next.deps ??= []).push(pc);
    }
    if (this.fastPaths) specialize(ins);
    pc.insns[off] = ins;
    pc.count++;
    this.stats.decoded++;
    return ins;
  }

  // ---------------------------------------------------------------- run loop

  /**
   * Runs until a stop: at most maxInsns instructions. Returns the stop state (also in lastStop).
   */
  run(maxInsns: number): StopState {
    const limit = this.icount + maxInsns;
    this.stopReq = null;
    this.lastStop = null;
    if (this.fastTlb) this.genCheck();
    for (;;) {
      if (this.stopReq !== null) break;
      if (this.icount >= limit) { this.requestStop('insn-limit', 0, `instruction limit (${maxInsns}) reached`); break; }
      try {
        this.exec(limit);
      } catch (e) {
        this.onThrow(e);
      }
    }
    return this.finishStop();
  }

  private finishStop(): StopState {
    const reason = this.stopReq!;
    const st: StopState = { reason, code: this.stopCode, message: this.stopMsg, rip: '0x' + hex64(this.ripLo, this.ripHi) };
    const ins = this.faultIns;
    if (ins && (reason === 'error' || reason === 'triple-fault')) {
      st.bytes = Array.from(ins.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
      st.disasm = ins.op === Op.UD && ins.gop === Op.UD ? '(bad)' : disasm(ins, this.getRip());
      st.message += `; instruction at 0x${hex64(this.ripLo, this.ripHi)}: ${st.bytes} (${st.disasm})`;
    }
    if (this.lastFault && reason === 'triple-fault') {
      st.vector = this.lastFault.vector;
      st.errorCode = this.lastFault.errorCode;
    }
    if (this.lastFault?.vector === VEC_PF || reason === 'triple-fault') st.cr2 = '0x' + hex64(this.cr2Lo, this.cr2Hi);
    this.lastStop = st;
    return st;
  }

  /** Handles what the interpreter threw: an exception to deliver, or a machine stop. RIP = the faulting instruction. */
  private onThrow(e: unknown): void {
    if (e instanceof MachineStop) { this.requestStop(e.reason as StopReason, 0, e.message); return; }
    let vector: number, code: number, hasErr: boolean, lo = 0, hi = 0;
    if (e instanceof CpuFault) { vector = e.vector; code = e.errorCode; hasErr = e.hasError; }
    else if (isPageFault(e)) { vector = VEC_PF; code = e.errorCode; hasErr = true; lo = e.lo >>> 0; hi = e.hi | 0; }
    else if (e instanceof Error && e.name === 'PhysAccessError') { this.requestStop('error', 0, e.message); return; }
    else if (e instanceof Error && (e.name === 'EptFault' || e.name === 'UnsupportedPagingError')) {
      // an MMU event that is not a guest exception (EPT violation/misconfiguration): the hypervisor's
      if (this.exits?.mmuFault?.(this, e)) return;
      this.requestStop('error', 0, e.message);
      return;
    } else throw e; // a bug, not a machine event
    // a hypervisor may take the exception (e.g. a shadow-paging #PF) before the guest sees it
    if (this.exits?.exception?.(this, vector, code, lo, hi)) return;
    if (vector === VEC_PF) { this.cr2Lo = lo; this.cr2Hi = hi; }
    this.deliver(vector, hasErr, code);
  }

  /**
   * Delivers exception/interrupt `vector` through the IDT with the SDM's double-fault rules.
   * RIP is the address to push (the faulting instruction for faults, the next one for INT n/INT3).
   */
  deliver(vector: number, hasErr: boolean, code: number): void {
    let cur = vector, curErr = hasErr, curCode = code;
    const chain: number[] = [];
    for (;;) {
      chain.push(cur, curErr ? curCode : -1);
      this.stats.exceptions++;
      this.lastFault = { vector: cur, errorCode: curCode };
      try {
        this.deliverOnce(cur, curErr, curCode);
        return;
      } catch (e) {
        let v2: number, c2: number;
        if (e instanceof CpuFault) { v2 = e.vector; c2 = e.errorCode; }
        else if (isPageFault(e)) { v2 = VEC_PF; c2 = e.errorCode; this.cr2Lo = e.lo >>> 0; this.cr2Hi = e.hi | 0; }
        else if (e instanceof MachineStop) { this.requestStop(e.reason as StopReason, 0, e.message); return; }
        else throw e;
        if (cur === VEC_DF) {
          this.lastFault = { vector: v2, errorCode: c2 };
          chain.push(v2, c2);
          const names: string[] = [];
          for (let k = 0; k < chain.length; k += 2) {
            const v = chain[k]!, c = chain[k + 1]!;
            names.push((VECTOR_NAMES[v] ?? `vector ${v}`) + (c >= 0 && hasErrorCode(v) ? `(0x${c.toString(16)})` : ''));
          }
          this.requestStop('triple-fault', 0, `triple fault at RIP 0x${hex64(this.ripLo, this.ripHi)}: ${names.join(' -> ')} (while delivering #DF)`);
          return;
        }
        if (isDoubleFault(cur, v2)) { cur = VEC_DF; curErr = true; curCode = 0; }
        else { cur = v2; curErr = hasErrorCode(v2); curCode = c2; }
      }
    }
  }

  private deliverOnce(vector: number, hasErr: boolean, code: number): void {
    // IDT gate: 16 bytes at IDTR.base + 16 * vector
    const ext = 1; // error codes for IDT problems: index << 3 | IDT(2) | EXT(1)
    if (vector * 16 + 15 > this.idtrLimit) throw new CpuFault(VEC_GP, (vector << 3) | 2 | ext);
    let glo = (this.idtrBaseLo >>> 0) + vector * 16, ghi = this.idtrBaseHi;
    if (glo >= TWO32) { glo -= TWO32; ghi = (ghi + 1) | 0; }
    const w0 = this.rd(4, glo, ghi), w1 = this.rd(4, glo + 4, ghi), w2 = this.rd(4, glo + 8, ghi);
    const type = (w1 >>> 8) & 0xf, present = (w1 >>> 15) & 1;
    if (type !== 0xe && type !== 0xf) throw new CpuFault(VEC_GP, (vector << 3) | 2 | ext);
    if (!present) throw new CpuFault(VEC_NP, (vector << 3) | 2 | ext);
    const selector = w0 >>> 16;
    const tlo = ((w0 & 0xffff) | (w1 & 0xffff0000)) >>> 0, thi = w2 | 0;
    if (!this.canonical(thi)) throw new CpuFault(VEC_GP, ext);
    // 64-bit mode: the stack is aligned to 16 bytes, then SS, RSP, RFLAGS, CS, RIP (+ error code) pushed.
    const R = this.R;
    const oldSpLo = R[8]!, oldSpHi = R[9]!;
    const rflags = getRflags(this);
    let sl = (oldSpLo >>> 0) & ~0xf, sh = oldSpHi;
    sl >>>= 0;
    const frame = hasErr ? 6 : 5;
    let fl = sl - frame * 8, fh = sh;
    if (fl < 0) { fl += TWO32; fh = (fh - 1) | 0; }
    // check the whole frame is writable before changing anything
    this.probeWrite(fl, fh, frame * 8 > 4096 ? 8 : frame * 8);
    const ssSel = this.seg[2]!, csSel = this.seg[1]!;
    const put = (k: number, lo: number, hi: number) => {
      let a = fl + k * 8, h = fh;
      if (a >= TWO32) { a -= TWO32; h = (h + 1) | 0; }
      this.wr(8, a, h, lo, hi);
    };
    let k = 0;
    if (hasErr) put(k++, code, 0);
    put(k++, this.ripLo, this.ripHi);
    put(k++, csSel, 0);
    put(k++, rflags, 0);
    put(k++, oldSpLo, oldSpHi);
    put(k++, ssSel, 0);
    R[8] = fl; R[9] = fh;
    this.seg[1] = selector;
    let nf = rflags & ~(TF | 0x4000 | 0x10000); // TF, NT, RF cleared
    if (type === 0xe) nf &= ~IF;                  // interrupt gate
    this.flags = nf; this.lfOp = LF_NONE;
    this.ripLo = tlo; this.ripHi = thi;
  }

  /**
   * The interpreter loop. Returns to run() when a stop is requested or the instruction limit is reached;
   * throws (RIP at the faulting instruction) on an exception.
   */
  private exec(limit: number): void {
    const R = this.R, dv = this.dv;
    const tRTag = this.tlbRTag, tRPa = this.tlbRPa, tWTag = this.tlbWTag, tWPa = this.tlbWPa;
    let n = this.icount;
    outer: for (;;) {
      if (this.stopReq !== null || n >= limit) break;
      this.faultIns = null; // a fetch fault has no instruction
      const pc = this.codePage(this.ripLo, this.ripHi);
      const insns = pc.insns;
      const baseLo = (this.ripLo & ~0xfff) >>> 0, baseHi = this.ripHi;
      let off = this.ripLo & 0xfff;
      let ins: Insn | undefined;
      let blockIns: Insn | null = null;
      try {
        for (;;) {
          if (n >= limit) { this.setRipOff(baseLo, baseHi, off); break outer; }
          ins = insns[off];
          if (ins === undefined) ins = this.decodeAt(pc, baseLo, baseHi, off);
          const blk = ins.blk;
          if (blk !== null) {
            if (n + ins.blkN <= limit) {
              blockIns = ins;
              this.smc = 0;
              const t = blk(this, R);
              blockIns = null;
              if (this.bcount >= 0) { n += this.bcount; this.bcount = -1; } else n += ins.blkN;
              if (t >= 0 && t < 4096) { off = t; continue; }
              this.setRipOff(baseLo, baseHi, t);
              if (!this.canonical(this.ripHi)) { // the final jump's target: #GP on the jump
                n--; off = ins.blkOffs![ins.blkN - 1]!; ins = insns[off];
                throw new CpuFault(VEC_GP, 0);
              }
              continue outer;
            }
          } else if (this.blocks && ++ins.hot === this.blockHot) this.compileAt(pc, baseLo, baseHi, off, ins);
          let next = off + ins.len;
          switch (ins.op) {
            case Op.F_ALU64_RR: case Op.F_ALU64_RI: {
              const d = ins.d;
              const dl = R[d]!, dh = R[d + 1]!;
              let sl: number, sh: number;
              if (ins.op === Op.F_ALU64_RR) { sl = R[ins.s]!; sh = R[ins.s + 1]!; } else { sl = ins.imm; sh = ins.immHi; }
              let rl: number, rh: number;
              switch (ins.sub) {
                case Alu.ADD: { rl = (dl + sl) | 0; rh = (dh + sh + ((rl >>> 0) < (dl >>> 0) ? 1 : 0)) | 0; this.lfOp = LF_ADD; break; }
                case Alu.ADC: {
                  const c = getCF(this);
                  const s0 = (dl >>> 0) + (sl >>> 0) + c;
                  rl = s0 | 0; rh = (dh + sh + (s0 >= TWO32 ? 1 : 0)) | 0; this.lfCin = c; this.lfOp = LF_ADC; break;
                }
                case Alu.SUB: case Alu.CMP: { rl = (dl - sl) | 0; rh = (dh - sh - ((dl >>> 0) < (sl >>> 0) ? 1 : 0)) | 0; this.lfOp = LF_SUB; break; }
                case Alu.SBB: {
                  const c = getCF(this);
                  const s0 = (dl >>> 0) - (sl >>> 0) - c;
                  rl = s0 | 0; rh = (dh - sh - (s0 < 0 ? 1 : 0)) | 0; this.lfCin = c; this.lfOp = LF_SBB; break;
                }
                case Alu.AND: case Alu.TEST: rl = dl & sl; rh = dh & sh; this.lfOp = LF_LOGIC; break;
                case Alu.OR: rl = dl | sl; rh = dh | sh; this.lfOp = LF_LOGIC; break;
                default: rl = dl ^ sl; rh = dh ^ sh; this.lfOp = LF_LOGIC; break;
              }
              this.lfSz = 8; this.lfDLo = dl; this.lfDHi = dh; this.lfSLo = sl; this.lfSHi = sh; this.lfRLo = rl; this.lfRHi = rh;
              if (ins.sub !== Alu.CMP && ins.sub !== Alu.TEST) { R[d] = rl; R[d + 1] = rh; }
              break;
            }
            case Op.F_ALU32_RR: case Op.F_ALU32_RI: {
              const d = ins.d;
              const dl = R[d]!;
              const sl = ins.op === Op.F_ALU32_RR ? R[ins.s]! : ins.imm;
              let rl: number;
              switch (ins.sub) {
                case Alu.ADD: rl = (dl + sl) | 0; this.lfOp = LF_ADD; break;
                case Alu.ADC: { const c = getCF(this); rl = (dl + sl + c) | 0; this.lfCin = c; this.lfOp = LF_ADC; break; }
                case Alu.SUB: case Alu.CMP: rl = (dl - sl) | 0; this.lfOp = LF_SUB; break;
                case Alu.SBB: { const c = getCF(this); rl = (dl - sl - c) | 0; this.lfCin = c; this.lfOp = LF_SBB; break; }
                case Alu.AND: case Alu.TEST: rl = dl & sl; this.lfOp = LF_LOGIC; break;
                case Alu.OR: rl = dl | sl; this.lfOp = LF_LOGIC; break;
                default: rl = dl ^ sl; this.lfOp = LF_LOGIC; break;
              }
              this.lfSz = 4; this.lfDLo = dl; this.lfDHi = 0; this.lfSLo = sl; this.lfSHi = 0; this.lfRLo = rl; this.lfRHi = 0;
              if (ins.sub !== Alu.CMP && ins.sub !== Alu.TEST) { R[d] = rl; R[d + 1] = 0; }
              break;
            }
            case Op.F_MOV64_RR: R[ins.d] = R[ins.s]!; R[ins.d + 1] = R[ins.s + 1]!; break;
            case Op.F_MOV32_RR: R[ins.d] = R[ins.s]!; R[ins.d + 1] = 0; break;
            case Op.F_MOV_RI: R[ins.d] = ins.imm; R[ins.d + 1] = ins.immHi; break;
            case Op.F_MOV64_RM: case Op.F_MOV32_RM: {
              // load: base + disp, no index/segment
              const b = ins.s;
              let lo = (R[b]! >>> 0) + ins.disp, hi = R[b + 1]!;
              if (lo >= TWO32) { lo -= TWO32; hi = (hi + 1) | 0; } else if (lo < 0) { lo += TWO32; hi = (hi - 1) | 0; }
              const o = lo & 0xfff, vpn = lo >>> 12, i = vpn & TLB_MASK;
              let pa: number;
              if (tRTag[i] === hi * 1048576 + vpn && o <= 4088) pa = tRPa[i]! + o;
              else {
                const v = this.rd(ins.osz, lo, hi);
                R[ins.d] = v; R[ins.d + 1] = ins.osz === 8 ? this.th : 0;
                break;
              }
              R[ins.d] = dv.getInt32(pa, true);
              R[ins.d + 1] = ins.op === Op.F_MOV64_RM ? dv.getInt32(pa + 4, true) : 0;
              break;
            }
            case Op.F_MOV64_MR: case Op.F_MOV32_MR: {
              const b = ins.d;
              let lo = (R[b]! >>> 0) + ins.disp, hi = R[b + 1]!;
              if (lo >= TWO32) { lo -= TWO32; hi = (hi + 1) | 0; } else if (lo < 0) { lo += TWO32; hi = (hi - 1) | 0; }
              const o = lo & 0xfff, vpn = lo >>> 12, i = vpn & TLB_MASK;
              if (tWTag[i] === hi * 1048576 + vpn && o <= 4088) {
                const pa = tWPa[i]! + o;
                dv.setInt32(pa, R[ins.s]!, true);
                if (ins.op === Op.F_MOV64_MR) dv.setInt32(pa + 4, R[ins.s + 1]!, true);
              } else this.wr(ins.osz, lo, hi, R[ins.s]!, R[ins.s + 1]!);
              break;
            }
            case Op.F_INC64_R: case Op.F_DEC64_R: {
              const d = ins.d, dl = R[d]!, dh = R[d + 1]!;
              this.lfCin = getCF(this);
              let rl: number, rh: number;
              if (ins.op === Op.F_INC64_R) { rl = (dl + 1) | 0; rh = rl === 0 ? (dh + 1) | 0 : dh; this.lfOp = LF_INC; }
              else { rl = (dl - 1) | 0; rh = dl === 0 ? (dh - 1) | 0 : dh; this.lfOp = LF_DEC; }
              this.lfSz = 8; this.lfDLo = dl; this.lfDHi = dh; this.lfSLo = 1; this.lfSHi = 0; this.lfRLo = rl; this.lfRHi = rh;
              R[d] = rl; R[d + 1] = rh;
              break;
            }
            case Op.F_INC32_R: case Op.F_DEC32_R: {
              const d = ins.d, dl = R[d]!;
              this.lfCin = getCF(this);
              let rl: number;
              if (ins.op === Op.F_INC32_R) { rl = (dl + 1) | 0; this.lfOp = LF_INC; } else { rl = (dl - 1) | 0; this.lfOp = LF_DEC; }
              this.lfSz = 4; this.lfDLo = dl; this.lfDHi = 0; this.lfSLo = 1; this.lfSHi = 0; this.lfRLo = rl; this.lfRHi = 0;
              R[d] = rl; R[d + 1] = 0;
              break;
            }
            case Op.F_SHIFT64_RI: {
              // count is 1..63 (0 was not specialised)
              const d = ins.d, dl = R[d]!, dh = R[d + 1]!, c = ins.imm;
              let rl: number, rh: number;
              switch (ins.sub) {
                case Sh.SHL: case Sh.SAL:
                  if (c < 32) { rl = dl << c; rh = (dh << c) | (dl >>> (32 - c)); } else { rl = 0; rh = dl << (c - 32); }
                  this.lfOp = LF_SHL; break;
                case Sh.SHR:
                  if (c < 32) { rl = (dl >>> c) | (dh << (32 - c)); rh = dh >>> c; } else { rl = dh >>> (c - 32); rh = 0; }
                  this.lfOp = LF_SHR; break;
                case Sh.SAR:
                  if (c < 32) { rl = (dl >>> c) | (dh << (32 - c)); rh = dh >> c; } else { rl = dh >> (c - 32); rh = dh >> 31; }
                  this.lfOp = LF_SAR; break;
                default: { // ROL / ROR: CF and OF only
                  const k = ins.sub === Sh.ROL ? c : 64 - c;
                  if (k < 32) { rl = (dl << k) | (dh >>> (32 - k)); rh = (dh << k) | (dl >>> (32 - k)); }
                  else if (k === 32) { rl = dh; rh = dl; }
                  else { rl = (dh << (k - 32)) | (dl >>> (64 - k)); rh = (dl << (k - 32)) | (dh >>> (64 - k)); }
                  rl |= 0; rh |= 0;
                  materialize(this);
                  let cf: number, of: number;
                  if (ins.sub === Sh.ROL) { cf = rl & 1; of = (rh >>> 31) ^ cf; }
                  else { cf = rh >>> 31; of = cf ^ ((rh >>> 30) & 1); }
                  this.flags = (this.flags & ~(CF | OF)) | cf | (of << 11);
                  R[d] = rl; R[d + 1] = rh;
                  break;
                }
              }
              if (ins.sub !== Sh.ROL && ins.sub !== Sh.ROR) {
                rl = rl! | 0; rh = rh! | 0;
                this.lfSz = 8; this.lfDLo = dl; this.lfDHi = dh; this.lfSLo = c; this.lfSHi = 0; this.lfRLo = rl; this.lfRHi = rh;
                R[d] = rl; R[d + 1] = rh;
              }
              break;
            }
            case Op.F_TEST64_RR: {
              const dl = R[ins.d]!, dh = R[ins.d + 1]!, sl = R[ins.s]!, sh = R[ins.s + 1]!;
              this.lfOp = LF_LOGIC; this.lfSz = 8; this.lfRLo = dl & sl; this.lfRHi = dh & sh;
              break;
            }
            case Op.F_TEST32_RR: {
              this.lfOp = LF_LOGIC; this.lfSz = 4; this.lfRLo = R[ins.d]! & R[ins.s]!; this.lfRHi = 0;
              break;
            }
            case Op.F_JCC: case Op.F_JMP: {
              if (ins.op === Op.F_JMP || cond(this, ins.sub)) {
                const t = next + ins.rel;
                n++;
                if (t >= 0 && t < 4096) { off = t; continue; }
                this.setRipOff(baseLo, baseHi, t);
                if (!this.canonical(this.ripHi)) { n--; throw new CpuFault(VEC_GP, 0); }
                continue outer;
              }
              break;
            }
            case Op.F_LEA64: {
              this.ea(ins);
              R[ins.d] = this.eaLo | 0; R[ins.d + 1] = this.eaHi;
              break;
            }
            case Op.F_PUSH_R: {
              const s = ins.s;
              this.push64(R[s]!, R[s + 1]!);
              break;
            }
            case Op.F_POP_R: {
              const v = this.pop64();
              R[ins.d] = v; R[ins.d + 1] = this.th;
              break;
            }
            default: {
              // generic handler: RIP = next instruction while it runs
              this.setRipOff(baseLo, baseHi, next);
              this.icount = n;
              this.faultIns = ins;
              const r = HANDLERS[ins.op]!(this, ins);
              n++;
              if (r !== 0) continue outer;
              off = next;
              if (off >= 4096) continue outer;
              continue;
            }
          }
          n++;
          off = next;
          if (off >= 4096) { this.setRipOff(baseLo, baseHi, off); continue outer; }
        }
      } catch (e) {
        if (blockIns !== null) { // inside a compiled block: the instruction it was at
          const k = this.bfIdx;
          this.bfIdx = -1;
          off = blockIns.blkOffs![k]!;
          n += k;
          ins = insns[off] ?? ins;
        }
        // RIP = the instruction that faulted
        this.setRipOff(baseLo, baseHi, off);
        this.icount = n;
        if (ins) this.faultIns = ins;
        throw e;
      }
    }
    this.icount = n;
  }

  /** Compiles the block starting at `off` (or marks the instruction as not worth trying again). */
  private compileAt(pc: PageCode, baseLo: number, baseHi: number, off: number, ins: Insn): void {
    const next = (o: number): Insn | null => {
      if (o > 4096 - MAX_INSN_LEN) return null;
      return pc.insns[o] ?? this.decodeAt(pc, baseLo, baseHi, o);
    };
    this.blockEnv.la57 = (this.cr4 & CR4_LA57) !== 0;
    this.blockEnv.M = this.mmu;
    const b = compileBlock(ins, off, next, this.blockEnv);
    if (b === null || b.count < 2) { ins.hot = -0x40000000; return; }
    ins.blk = b.fn;
    ins.blkN = b.count;
    ins.blkOffs = b.offs;
    this.stats.blocks++;
  }

  private setRipOff(baseLo: number, baseHi: number, off: number): void {
    let lo = baseLo + off, hi = baseHi;
    if (lo >= TWO32) { lo -= TWO32; hi = (hi + 1) | 0; } else if (lo < 0) { lo += TWO32; hi = (hi - 1) | 0; }
    this.ripLo = lo;
    this.ripHi = hi;
  }

  /** Executes exactly one instruction (tests, debuggers). */
  step(): StopState | null {
    const st = this.run(1);
    return st.reason === 'insn-limit' ? null : st;
  }

  /** The decoded instruction at RIP without executing it (debuggers). */
  peekInsn(): Insn {
    const pc = this.codePage(this.ripLo, this.ripHi);
    const off = this.ripLo & 0xfff;
    return pc.insns[off] ?? this.decodeAt(pc, (this.ripLo & ~0xfff) >>> 0, this.ripHi, off);
  }
}

export function hex64(lo: number, hi: number): string {
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);
}

/** Chooses a fast form for hot instruction shapes (same semantics as the generic handler). */
export function specialize(ins: Insn): void {
  const op = ins.op, osz = ins.osz;
  const simpleMem = !ins.mod3 && ins.base >= 0 && ins.base !== BASE_RIP && ins.index < 0 && ins.seg < SEG_FS && ins.asz === 8 && !ins.lock;
  switch (op) {
    case Op.ALU_EG: case Op.ALU_GE:
      if (ins.mod3 && !ins.lock && (osz === 8 || osz === 4)) {
        ins.op = osz === 8 ? Op.F_ALU64_RR : Op.F_ALU32_RR;
        if (op === Op.ALU_EG) { ins.d = ins.rm << 1; ins.s = ins.reg << 1; } else { ins.d = ins.reg << 1; ins.s = ins.rm << 1; }
        if (ins.sub === Alu.TEST) { ins.op = osz === 8 ? Op.F_TEST64_RR : Op.F_TEST32_RR; }
      }
      break;
    case Op.ALU_EI:
      if (ins.mod3 && (osz === 8 || osz === 4)) { ins.op = osz === 8 ? Op.F_ALU64_RI : Op.F_ALU32_RI; ins.d = ins.rm << 1; }
      break;
    case Op.MOV_EG: case Op.MOV_GE:
      if (ins.mod3 && (osz === 8 || osz === 4)) {
        ins.op = osz === 8 ? Op.F_MOV64_RR : Op.F_MOV32_RR;
        if (op === Op.MOV_EG) { ins.d = ins.rm << 1; ins.s = ins.reg << 1; } else { ins.d = ins.reg << 1; ins.s = ins.rm << 1; }
      } else if (simpleMem && (osz === 8 || osz === 4) && ins.dispSize !== 8) {
        if (op === Op.MOV_GE) { ins.op = osz === 8 ? Op.F_MOV64_RM : Op.F_MOV32_RM; ins.d = ins.reg << 1; ins.s = ins.base << 1; }
        else { ins.op = osz === 8 ? Op.F_MOV64_MR : Op.F_MOV32_MR; ins.d = ins.base << 1; ins.s = ins.reg << 1; }
      }
      break;
    case Op.MOV_EI:
      if (ins.mod3 && (osz === 8 || osz === 4)) { ins.op = Op.F_MOV_RI; ins.d = ins.rm << 1; if (osz === 4) ins.immHi = 0; }
      break;
    case Op.INC: case Op.DEC:
      if (ins.mod3 && (osz === 8 || osz === 4)) {
        ins.op = op === Op.INC ? (osz === 8 ? Op.F_INC64_R : Op.F_INC32_R) : (osz === 8 ? Op.F_DEC64_R : Op.F_DEC32_R);
        ins.d = ins.rm << 1;
      }
      break;
    case Op.SHIFT:
      if (ins.mod3 && osz === 8 && ins.sub !== Sh.RCL && ins.sub !== Sh.RCR) {
        const c = ins.sub2 === 0 ? 1 : ins.sub2 === 1 ? ins.imm & 63 : -1;
        if (c > 0) { ins.op = Op.F_SHIFT64_RI; ins.d = ins.rm << 1; ins.imm = c; }
      }
      break;
    case Op.JCC: ins.op = Op.F_JCC; break;
    case Op.JMP_REL: ins.op = Op.F_JMP; break;
    case Op.LEA:
      if (osz === 8 && ins.base !== BASE_RIP && ins.seg < SEG_FS && ins.asz === 8) { ins.op = Op.F_LEA64; ins.d = ins.reg << 1; }
      break;
    case Op.PUSH_R: if (osz === 8) { ins.op = Op.F_PUSH_R; ins.s = ins.reg << 1; } break;
    case Op.POP_R: if (osz === 8) { ins.op = Op.F_POP_R; ins.d = ins.reg << 1; } break;
  }
}

export { VEC_UD, signBit };
