// `pagevisor inspect`: the guest's state in the shapes of QEMU's monitor (target/i386/monitor.c):
// `info tlb` (one line per leaf mapping: vaddr: paddr XGPDACTUW), `info mem` (ranges with the same
// user/write rights merged: start-end size urw) and `info registers`.

import type { Cpu } from '../cpu/cpu.js';
import { readEntry, type Session } from './session.js';
import { formatSource, type Locator } from './runner.js';

const TWO32 = 4294967296;
const PG_P = 1, PG_RW = 2, PG_US = 4, PG_PWT = 8, PG_PCD = 0x10, PG_A = 0x20, PG_D = 0x40, PG_PS = 0x80, PG_G = 0x100;

export interface Leaf {
  /** linear address (as a non-negative number below 2^57, before sign extension) */
  va: number;
  pa: number;
  lo: number;
  hi: number;
  /** page size in bytes */
  size: number;
  /** rights accumulated over the levels: P | RW | US ANDed (as QEMU's info mem) */
  prot: number;
}

/** Every present leaf of the guest's tables, in address order. */
export function guestLeaves(s: Session): Leaf[] {
  const c = s.cpu;
  if ((c.cr0 & 0x80000000) === 0) return [];
  const levels = (c.cr4 & 0x1000) !== 0 ? 5 : 4;
  const out: Leaf[] = [];
  const visit = (table: number, level: number, base: number, prot: number) => {
    const page = s.readGuestPhys(table, 4096);
    const dv = new DataView(page.buffer, page.byteOffset, 4096);
    const span = 2 ** (12 + 9 * (level - 1));
    for (let i = 0; i < 512; i++) {
      const lo = dv.getUint32(i * 8, true), hi = dv.getUint32(i * 8 + 4, true);
      if ((lo & PG_P) === 0) continue;
      const va = base + i * span;
      const p = prot & (lo & (PG_P | PG_RW | PG_US));
      const leaf = level === 1 || (level <= 3 && (lo & PG_PS) !== 0);
      const addr = ((lo & 0xfffff000) >>> 0) + (hi & 0xfffff) * TWO32;
      if (leaf) out.push({ va, pa: addr - (addr % span), lo, hi, size: span, prot: p });
      else if (level > 1) visit(addr, level - 1, va, p);
      if (out.length > 4_000_000) return;
    }
  };
  const cr3 = Math.floor(c.cr3 / 4096) * 4096 % 2 ** 52;
  visit(cr3, levels, 0, PG_P | PG_RW | PG_US);
  return out;
}

/** Sign-extends a linear address (bit 47, or 56 with 5 levels) to 16 hex digits. */
export function canonicalHex(va: number, levels: number): string {
  let v = BigInt(va);
  const bit = BigInt(levels === 5 ? 56 : 47);
  if ((v >> bit) & 1n) v |= ((1n << 64n) - 1n) ^ ((1n << (bit + 1n)) - 1n);
  return v.toString(16).padStart(16, '0');
}

function levelsOf(c: Cpu): number {
  return (c.cr4 & 0x1000) !== 0 ? 5 : 4;
}

/** QEMU's `info tlb` (print_pte): one line per leaf. */
export function infoTlb(s: Session): string {
  const lv = levelsOf(s.cpu);
  return guestLeaves(s).map((l) => {
    const f = l.lo, h = l.hi;
    return `${canonicalHex(l.va, lv)}: ${l.pa.toString(16).padStart(16, '0')} ` +
      (h & 0x80000000 ? 'X' : '-') + (f & PG_G ? 'G' : '-') + (f & PG_PS ? 'P' : '-') + (f & PG_D ? 'D' : '-') +
      (f & PG_A ? 'A' : '-') + (f & PG_PCD ? 'C' : '-') + (f & PG_PWT ? 'T' : '-') + (f & PG_US ? 'U' : '-') + (f & PG_RW ? 'W' : '-');
  }).join('\n') + '\n';
}

/** QEMU's `info mem` (mem_print): contiguous linear ranges with the same rights merged. */
export function infoMem(s: Session): string {
  const lv = levelsOf(s.cpu);
  const lines: string[] = [];
  let start = -1, end = 0, prot = 0;
  const flush = () => {
    if (start < 0) return;
    lines.push(`${canonicalHex(start, lv)}-${canonicalHex(end, lv)} ${(end - start).toString(16).padStart(16, '0')} ${prot & PG_US ? 'u' : '-'}r${prot & PG_RW ? 'w' : '-'}`);
    start = -1;
  };
  for (const l of guestLeaves(s)) {
    if (start >= 0 && l.va === end && l.prot === prot) { end += l.size; continue; }
    flush();
    start = l.va; end = l.va + l.size; prot = l.prot;
  }
  flush();
  return lines.join('\n') + (lines.length ? '\n' : '');
}

