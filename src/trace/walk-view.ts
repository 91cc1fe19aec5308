// `pagevisor walk`: the translation of one GVA, every memory reference of the walk numbered, with
// its address space, the entry read and its flags decoded. The references come from the MMU's own
// walk log (X86Mmu.explain, and the hypervisor's guest walk for shadow paging): nothing is re-walked here.

import type { WalkRef } from '../mmu/walk.js';
import type { ModeName, WalkReport } from './session.js';

const TWO32 = 4294967296;
const LEVEL_NAMES = ['', 'PT', 'PD', 'PDPT', 'PML4', 'PML5'];

export const hex = (n: number) => '0x' + n.toString(16);
const hex16 = (lo: number, hi: number) => (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');

/** Flags of an IA-32e paging entry, named as in the SDM tables 4-14..4-20. */
export function pteFlags(lo: number, hi: number, level: number): string {
  if ((lo & 1) === 0) return 'not present';
  const f: string[] = ['P', lo & 2 ? 'RW' : 'RO', lo & 4 ? 'US' : 'S'];
  if (lo & 8) f.push('PWT');
  if (lo & 0x10) f.push('PCD');
  if (lo & 0x20) f.push('A');
  const leaf = level === 1 || (level <= 3 && (lo & 0x80) !== 0);
  if (leaf && lo & 0x40) f.push('D');
  if (level <= 3 && level > 1 && lo & 0x80) f.push('PS');
  if (leaf && lo & 0x100) f.push('G');
  if (hi & 0x80000000) f.push('XD');
  return f.join(' ');
}

/** Flags of an EPT entry (SDM 29.3.2). */
export function eptFlags(lo: number, _hi: number, level: number): string {
  if ((lo & 7) === 0) return 'not present';
  const f = [(lo & 1 ? 'R' : '-') + (lo & 2 ? 'W' : '-') + (lo & 4 ? 'X' : '-')];
  const leaf = level === 1 || (level <= 3 && (lo & 0x80) !== 0);
  if (leaf) f.push(`MT=${(lo >>> 3) & 7}`);
  if (leaf && lo & 0x40) f.push('IPAT');
  if (level <= 3 && level > 1 && lo & 0x80) f.push('PS');
  if (lo & 0x100) f.push('A');
  if (leaf && lo & 0x200) f.push('D');
  return f.join(' ');
}

export interface WalkLine {
  n: number;
  /** the address space the reference is named in: PA (native), GPA (a guest entry, read at its HPA), HPA (an EPT or shadow entry) */
  space: 'PA' | 'GPA' | 'HPA';
  table: string;
  level: number;
  index: number;
  addr: string;
  hpa: string;
  entry: string;
  flags: string;
  /** for EPT references: the guest-physical address being translated */
  for?: string;
}

/** The references of one walk as numbered lines. `final` is the GPA the last EPT group translates. */
export function walkLines(refs: WalkRef[], kind: 'native' | 'guest' | 'shadow' | '2d', final?: number): WalkLine[] {
  const out: WalkLine[] = [];
  // In a 2-D walk the EPT references before a guest entry translate that entry's GPA;
  // the ones after the last guest entry translate the final GPA.
  const target: (number | undefined)[] = new Array(refs.length).fill(undefined);
  let pending: number[] = [];
  refs.forEach((r, i) => {
    if (r.space === 'HPA(EPT)') pending.push(i);
    else { for (const j of pending) target[j] = r.addr; pending = []; }
  });
  for (const j of pending) target[j] = final;
  refs.forEach((r, i) => {
    const ept = r.space === 'HPA(EPT)';
    const space = ept || kind === 'shadow' ? 'HPA' : r.space === 'GPA' ? 'GPA' : 'PA';
    const table = (ept ? 'EPT ' : kind === 'shadow' ? 'shadow ' : kind === '2d' || kind === 'guest' ? 'guest ' : '') + (LEVEL_NAMES[r.level] ?? `L${r.level}`);
    const line: WalkLine = {
      n: i + 1, space, table, level: r.level, index: (r.addr % 4096) / 8, addr: hex(r.addr), hpa: hex(r.hpa),
      entry: '0x' + hex16(r.entryLo, r.entryHi),
      flags: ept ? eptFlags(r.entryLo, r.entryHi, r.level) : pteFlags(r.entryLo, r.entryHi, r.level),
    };
    const t = target[i];
    if (ept && t !== undefined) line.for = hex(t);
    out.push(line);
  });
  return out;
}

function table(lines: WalkLine[], showHpa: boolean): string[] {
  const rows = lines.map((l) => [
    String(l.n), l.space, l.table, String(l.index), l.addr, ...(showHpa ? [l.hpa] : []), l.entry, l.flags + (l.for ? `   (for GPA ${l.for})` : ''),
  ]);
  const head = ['#', 'space', 'table', 'index', 'entry address', ...(showHpa ? ['read at HPA'] : []), 'entry', 'flags'];
  const all = [head, ...rows];
  const w = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => '  ' + r.map((x, c) => (c === r.length - 1 ? x : c === 0 ? x.padStart(w[c]!) : x.padEnd(w[c]!))).join('  ').trimEnd());
}

