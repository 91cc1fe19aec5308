// System instructions: hlt, in/out, cpuid, rdtsc, rdmsr/wrmsr, mov to/from CRn, invlpg, invpcid,
// lgdt/lidt/sgdt/sidt, cli/sti, clc/stc/cmc/cld/std, nop/fences, ud2, vmcall.
// Each consults the hypervisor's exit hooks (cpu.exits) first when they are installed.

import type { Cpu } from './cpu.js';
import { Insn } from './insn.js';
import { materialize, CF, IF, DF } from './flags.js';
import { CpuFault, VEC_GP, VEC_UD } from './exceptions.js';
import {
  CR0_PG, CR0_PE, CR0_WP, CR0_CD, CR0_NW, CR0_ET, CR4_PAE, CR4_LA57, CR4_PGE, CR4_PCIDE, CR4_VALID,
  EFER_LME, EFER_LMA, EFER_NXE, EFER_SCE, MSR_EFER, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE, MSR_TSC,
  MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_FMASK, MSR_PAT, MSR_APIC_BASE,
} from './regs.js';

const TWO32 = 4294967296;
/** MAXPHYADDR of this machine. */
export const MAXPHYADDR = 40;

export function hlt(c: Cpu): number {
  if (c.exits?.hlt?.(c)) return 1;
  // No interrupt sources are modelled: HLT ends the run (with IF=1 nothing could wake it either).
  c.requestStop('hlt', 0, (c.flags & IF) ? 'hlt with interrupts enabled (no interrupt sources)' : 'hlt with interrupts disabled');
  return 1;
}

export function inOut(c: Cpu, i: Insn, isIn: boolean): number {
  const port = i.sub === 0 ? i.imm & 0xff : c.R[4]! & 0xffff;
  const sz = i.osz === 8 ? 4 : i.osz;
  const out = isIn ? 0 : c.readReg(sz, 0, 1) >>> 0;
  if (c.exits?.io?.(c, port, sz, isIn, out)) return 1;
  if (isIn) {
    const v = c.io.portIn(port, sz);
    c.writeReg(sz, 0, 1, sz === 4 ? v | 0 : v, 0);
  } else c.io.portOut(port, sz, sz === 4 ? out : out & (sz === 1 ? 0xff : 0xffff));
  return 1; // a device may have asked to stop
}

function str4(s: string, k: number): number {
  return s.charCodeAt(k) | (s.charCodeAt(k + 1) << 8) | (s.charCodeAt(k + 2) << 16) | (s.charCodeAt(k + 3) << 24);
}

/** CPUID vendor string (12 characters). */
export const CPU_VENDOR = 'PagevisorCPU';

/** What CPUID reports: leaf (eax) / subleaf (ecx) -> [eax, ebx, ecx, edx]. */
export function cpuidValues(c: Cpu, leaf: number, sub: number): [number, number, number, number] {
  switch (leaf >>> 0) {
    case 0: return [7, str4(CPU_VENDOR, 0), str4(CPU_VENDOR, 8), str4(CPU_VENDOR, 4)];
    case 1:
      // family 6, model 0x0f; ECX: PCID(17) when modelled; EDX: PSE(3) TSC(4) MSR(5) PAE(6) PGE(13) CMOV(15)
      return [0x000006f1, 0, c.pcidSupported ? 1 << 17 : 0, (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 13) | (1 << 15)];
    case 7:
      if (sub !== 0) return [0, 0, 0, 0];
      // EBX: INVPCID(10); ECX: LA57(16) when 5-level paging is modelled
      return [0, 1 << 10, c.la57Supported ? 1 << 16 : 0, 0];
    case 0x80000000: return [0x80000008 | 0, 0, 0, 0];
    case 0x80000001:
      // EDX: NX(20) Page1GB(26) LM(29)
      return [0, 0, 0, (1 << 20) | (1 << 26) | (1 << 29)];
    case 0x80000008:
      // EAX[7:0] physical address bits, EAX[15:8] linear address bits (57 while CR4.LA57 is set)
      return [MAXPHYADDR | (((c.cr4 & CR4_LA57) ? 57 : 48) << 8), 0, 0, 0];
    default: return [0, 0, 0, 0];
  }
}

export function cpuid(c: Cpu): number {
  if (c.exits?.cpuid?.(c)) return 1;
  const R = c.R;
  const [a, b, cx, d] = cpuidValues(c, R[0]!, R[2]!);
  R[0] = a; R[1] = 0; R[6] = b; R[7] = 0; R[2] = cx; R[3] = 0; R[4] = d; R[5] = 0;
  return 0;
}