const h16 = (v: bigint) => (v & 0xffffffffffffffffn).toString(16).padStart(16, '0');
const h64 = (lo: number, hi: number) => h16((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));

/** QEMU's `info registers` (x86_cpu_dump_state, 64-bit), with the instruction at RIP and its source line. */
export function infoRegisters(s: Session, loc: Locator): string {
  const c = s.cpu;
  const r = (n: number) => h16(c.getReg(n));
  const fl = c.getRflags();
  const flag = (bit: number, ch: string) => (fl & bit ? ch : '-');
  const seg = ['ES', 'CS', 'SS', 'DS', 'FS', 'GS'];
  const segIdx = [0, 1, 2, 3, 4, 5];
  const lines = [
    `RAX=${r(0)} RBX=${r(3)} RCX=${r(1)} RDX=${r(2)}`,
    `RSI=${r(6)} RDI=${r(7)} RBP=${r(5)} RSP=${r(4)}`,
    `R8 =${r(8)} R9 =${r(9)} R10=${r(10)} R11=${r(11)}`,
    `R12=${r(12)} R13=${r(13)} R14=${r(14)} R15=${r(15)}`,
    `RIP=${h64(c.ripLo, c.ripHi)} RFL=${(fl >>> 0).toString(16).padStart(8, '0')} [${flag(0x400, 'D')}${flag(0x800, 'O')}${flag(0x80, 'S')}${flag(0x40, 'Z')}${flag(0x10, 'A')}${flag(4, 'P')}${flag(1, 'C')}] CPL=${c.seg[1]! & 3} II=0 A20=1 SMM=0 HLT=0`,
  ];
  segIdx.forEach((i, k) => {
    const sel = c.seg[i]!;
    const base = i === 4 ? h64(c.fsBaseLo, c.fsBaseHi) : i === 5 ? h64(c.gsBaseLo, c.gsBaseHi) : h16(0n);
    lines.push(`${seg[k]} =${sel.toString(16).padStart(4, '0')} ${base} ${'ffffffff'} ${sel === 0 ? '00000000' : i === 1 ? '00a09b00' : '00c09300'}`);
  });
  lines.push(`GDT=     ${h64(c.gdtrBaseLo, c.gdtrBaseHi)} ${c.gdtrLimit.toString(16).padStart(8, '0')}`);
  lines.push(`IDT=     ${h64(c.idtrBaseLo, c.idtrBaseHi)} ${c.idtrLimit.toString(16).padStart(8, '0')}`);
  lines.push(`CR0=${(c.cr0 >>> 0).toString(16).padStart(8, '0')} CR2=${h64(c.cr2Lo, c.cr2Hi)} CR3=${h16(BigInt(c.cr3))} CR4=${(c.cr4 >>> 0).toString(16).padStart(8, '0')}`);
  lines.push(`EFER=${h16(BigInt(c.efer >>> 0))}`);
  const w = loc.where(c.ripLo, c.ripHi);
  const src = formatSource(w.source);
  lines.push(`insn ${s.instructions}  rip ${w.rip}  ${w.insn}${src ? '  ' + src : ''}`);
  return lines.join('\n') + '\n';
}

/** A paging hierarchy as an indented dump (the shadow and EPT tables; `fmt` names the entries' flags). */
export function dumpHierarchy(
  read: (addr: number) => [number, number], root: number, levels: number, flags: (lo: number, hi: number, level: number) => string,
  present: (lo: number) => boolean, limit = 2000,
): string {
  const names = ['', 'PT', 'PD', 'PDPT', 'PML4', 'PML5'];
  const out: string[] = [`root 0x${root.toString(16)} (${levels} levels)`];
  let n = 0;
  const visit = (table: number, level: number, base: number, depth: number) => {
    const span = 2 ** (12 + 9 * (level - 1));
    for (let i = 0; i < 512 && n < limit; i++) {
      const [lo, hi] = read(table + i * 8);
      if (!present(lo)) continue;
      const leaf = level === 1 || (level <= 3 && (lo & PG_PS) !== 0);
      const addr = ((lo & 0xfffff000) >>> 0) + (hi & 0xfffff) * TWO32;
      const va = base + i * span;
      out.push(`${'  '.repeat(depth)}${names[level]}[${i}] 0x${va.toString(16)}: ${(hi >>> 0).toString(16).padStart(8, '0')}${(lo >>> 0).toString(16).padStart(8, '0')} -> 0x${(addr - (addr % (leaf ? span : 4096))).toString(16)} ${flags(lo, hi, level)}${leaf ? ` (${span >= 2 ** 30 ? '1G' : span >= 2 ** 21 ? '2M' : '4K'})` : ''}`);
      n++;
      if (!leaf) visit(addr, level - 1, va, depth + 1);
    }
  };
  visit(root, levels, 0, 1);
  if (n >= limit) out.push(`  ... (more than ${limit} entries; dump cut)`);
  return out.join('\n') + '\n';
}

export { readEntry };
