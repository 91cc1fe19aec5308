// The exit log: every VM exit is counted per reason (with its modeled cycles), and the first
// `capacity` exits are kept in full, in typed arrays (millions of exits per second must cost no
// allocation). Records are turned into text (disassembly, source line, the hypervisor's action) only
// when read. While the log records, exits raised in the middle of an access unwind the CPU to the
// faulting instruction so that the record has its exact RIP and instruction count; once it is full,
// they are handled where they happen (vcpu.ts) - same behaviour, same counts, no unwinding.

import { disasm } from '../cpu/disasm.js';
import type { Insn } from '../cpu/insn.js';
import { describeQualification, exitReasonName } from './exit-reasons.js';

/** What the hypervisor did (action codes; arguments a0..a2 and flags per code, see formatAction). */
export const A_NONE = 0;
export const A_CPUID = 1;
export const A_HLT = 2;
export const A_IO_CONSOLE = 3;
export const A_IO_EXIT = 4;
export const A_IO_UNASSIGNED = 5;
export const A_VMCALL = 6;
export const A_MSR = 7;
export const A_CR_WRITE = 8;
export const A_CR3_FLUSH = 9;
export const A_CR3_CACHED = 10;
export const A_CR3_NEW = 11;
export const A_CR3_READ = 12;
export const A_INVLPG = 13;
export const A_INVPCID = 14;
export const A_EPT_MAP = 15;
export const A_MMIO_SETUP = 16;
export const A_MMIO = 17;
export const A_PF_FIXED = 18;
export const A_PF_GUEST = 19;
export const A_PTE_WRITE = 20;
export const A_TRIPLE = 21;
export const A_ERROR = 22;
export const A_PF_SPURIOUS = 23;

/** flags */
export const AF_NEW_FRAME = 1;
export const AF_LARGE = 2;
export const AF_WRITE = 4;
export const AF_READONLY = 8;
export const AF_ZAPPED = 16;
export const AF_RESET = 32;
export const AF_FETCH = 64;
export const AF_AGAIN = 128;
/** with A_EPT_MAP: a 1 GiB leaf (AF_LARGE: 2 MiB) */
export const AF_1G = 256;

export interface ExitRecord {
  seq: number;
  /** guest instructions retired before the exit */
  icount: number;
  reason: number;
  name: string;
  /** the exit qualification (64-bit, hex) */
  qualification: string;
  qualText: string;
  rip: string;
  /** the exiting instruction, disassembled (empty when unknown) */
  insn: string;
  /** source file:line of the instruction, when a line map was given */
  source?: string;
  gla?: string;
  gpa?: string;
  action: string;
  cycles: number;
}

/** Maps a guest RIP to `file:line`, when known. */
export type SourceLocator = (ripLo: number, ripHi: number) => string | undefined;

const hex = (n: number) => '0x' + n.toString(16);
const hex64 = (lo: number, hi: number) => '0x' + ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);

export class ExitLog {
  /** exits per reason number (0..63) */
  readonly byReason = new Float64Array(64);
  /** modeled cycles per reason */
  readonly cyclesByReason = new Float64Array(64);
  total = 0;

  readonly capacity: number;
  private readonly seq: Float64Array;
  private readonly icount: Float64Array;
  private readonly reason: Uint8Array;
  private readonly qualLo: Uint32Array;
  private readonly qualHi: Uint32Array;
  private readonly ripLo: Uint32Array;
  private readonly ripHi: Int32Array;
  private readonly glaLo: Uint32Array;
  private readonly glaHi: Int32Array;
  private readonly glaOk: Uint8Array;
  private readonly gpa: Float64Array;
  private readonly action: Uint8Array;
  private readonly flags: Uint32Array;
  private readonly a0: Float64Array;
  private readonly a1: Float64Array;
  private readonly a2: Float64Array;
  private readonly cycles: Float64Array;
  private readonly insns: (Insn | null)[];
  /** slot of the record being filled (-1: not recorded) */
  private cur = -1;