/** RDTSC: the time-stamp counter is the number of instructions retired. */
export function rdtsc(c: Cpu): number {
  const t = c.icount;
  const R = c.R;
  R[0] = t % TWO32 | 0; R[1] = 0;
  R[4] = Math.floor(t / TWO32) | 0; R[5] = 0;
  return 0;
}

// ---- MSRs

export function readMsr(c: Cpu, msr: number): [number, number] {
  switch (msr) {
    case MSR_EFER: return [c.efer, 0];
    case MSR_FS_BASE: return [c.fsBaseLo, c.fsBaseHi];
    case MSR_GS_BASE: return [c.gsBaseLo, c.gsBaseHi];
    case MSR_KERNEL_GS_BASE: return [c.kgsBaseLo, c.kgsBaseHi];
    case MSR_TSC: return [c.icount % TWO32 | 0, Math.floor(c.icount / TWO32) | 0];
    case MSR_STAR: case MSR_LSTAR: case MSR_CSTAR: case MSR_FMASK: case MSR_PAT: case MSR_APIC_BASE: {
      const v = c.msrs.get(msr);
      if (v) return v;
      if (msr === MSR_PAT) return [0x00070406, 0x00070406];
      if (msr === MSR_APIC_BASE) return [0xfee00900 | 0, 0];
      return [0, 0];
    }
  }
  throw new CpuFault(VEC_GP, 0);
}

function canonical(c: Cpu, hi: number): boolean {
  return (c.cr4 & CR4_LA57) !== 0 ? ((hi << 7) >> 7) === hi : ((hi << 16) >> 16) === hi;
}

export function writeMsr(c: Cpu, msr: number, lo: number, hi: number): void {
  switch (msr) {
    case MSR_EFER: {
      // writable: SCE, LME, NXE; LMA is set by the processor; everything else is reserved
      if (hi !== 0 || (lo & ~(EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)) !== 0) throw new CpuFault(VEC_GP, 0);
      if ((c.cr0 & CR0_PG) && ((lo ^ c.efer) & EFER_LME)) throw new CpuFault(VEC_GP, 0);
      const nv = (lo & (EFER_SCE | EFER_LME | EFER_NXE)) | (c.efer & EFER_LMA);
      if (nv !== c.efer) { c.efer = nv; c.syncPaging(); c.flushFastTlb(); } // NXE: rights are checked per access by the MMU
      return;
    }
    case MSR_FS_BASE: case MSR_GS_BASE: case MSR_KERNEL_GS_BASE:
      if (!canonical(c, hi)) throw new CpuFault(VEC_GP, 0);
      if (msr === MSR_FS_BASE) { c.fsBaseLo = lo >>> 0; c.fsBaseHi = hi | 0; }
      else if (msr === MSR_GS_BASE) { c.gsBaseLo = lo >>> 0; c.gsBaseHi = hi | 0; }
      else { c.kgsBaseLo = lo >>> 0; c.kgsBaseHi = hi | 0; }
      return;
    case MSR_TSC: throw new CpuFault(VEC_GP, 0); // the TSC counts instructions and is read-only here
    case MSR_STAR: case MSR_FMASK: case MSR_PAT: case MSR_APIC_BASE:
      c.msrs.set(msr, [lo | 0, hi | 0]);
      return;
    case MSR_LSTAR: case MSR_CSTAR:
      if (!canonical(c, hi)) throw new CpuFault(VEC_GP, 0);
      c.msrs.set(msr, [lo | 0, hi | 0]);
      return;
  }
  throw new CpuFault(VEC_GP, 0);
}

export function rdmsr(c: Cpu): number {
  const R = c.R, msr = R[2]! >>> 0;
  if (c.exits?.msr?.(c, false, msr)) return 1;
  const [lo, hi] = readMsr(c, msr);
  R[0] = lo; R[1] = 0; R[4] = hi; R[5] = 0;
  return 0;
}

export function wrmsr(c: Cpu): number {
  const R = c.R, msr = R[2]! >>> 0;
  if (c.exits?.msr?.(c, true, msr)) return 1;
  writeMsr(c, msr, R[0]!, R[4]!);
  return 1;
}

// ---- control registers

