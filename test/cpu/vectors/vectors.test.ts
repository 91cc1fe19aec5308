// Sanity tests of the hardware-captured ALU vectors themselves (no emulator involved):
// format, coverage, and agreement with an independent SDM reference model (model.ts) on the
// result registers and on every defined flag.  If the model and the hardware disagree, the
// hardware wins: fix the model or the defined-flag rules.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FAMILIES,
  GPRS,
  STATUS_FLAGS,
  VECTORS_DIR,
  flagNames,
  flagsMatch,
  loadFamily,
  loadMeta,
  loadVectors,
  type AluCase,
} from './load.js';
import { model, sdmDefinedMask, shiftCount } from './model.js';

const hex = (v: bigint | number) => '0x' + v.toString(16);

function disagreement(c: AluCase): string | null {
  const m = model(c);
  const where = `${c.asm} [${c.hex}] in{rax=${hex(c.in.rax)} rbx=${hex(c.in.rbx)} rcx=${hex(c.in.rcx)} rdx=${hex(c.in.rdx)} fl=${hex(c.in.rflags)}}`;
  if (m.exception !== c.exception) return `${where}: exception model=${m.exception} hw=${c.exception}`;
  if (c.exception) return null;
  for (const g of GPRS)
    if (m.out[g] !== c.out[g]) return `${where}: ${g} model=${hex(m.out[g])} hw=${hex(c.out[g])}`;
  if (!flagsMatch(c, m.out.rflags)) {
    const diff = (m.out.rflags ^ c.out.rflags) & c.definedMask;
    return `${where}: defined flags differ in ${flagNames(diff)} (model=${hex(m.out.rflags)} hw=${hex(c.out.rflags)} mask=${hex(c.definedMask)})`;
  }
  return null;
}