  /** @param capacity exits kept in full, from the first (0: counters only) */
  constructor(capacity = 4096) {
    this.capacity = capacity;
    const n = Math.max(1, capacity);
    this.seq = new Float64Array(n);
    this.icount = new Float64Array(n);
    this.reason = new Uint8Array(n);
    this.qualLo = new Uint32Array(n);
    this.qualHi = new Uint32Array(n);
    this.ripLo = new Uint32Array(n);
    this.ripHi = new Int32Array(n);
    this.glaLo = new Uint32Array(n);
    this.glaHi = new Int32Array(n);
    this.glaOk = new Uint8Array(n);
    this.gpa = new Float64Array(n).fill(-1);
    this.action = new Uint8Array(n);
    this.flags = new Uint32Array(n);
    this.a0 = new Float64Array(n);
    this.a1 = new Float64Array(n);
    this.a2 = new Float64Array(n);
    this.cycles = new Float64Array(n);
    this.insns = new Array<Insn | null>(n).fill(null);
  }

  /** True while exits are still recorded in full. */
  get recording(): boolean {
    return this.total < this.capacity;
  }

  /** Counts a new exit and, while recording, starts its record (action and cycles come later). */
  begin(reason: number, qualLo: number, qualHi: number, ripLo: number, ripHi: number, icount: number, insn: Insn | null,
    glaValid: boolean, glaLo: number, glaHi: number, gpa: number): void {
    const s = this.total++;
    this.byReason[reason]++;
    if (s >= this.capacity) { this.cur = -1; return; }
    const i = s;
    this.cur = i;
    this.seq[i] = s;
    this.icount[i] = icount;
    this.reason[i] = reason;
    this.qualLo[i] = qualLo >>> 0;
    this.qualHi[i] = qualHi >>> 0;
    this.ripLo[i] = ripLo >>> 0;
    this.ripHi[i] = ripHi | 0;
    this.glaOk[i] = glaValid ? 1 : 0;
    this.glaLo[i] = glaLo >>> 0;
    this.glaHi[i] = glaHi | 0;
    this.gpa[i] = gpa;
    this.insns[i] = insn;
    this.action[i] = A_NONE;
    this.flags[i] = 0;
    this.cycles[i] = 0;
  }

  /** The hypervisor's action for the current exit. */
  act(code: number, a0 = 0, a1 = 0, a2 = 0, flags = 0): void {
    const i = this.cur;
    if (i < 0) return;
    this.action[i] = code; this.a0[i] = a0; this.a1[i] = a1; this.a2[i] = a2; this.flags[i] = flags;
  }

  /** Adds flags to the current exit's action. */
  flag(flags: number): void {
    if (this.cur >= 0) this.flags[this.cur]! |= flags;
  }

  /** Closes the current exit with its modeled cost. */
  end(reason: number, cycles: number): void {
    this.cyclesByReason[reason] += cycles;
    if (this.cur >= 0) this.cycles[this.cur] = cycles;
  }

  /** Exits per reason name (only reasons that occurred). */
  countsByName(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let r = 0; r < 64; r++) if (this.byReason[r]! > 0) out[exitReasonName(r)] = this.byReason[r]!;
    return out;
  }

  cyclesByName(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let r = 0; r < 64; r++) if (this.byReason[r]! > 0) out[exitReasonName(r)] = this.cyclesByReason[r]!;
    return out;
  }

  /** The kept records, in order (at most `limit`, from the first). */
  records(limit = this.capacity, locate?: SourceLocator): ExitRecord[] {
    const n = Math.min(this.total, this.capacity, limit);
    const out: ExitRecord[] = [];
    for (let s = 0; s < n; s++) out.push(this.record(s, locate));
    return out;
  }

  /** Exits counted but not recorded (past the capacity). */
  get unrecorded(): number {
    return Math.max(0, this.total - this.capacity);
  }

  private record(i: number, locate?: SourceLocator): ExitRecord {
    const reason = this.reason[i]!;
    const lo = this.ripLo[i]!, hi = this.ripHi[i]!;
    const ins = this.insns[i];
    const ripBig = (BigInt(hi >>> 0) << 32n) | BigInt(lo);
    const qLo = this.qualLo[i]!, qHi = this.qualHi[i]!;
    const rec: ExitRecord = {
      seq: this.seq[i]!,
      icount: this.icount[i]!,
      reason,
      name: exitReasonName(reason),
      qualification: hex64(qLo, qHi),
      qualText: describeQualification(reason, qLo, qHi),
      rip: '0x' + ripBig.toString(16),
      insn: ins ? safeDisasm(ins, ripBig) : '',
      action: formatAction(this.action[i]!, this.a0[i]!, this.a1[i]!, this.a2[i]!, this.flags[i]!,
        hex64(this.glaLo[i]!, this.glaHi[i]!)),
      cycles: this.cycles[i]!,
    };
    const src = locate?.(lo, hi);
    if (src !== undefined) rec.source = src;
    if (this.glaOk[i] === 1) rec.gla = hex64(this.glaLo[i]!, this.glaHi[i]!);
    if (this.gpa[i]! >= 0) rec.gpa = hex(this.gpa[i]!);
    return rec;
  }
}