/** mov r64, CRn */
export function movRCr(c: Cpu, i: Insn): number {
  if (c.exits?.crAccess?.(c, i.reg, false, i.rm)) return 1;
  let lo: number, hi: number;
  switch (i.reg) {
    case 0: lo = c.cr0; hi = 0; break;
    case 2: lo = c.cr2Lo; hi = c.cr2Hi; break;
    case 3: lo = c.cr3 % TWO32; hi = Math.floor(c.cr3 / TWO32); break;
    case 4: lo = c.cr4; hi = 0; break;
    default: lo = c.cr8; hi = 0; break;
  }
  c.writeReg(8, i.rm, 1, lo | 0, hi | 0);
  return 0;
}

/** Writes CRn with the SDM's checks (#GP(0) for reserved bits and invalid combinations); used by mov and by hypervisors. */
export function writeCr(c: Cpu, cr: number, lo: number, hi: number): void {
  lo >>>= 0;
  switch (cr) {
    case 0: {
      if (hi !== 0) throw new CpuFault(VEC_GP, 0);
      // bits 31:0 that are reserved are ignored; ET is fixed to 1
      let v = (lo & (0x1 | 0x2 | 0x4 | 0x8 | 0x20 | 0x10000 | 0x40000 | 0x20000000 | 0x40000000 | 0x80000000)) | CR0_ET;
      v >>>= 0;
      if ((v & CR0_PG) && !(v & CR0_PE)) throw new CpuFault(VEC_GP, 0);
      if ((v & CR0_NW) && !(v & CR0_CD)) throw new CpuFault(VEC_GP, 0);
      if (!(v & CR0_PG) && (c.efer & EFER_LMA)) throw new CpuFault(VEC_GP, 0); // leaving long mode is not modelled
      const changed = (v ^ c.cr0) >>> 0;
      c.cr0 = v;
      if (c.mmu.movCr0) c.mmu.movCr0(v);
      else { c.syncPaging(); if (changed & (CR0_PG | CR0_WP)) c.mmu.flushAll(); }
      c.flushFastTlb();
      return;
    }
    case 2: c.cr2Lo = lo; c.cr2Hi = hi | 0; return;
    case 3: {
      // bits 62:MAXPHYADDR are reserved; bit 63 is the "no flush" hint with CR4.PCIDE (not stored)
      const pcide = (c.cr4 & CR4_PCIDE) !== 0;
      const h = pcide ? hi & 0x7fffffff : hi;
      if ((h >>> 0) >= 1 << (MAXPHYADDR - 32)) throw new CpuFault(VEC_GP, 0);
      c.cr3 = (h >>> 0) * TWO32 + lo;
      if (c.mmu.movCr3) c.mmu.movCr3(lo, hi);
      else { c.syncPaging(); c.mmu.flushNonGlobal(); }
      c.flushFastTlb();
      return;
    }
    case 4: {
      const valid = CR4_VALID | (c.pcidSupported ? CR4_PCIDE : 0);
      if (hi !== 0 || (lo & ~valid) !== 0) throw new CpuFault(VEC_GP, 0);
      if ((lo & CR4_LA57) && !c.la57Supported) throw new CpuFault(VEC_GP, 0);
      if ((c.efer & EFER_LMA) && !(lo & CR4_PAE)) throw new CpuFault(VEC_GP, 0);
      if ((c.efer & EFER_LMA) && ((lo ^ c.cr4) & CR4_LA57)) throw new CpuFault(VEC_GP, 0);
      // PCIDE 0 -> 1 needs CR3[11:0] = 0 (and IA-32e mode, which is always on here)
      if ((lo & CR4_PCIDE) && !(c.cr4 & CR4_PCIDE) && (c.cr3 % 4096) !== 0) throw new CpuFault(VEC_GP, 0);
      const changed = lo ^ c.cr4;
      c.cr4 = lo;
      if (c.mmu.movCr4) c.mmu.movCr4(lo);
      else { c.syncPaging(); if (changed & (CR4_PGE | CR4_PCIDE | CR4_PAE)) c.mmu.flushAll(); }
      c.flushFastTlb();
      return;
    }
    case 8:
      if (hi !== 0 || (lo & ~0xf) !== 0) throw new CpuFault(VEC_GP, 0);
      c.cr8 = lo;
      return;
  }
  throw new CpuFault(VEC_UD);
}

/** mov CRn, r64 */
export function movCrR(c: Cpu, i: Insn): number {
  if (c.exits?.crAccess?.(c, i.reg, true, i.rm)) return 1;
  const lo = c.R[i.rm << 1]!, hi = c.R[(i.rm << 1) + 1]!;
  writeCr(c, i.reg, lo, hi);
  return 1;
}