describe('ALU reference vectors (captured from the host CPU)', () => {
  const all = loadVectors();
  const meta = loadMeta();

  it('match meta.json (counts, provenance) and stay small', () => {
    expect(meta.cpu.length).toBeGreaterThan(0);
    expect(all.length).toBe(meta.total);
    for (const f of FAMILIES) expect(loadFamily(f).length, f).toBe(meta.files[`${f}.json`]);
    expect(all.filter((c) => c.exception).length).toBe(meta.divideErrors);
    let bytes = 0;
    for (const f of FAMILIES) bytes += statSync(join(VECTORS_DIR, `${f}.json`)).size;
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('are well formed', () => {
    // plain checks collected into a list: one expect() per case would be slow
    const bad: string[] = [];
    const check = (ok: boolean, c: AluCase, what: string) => {
      if (!ok) bad.push(`${c.asm}: ${what}`);
    };
    const asmBytes = new Map<string, string>();
    const u64 = (v: bigint) => v >= 0n && v < 1n << 64n;
    for (const c of all) {
      check(c.bytes.length > 0 && c.bytes.length <= 15, c, 'instruction length');
      check(c.asm.split(' ')[0] === c.op, c, 'op is the mnemonic');
      const prev = asmBytes.get(c.asm); // one encoding per asm text
      check(prev === undefined || prev === c.hex, c, 'same asm, different bytes');
      asmBytes.set(c.asm, c.hex);
      check(GPRS.every((g) => u64(c.in[g]) && u64(c.out[g])), c, 'register values are u64');
      check((c.in.rflags & 0x2) === 0x2, c, 'rflags bit 1 set');
      check((c.in.rflags & ~(STATUS_FLAGS | 0x202)) === 0, c, 'only status flags and IF on input');
      check((c.definedMask & ~STATUS_FLAGS) === 0, c, 'definedMask within the status flags');
      check(!c.exception || c.op === 'div' || c.op === 'idiv', c, 'only div/idiv fault');
      // bits of RFLAGS other than the status flags are untouched by these instructions
      check(!!c.exception || (c.out.rflags & ~STATUS_FLAGS) === (c.in.rflags & ~STATUS_FLAGS), c, 'non-status rflags bits kept');
      check(!c.exception || c.written.length === 0, c, 'no out registers for a fault');
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('carry the defined-flag mask of the SDM rules', () => {
    const bad: string[] = [];
    for (const c of all) {
      const count = ['shl', 'sal', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr'].includes(c.op) ? shiftCount(c) : 0;
      const m = c.exception ? 0 : sdmDefinedMask(c.op, c.size, count);
      if (m !== c.definedMask) bad.push(`${c.asm} count=${count}: recorded ${hex(c.definedMask)} rules ${hex(m)}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  describe.each(FAMILIES)('%s.json agrees with the SDM reference model', (family) => {
    it('on results, exceptions and defined flags', () => {
      const bad: string[] = [];
      for (const c of loadFamily(family)) {
        const d = disagreement(c);
        if (d) bad.push(d);
      }
      expect(bad.slice(0, 10), `${bad.length} disagreements`).toEqual([]);
    });
  });

  it('would catch a wrong result or a wrong defined flag (the comparison is not vacuous)', () => {
    let resultCaught = 0, flagCaught = 0, tried = 0;
    for (let i = 0; i < all.length; i += 7) {
      const c = all[i]!;
      if (c.exception) continue;
      tried++;
      const g = c.written[0];
      if (g) {
        if (disagreement({ ...c, out: { ...c.out, [g]: c.out[g] ^ 1n } })) resultCaught++;
      } else resultCaught++;
      const f = c.definedMask & -c.definedMask; // lowest defined flag
      if (!f || disagreement({ ...c, out: { ...c.out, rflags: c.out.rflags ^ f } })) flagCaught++;
    }
    expect(tried).toBeGreaterThan(1000);
    expect(resultCaught).toBe(tried);
    expect(flagCaught).toBe(tried);
  });

  it('cover every operation and operand size', () => {
    const have = new Set(all.map((c) => `${c.op}/${c.size}`));
    const want: string[] = [];
    const s4 = [8, 16, 32, 64], s3 = [16, 32, 64];
    for (const op of ['add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp', 'test', 'inc', 'dec', 'neg', 'not',
      'shl', 'sal', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr', 'mul', 'imul', 'div', 'idiv', 'xchg'])
      for (const s of s4) want.push(`${op}/${s}`);
    for (const op of ['bt', 'bts', 'btr', 'btc', 'bsf', 'bsr', 'movzx', 'movsx']) for (const s of s3) want.push(`${op}/${s}`);
    for (const cc of ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g']) {
      want.push(`set${cc}/8`);
      for (const s of s3) want.push(`cmov${cc}/${s}`);
    }
    want.push('bswap/32', 'bswap/64', 'cbw/16', 'cwde/32', 'cdqe/64', 'cwd/16', 'cdq/32', 'cqo/64', 'movsxd/64');
    expect(want.filter((k) => !have.has(k))).toEqual([]);

    // every shift/rotate count 0..width+1 through CL, plus masked counts beyond
    for (const op of ['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr'])
      for (const w of s4) {
        const counts = new Set(all.filter((c) => c.op === op && c.size === w && c.asm.endsWith(', cl')).map((c) => shiftCount(c)));
        for (let k = 0; k <= w + 1; k++) expect(counts.has(k), `${op}/${w} count ${k}`).toBe(true);
        for (const k of [33, 65, 255]) expect(counts.has(k), `${op}/${w} count ${k}`).toBe(true);
      }
    // adc/sbb with both carry-in values; the imm forms; 1-, 2- and 3-operand imul; #DE cases
    for (const op of ['adc', 'sbb'])
      for (const cf of [0, 1]) expect(all.some((c) => c.op === op && (c.in.rflags & 1) === cf)).toBe(true);
    for (const form of [/^imul [a-d]?[lx]$|^imul [er][a-d]x$/, /^imul \w+, \w+$/, /^imul \w+, \w+, -?0x/])
      expect(all.some((c) => form.test(c.asm)), String(form)).toBe(true);
    for (const op of ['div', 'idiv']) for (const w of s4) expect(all.some((c) => c.op === op && c.size === w && c.exception)).toBe(true);
  });

  it('exercise every condition both ways', () => {
    for (const c of all.filter((x) => x.op.startsWith('set'))) expect(c.out.rax & ~1n, c.asm).toBe(c.in.rax & ~0xffn);
    const outcomes = new Map<string, Set<boolean>>();
    for (const c of all.filter((x) => x.op.startsWith('cmov') || x.op.startsWith('set'))) {
      const m = (1n << BigInt(c.size)) - 1n;
      const taken = c.op.startsWith('set') ? (c.out.rax & 1n) === 1n : (c.out.rax & m) === (c.in.rbx & m);
      const k = `${c.op}/${c.size}`;
      if (!outcomes.has(k)) outcomes.set(k, new Set());
      outcomes.get(k)!.add(taken);
    }
    for (const [k, v] of outcomes) expect(v.size, k).toBe(2);
  });
});