function safeDisasm(ins: Insn, rip: bigint): string {
  try {
    return disasm(ins, rip);
  } catch {
    return '(?)';
  }
}

const size = (f: number) => (f & AF_1G ? '1 GiB' : f & AF_LARGE ? '2 MiB' : '4 KiB');

/** The action text of one record. */
export function formatAction(code: number, a0: number, a1: number, a2: number, f: number, gla = hex(a0)): string {
  switch (code) {
    case A_NONE: return '';
    case A_CPUID: return `CPUID leaf ${hex(a0)} emulated (hypervisor bit set)`;
    case A_HLT: return 'HLT: no interrupt source can wake the vCPU, VM stops';
    case A_IO_CONSOLE: return f & AF_WRITE ? `console byte ${hex(a0)}` : 'console port read';
    case A_IO_EXIT: return `exit port: guest exit code ${hex(a0)}, VM stops`;
    case A_IO_UNASSIGNED: return f & AF_WRITE ? `port ${hex(a0)} unassigned: write dropped` : `port ${hex(a0)} unassigned: reads all ones`;
    case A_VMCALL: return `hypercall ${a0} -> ${a1 === -1000 ? '-KVM_ENOSYS' : a1}`;
    case A_MSR: return `${f & AF_WRITE ? 'WRMSR' : 'RDMSR'} ${hex(a0)} emulated${f & AF_RESET ? ', shadow MMU reset' : ''}`;
    case A_CR_WRITE: return `MOV to CR${a0} emulated${f & AF_RESET ? ', shadow MMU reset (' + a1 + ' shadow pages zapped)' : ''}`;
    case A_CR3_FLUSH: return `CR3 reload (same root): TLB flush${a0 > 0 ? `, root synced (${a0} sptes zapped)` : ''}`;
    case A_CR3_CACHED: return `shadow root switch, cached (root hpa ${hex(a0)})${a1 > 0 ? `, synced (${a1} sptes zapped)` : ''}`;
    case A_CR3_NEW: return `shadow root switch, new root built (root hpa ${hex(a0)})`;
    case A_CR3_READ: return `MOV from CR3: guest CR3 ${hex(a0)}`;
    case A_INVLPG: return f & AF_ZAPPED ? `INVLPG ${gla}: shadow entry dropped (${a1} sptes zapped), TLB entry flushed` : `INVLPG ${gla}: TLB entry flushed`;
    case A_INVPCID: return `INVPCID type ${a0} emulated`;
    case A_EPT_MAP:
      return `EPT map gpa ${hex(a0)} -> hva ${hex(a1)} -> hpa ${hex(a2)} (${size(f)}), ${f & AF_NEW_FRAME ? 'new frame' : 'already backed'}`;
    case A_MMIO_SETUP: return `MMIO gpa ${hex(a0)}: misconfigured EPT entry installed, ${f & AF_WRITE ? 'write dropped' : 'read emulated (all ones)'}`;
    case A_MMIO: return `MMIO gpa ${hex(a0)}: ${f & AF_WRITE ? 'write dropped' : 'read emulated (all ones)'}`;
    case A_PF_FIXED:
      return `shadow fill gva ${gla} -> gpa ${hex(a1)} -> hpa ${hex(a2)}${f & AF_READONLY ? ', read-only' : ''}${f & AF_NEW_FRAME ? ', new frame' : ''}`;
    case A_PF_GUEST: return `guest #PF ${f & AF_AGAIN ? 're-injected (its delivery exited)' : 'injected'}: CR2 ${gla}, error code ${hex(a1)}`;
    case A_PTE_WRITE: return `write to guest page table gpa ${hex(a0)} emulated`;
    case A_PF_SPURIOUS: return `spurious #PF on gva ${gla}: shadow already up to date`;
    case A_TRIPLE: return 'triple fault: VM shut down';
    case A_ERROR: return 'unhandled: VM stops with an error';
    default: return `action ${code}`;
  }
}