export function invlpg(c: Cpu, i: Insn): number {
  c.ea(i);
  const lo = c.eaLo, hi = c.eaHi;
  if (c.exits?.invlpg?.(c, lo, hi)) return 1;
  // a non-canonical address: no operation (SDM)
  if (canonical(c, hi)) c.mmu.invlpg(lo, hi);
  c.flushFastTlb(); // the fast caches do not know page sizes: drop them all
  return 1;
}

/** invpcid r64, m128: types 0 (address), 1 (single context), 2 (all incl. global), 3 (all but global). */
export function invpcid(c: Cpu, i: Insn): number {
  const type = c.R[i.reg << 1]!, typeHi = c.R[(i.reg << 1) + 1]!;
  c.ea(i);
  const d0 = c.rd(4, c.eaLo, c.eaHi), d1 = c.rd(4, c.eaLo + 4, c.eaHi);
  const al = c.rd(4, c.eaLo + 8, c.eaHi), ah = c.rd(4, c.eaLo + 12, c.eaHi);
  if (typeHi !== 0 || type < 0 || type > 3) throw new CpuFault(VEC_GP, 0);
  if ((d0 & ~0xfff) !== 0 || d1 !== 0) throw new CpuFault(VEC_GP, 0); // reserved descriptor bits
  const pcid = d0 & 0xfff;
  if (c.exits?.invpcid?.(c, type, pcid, al, ah)) return 1;
  if ((type === 0 || type === 1) && pcid !== 0 && !(c.cr4 & CR4_PCIDE)) throw new CpuFault(VEC_GP, 0);
  if (type === 0 && !canonical(c, ah)) throw new CpuFault(VEC_GP, 0);
  if (c.mmu.invpcid) c.mmu.invpcid(type, pcid, al >>> 0, ah);
  else if (type === 0) c.mmu.invlpg(al >>> 0, ah);
  else if (type === 2) c.mmu.flushAll();
  else c.mmu.flushNonGlobal();
  c.flushFastTlb();
  return 1;
}

/** lgdt / lidt m16&64 */
export function lgdtLidt(c: Cpu, i: Insn, idt: boolean): number {
  c.ea(i);
  const lim = c.rd(2, c.eaLo, c.eaHi);
  let lo = c.eaLo + 2, hi = c.eaHi;
  if (lo >= TWO32) { lo -= TWO32; hi = (hi + 1) | 0; }
  const bl = c.rd(8, lo, hi), bh = c.th;
  if (idt) { c.idtrLimit = lim; c.idtrBaseLo = bl >>> 0; c.idtrBaseHi = bh; }
  else { c.gdtrLimit = lim; c.gdtrBaseLo = bl >>> 0; c.gdtrBaseHi = bh; }
  return 1;
}

/** sgdt / sidt m16&64 */
export function sgdtSidt(c: Cpu, i: Insn, idt: boolean): number {
  c.ea(i);
  const lim = idt ? c.idtrLimit : c.gdtrLimit;
  const bl = idt ? c.idtrBaseLo : c.gdtrBaseLo, bh = idt ? c.idtrBaseHi : c.gdtrBaseHi;
  c.probeWrite(c.eaLo, c.eaHi, 10);
  c.wr(2, c.eaLo, c.eaHi, lim, 0);
  let lo = c.eaLo + 2, hi = c.eaHi;
  if (lo >= TWO32) { lo -= TWO32; hi = (hi + 1) | 0; }
  c.wr(8, lo, hi, bl | 0, bh);
  return 0;
}

// ---- flags

export function flagOp(c: Cpu, which: 'cli' | 'sti' | 'clc' | 'stc' | 'cmc' | 'cld' | 'std'): number {
  materialize(c);
  switch (which) {
    case 'cli': c.flags &= ~IF; break;
    case 'sti': c.flags |= IF; break;
    case 'clc': c.flags &= ~CF; break;
    case 'stc': c.flags |= CF; break;
    case 'cmc': c.flags ^= CF; break;
    case 'cld': c.flags &= ~DF; break;
    case 'std': c.flags |= DF; break;
  }
  c.flags >>>= 0;
  return 0;
}

export function ud(): number {
  throw new CpuFault(VEC_UD);
}

/** vmcall: #UD outside VMX non-root operation, unless a hypervisor hook handles it. */
export function vmcall(c: Cpu): number {
  if (c.exits?.vmcall?.(c)) return 1;
  throw new CpuFault(VEC_UD);
}