function pageSize(shift: number | undefined): string {
  return shift === 30 ? '1 GiB' : shift === 21 ? '2 MiB' : '4 KiB';
}

export interface WalkView {
  gva: string;
  mode: ModeName;
  status: string;
  gpa?: string;
  hpa?: string;
  pageSize?: string;
  /** memory references the processor makes on a TLB miss (the walk's total) */
  references: number;
  walk: WalkLine[];
  /** shadow mode: the guest walk the hypervisor performs on a shadow miss */
  guestWalk?: WalkLine[];
  guestReferences?: number;
  errorCode?: string;
}

export function walkView(gvaLo: number, gvaHi: number, mode: ModeName, r: WalkReport): WalkView {
  const gva = '0x' + ((BigInt(gvaHi >>> 0) << 32n) | BigInt(gvaLo >>> 0)).toString(16);
  const kind = mode === 'native' ? 'native' : mode === 'ept' ? '2d' : 'shadow';
  const v: WalkView = {
    gva, mode, status: r.hardware.status, references: r.hardwareWalk.length,
    walk: walkLines(r.hardwareWalk, kind, r.gpa),
  };
  if (r.gpa !== undefined && mode !== 'native') v.gpa = hex(r.gpa);
  if (r.hardware.status === 'ok') {
    v.hpa = hex(r.hardware.pa);
    v.pageSize = pageSize(r.hardware.pageShift);
  }
  if (r.hardware.errorCode !== undefined) v.errorCode = hex(r.hardware.errorCode);
  if (kind === 'shadow') {
    v.guestWalk = walkLines(r.guestWalk, 'guest');
    v.guestReferences = r.guestWalk.length;
  }
  return v;
}

/** The text form. `header` says where the guest was stopped. */
export function formatWalk(v: WalkView, header: string): string {
  const out: string[] = [header];
  const addrName = v.mode === 'native' ? 'PA' : 'HPA';
  if (v.mode === 'native') {
    out.push(`GVA ${v.gva}: the 1-D walk (${v.references} memory reference${v.references === 1 ? '' : 's'}, cold TLB and paging-structure caches)`);
    out.push(...table(v.walk, false));
  } else if (v.mode === 'ept') {
    out.push(`GVA ${v.gva}: the 2-D walk: each guest table address (a GPA) goes through the EPT before its entry is read, then the final GPA does`);
    out.push(...table(v.walk, true));
  } else {
    out.push(`GVA ${v.gva}: the processor walks the shadow tables (HPA), cold caches`);
    out.push(...table(v.walk, false));
    out.push(`on a shadow miss the hypervisor walks the guest's tables (GPA, ${v.guestReferences} reference${v.guestReferences === 1 ? '' : 's'}):`);
    out.push(...table(v.guestWalk ?? [], true));
  }
  if (v.status === 'ok') {
    out.push(`-> ${v.gpa ? `GPA ${v.gpa} -> ` : ''}${addrName} ${v.hpa} (${v.pageSize} page): ${v.references} memory reference${v.references === 1 ? '' : 's'}`);
  } else if (v.status === 'page-fault') {
    out.push(`-> #PF (error code ${v.errorCode}): not mapped${v.mode.startsWith('shadow') ? ' in the shadow tables' : ''}, after ${v.references} memory reference${v.references === 1 ? '' : 's'}${v.mode.startsWith('shadow') && v.gpa ? ` (the guest maps it to GPA ${v.gpa}: a hidden fault fills it)` : ''}`);
  } else if (v.status === 'ept-violation' || v.status === 'ept-misconfig') {
    const last = v.walk[v.walk.length - 1];
    const what = last?.for ? `GPA ${last.for}` : v.gpa ? `GPA ${v.gpa}` : 'a GPA';
    out.push(v.status === 'ept-violation'
      ? `-> EPT violation after ${v.references} memory references: ${what} has no EPT mapping yet (the first access exits with EPT_VIOLATION and the hypervisor maps it)`
      : `-> EPT misconfiguration after ${v.references} memory references: ${what} is MMIO (every access exits with EPT_MISCONFIG)`);
  } else {
    out.push(`-> ${v.status} after ${v.references} memory references`);
  }
  return out.join('\n') + '\n';
}

export { TWO32 };
