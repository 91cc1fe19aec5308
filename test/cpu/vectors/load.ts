// Loader for the hardware-captured ALU reference vectors (test/cpu/vectors/*.json).
// See README.md in this folder for the format and how the vectors were produced.
//
//   for (const c of loadVectors()) {
//     set rax rbx rcx rdx from c.in (and the other registers to anything), RFLAGS = c.in.rflags;
//     place c.bytes at RIP and execute exactly one instruction;
//     if (c.exception) expect #DE (and no state change);
//     else expect rax..rdx === c.out.rax..rdx and (rflags & c.definedMask) === (c.out.rflags & c.definedMask)
//   }
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export type GprName = 'rax' | 'rbx' | 'rcx' | 'rdx';
export const GPRS: readonly GprName[] = ['rax', 'rbx', 'rcx', 'rdx'];

/** The status flags and their RFLAGS bits. */
export const FLAG = { CF: 0x001, PF: 0x004, AF: 0x010, ZF: 0x040, SF: 0x080, OF: 0x800 } as const;
/** CF | PF | AF | ZF | SF | OF */
export const STATUS_FLAGS = 0x8d5;

export const FAMILIES = ['alu', 'unary', 'shift', 'rotate', 'muldiv', 'bit', 'ext', 'cond'] as const;
export type Family = (typeof FAMILIES)[number];

export interface AluRegs {
  rax: bigint;
  rbx: bigint;
  rcx: bigint;
  rdx: bigint;
  /** Full RFLAGS image (pushfq): includes bit 1 (always 1) and IF (0x200) on output. */
  rflags: number;
}

export interface AluCase {
  /** Which file the case came from (`<family>.json`). */
  family: Family;
  /** Mnemonic as written in `asm`: 'adc', 'shl', 'imul', 'cmovbe', 'setg', 'movzx', 'cqo', ... */
  op: string;
  /** Operand size in bits; for movzx/movsx/movsxd/cbw/cwde/cdqe/cwd/cdq/cqo the destination size. */
  size: 8 | 16 | 32 | 64;
  /** The instruction in NASM syntax (bits 64); `strict byte 1` forces the C0/C1 imm8 encoding. */
  asm: string;
  /** Exactly the bytes nasm produced for `asm`, and exactly what ran on the CPU. */
  bytes: Uint8Array;
  /** `bytes` as lowercase hex. */
  hex: string;
  /** Registers and RFLAGS before the instruction. */
  in: AluRegs;
  /**
   * Complete state after the instruction: registers the instruction does not write are copied
   * from `in` (the generator checked on hardware that they are unchanged).  Equal to `in` when
   * `exception` is set (faults leave the state unchanged).
   */
  out: AluRegs;
  /** Registers the instruction writes (the keys of the JSON's `out` besides rflags). */
  written: GprName[];
  /** '#DE' when the CPU raised a divide error (div/idiv by 0 or quotient overflow). */
  exception: '#DE' | null;
  /** Which of CF PF AF ZF SF OF are architecturally defined afterwards (computed or unaffected). */
  definedMask: number;
}

interface RawRegs {
  rax?: string;
  rbx?: string;
  rcx?: string;
  rdx?: string;
  rflags: string;
}
interface RawCase {
  op: string;
  size: number;
  asm: string;
  bytes: string;
  in: Required<RawRegs>;
  out?: RawRegs;
  exception?: string;
  definedMask: string;
}

export const VECTORS_DIR = dirname(fileURLToPath(import.meta.url));

function hexToBytes(hex: string): Uint8Array {
  const b = new Uint8Array(hex.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return b;
}

function parseCase(family: Family, r: RawCase): AluCase {
  const inRegs: AluRegs = {
    rax: BigInt(r.in.rax),
    rbx: BigInt(r.in.rbx),
    rcx: BigInt(r.in.rcx),
    rdx: BigInt(r.in.rdx),
    rflags: Number(r.in.rflags),
  };
  const written: GprName[] = [];
  const out: AluRegs = { ...inRegs };
  if (r.out) {
    for (const g of GPRS) {
      const v = r.out[g];
      if (v !== undefined) {
        out[g] = BigInt(v);
        written.push(g);
      }
    }
    out.rflags = Number(r.out.rflags);
  }
  if (r.size !== 8 && r.size !== 16 && r.size !== 32 && r.size !== 64) throw new Error(`bad size in ${r.asm}`);
  if (r.exception !== undefined && r.exception !== '#DE') throw new Error(`bad exception in ${r.asm}`);
  return {
    family,
    op: r.op,
    size: r.size,
    asm: r.asm,
    bytes: hexToBytes(r.bytes),
    hex: r.bytes,
    in: inRegs,
    out,
    written,
    exception: r.exception === '#DE' ? '#DE' : null,
    definedMask: Number(r.definedMask),
  };
}

const cache = new Map<Family, AluCase[]>();

/** Cases of one family file, parsed (cached). */
export function loadFamily(family: Family): AluCase[] {
  let cs = cache.get(family);
  if (!cs) {
    const raw = JSON.parse(readFileSync(join(VECTORS_DIR, `${family}.json`), 'utf8')) as RawCase[];
    cs = raw.map((r) => parseCase(family, r));
    cache.set(family, cs);
  }
  return cs;
}

/** All cases of all families (about 9000), in file order. */
export function loadVectors(): AluCase[] {
  return FAMILIES.flatMap((f) => loadFamily(f));
}

/** Provenance written by the generator (CPU model, tool versions, seed, counts). */
export interface VectorsMeta {
  cpu: string;
  vendor: string;
  family: number;
  model: number;
  stepping: number;
  microcode: string;
  hypervisor: boolean;
  compiler: string;
  assembler: string;
  seed: string;
  files: Record<string, number>;
  total: number;
  divideErrors: number;
  distinctInstructions: number;
}
export function loadMeta(): VectorsMeta {
  return JSON.parse(readFileSync(join(VECTORS_DIR, 'meta.json'), 'utf8')) as VectorsMeta;
}

/** Does an emulator's RFLAGS agree with the hardware on the defined status flags? */
export function flagsMatch(c: AluCase, rflags: number): boolean {
  return ((rflags ^ c.out.rflags) & c.definedMask) === 0;
}

/** Human-readable flag set, e.g. "CF|ZF". */
export function flagNames(f: number): string {
  const n = (Object.keys(FLAG) as (keyof typeof FLAG)[]).filter((k) => f & FLAG[k]);
  return n.length ? n.join('|') : '-';
}
