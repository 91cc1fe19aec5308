// Decoder + disassembler against objdump: the checked-in corpus (test/cpu/corpus/corpus.expected,
// recorded by scripts/gen-disasm-expected.sh), the same corpus live when nasm and objdump are here,
// and a round trip: disassemble, reassemble the text with nasm, compare bytes.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Insn, Op } from '../../src/cpu/insn.js';
import { decode } from '../../src/cpu/decode.js';
import { disasm } from '../../src/cpu/disasm.js';
import { toolsAvailable, nasm, nasmFile, objdump, normObjdump } from './helpers/tools.js';
import { intelToNasm } from './helpers/intel-to-nasm.js';
import { assemble } from '../../src/asm/assemble.js';

const dir = fileURLToPath(new URL('./corpus/', import.meta.url));
const expected = readFileSync(dir + 'corpus.expected', 'utf8').trim().split('\n').map((l) => {
  const [off, bytes, text] = l.split('\t');
  return { offset: parseInt(off!, 16), bytes: bytes!, text: text! };
});
const corpus = new Uint8Array(expected.flatMap((e) => e.bytes.split(' ').map((b) => parseInt(b, 16))));

function decodeAll(buf: Uint8Array) {
  const out: { offset: number; len: number; text: string; ins: Insn }[] = [];
  for (let pos = 0; pos < buf.length;) {
    const ins = new Insn();
    const n = decode(buf, pos, buf.length, ins);
    expect(n, `decode at 0x${pos.toString(16)}`).toBeGreaterThan(0);
    out.push({ offset: pos, len: n, text: disasm(ins, pos), ins });
    pos += n;
  }
  return out;
}

describe('decoder and disassembler vs objdump', () => {
  it('the corpus covers every form (sanity: many instructions, no (bad))', () => {
    expect(expected.length).toBeGreaterThan(2500);
    expect(expected.filter((e) => e.text.includes('(bad)'))).toEqual([]);
  });

  it('agrees with the recorded objdump output on length and text', () => {
    const ours = decodeAll(corpus);
    const mism: string[] = [];
    const n = Math.min(ours.length, expected.length);
    for (let i = 0; i < n; i++) {
      const o = ours[i]!, e = expected[i]!;
      if (o.offset !== e.offset) { mism.push(`offset ${e.offset.toString(16)}: length differs (${e.bytes})`); break; }
      if (o.text !== normObjdump(e.text)) mism.push(`${e.offset.toString(16)} ${e.bytes}: ours "${o.text}" objdump "${normObjdump(e.text)}"`);
    }
    expect(mism.slice(0, 20)).toEqual([]);
    expect(ours.length).toBe(expected.length);
  });

  it.skipIf(!toolsAvailable('nasm', 'objdump'))('agrees with live nasm + objdump on the corpus', () => {
    const bin = nasmFile(dir + 'corpus.asm');
    expect(Buffer.from(bin).equals(Buffer.from(corpus)), 'corpus.expected is stale: run scripts/gen-disasm-expected.sh').toBe(true);
    const live = objdump(bin);
    const ours = decodeAll(bin);
    expect(ours.map((o) => o.text)).toEqual(live.map((l) => normObjdump(l.text)));
  });

  /** Reassembles our disassembly of the corpus with `asm` and checks the bytes (see the nasm test). */
  function roundTrip(asm: (src: string) => Uint8Array) {
    const ours = decodeAll(corpus);
    const lines = ours.map((o) => intelToNasm(o.text, o.len));
    // every instruction at its own offset (padding with int3), so one different length does not shift the rest
    const src = 'bits 64\ndefault abs\n' + lines.map((l, i) => `times 0x${ours[i]!.offset.toString(16)}-($-$$) db 0xcc\n${l}`).join('\n') + '\n';
    const bin = asm(src);
    const equivalent: string[] = [];
    for (let i = 0; i < ours.length; i++) {
      const o = ours[i]!;
      const got = bin.subarray(o.offset, o.offset + o.len), want = corpus.subarray(o.offset, o.offset + o.len);
      if (Buffer.from(got).equals(Buffer.from(want))) continue;
      // A different encoding of the same text is fine only when the text cannot say which one
      // (e.g. the corpus's hand-written multi-byte NOPs with a zero displacement NASM drops).
      const re = new Insn();
      decode(bin, o.offset, bin.length, re);
      expect(`${lines[i]} -> ${disasm(re, o.offset)}`).toBe(`${lines[i]} -> ${o.text}`);
      equivalent.push(lines[i]!);
    }
    expect(equivalent.length).toBeLessThan(6);
  }

  it.skipIf(!toolsAvailable('nasm'))('round trip: disassembly reassembled by nasm gives the same bytes', () => {
    roundTrip((src) => nasm(src));
  });

  it('round trip: disassembly reassembled by pagevisor\'s assembler gives the same bytes', () => {
    roundTrip((src) => {
      const r = assemble(src);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`)).toEqual([]);
      return r.bytes;
    });
  });

  it('undecodable bytes decode as #UD with the bytes kept', () => {
    for (const bytes of [[0x0f, 0xff], [0x06], [0x27], [0x8f, 0xc8 | 0x08], [0xf0, 0x90], [0xf0, 0x01, 0xc0], [0x8e, 0xc8], [0x0f, 0x20, 0xc8]]) {
      const ins = new Insn();
      const buf = new Uint8Array([...bytes, 0, 0, 0, 0]);
      decode(buf, 0, buf.length, ins);
      expect(ins.op, bytes.join(',')).toBe(Op.UD);
      expect(ins.bytes.length).toBeGreaterThan(0);
    }
  });

  it('reports truncation instead of reading past the end', () => {
    const full = [0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8];
    for (let n = 1; n < full.length; n++) {
      expect(decode(new Uint8Array(full), 0, n, new Insn())).toBe(0);
    }
    expect(decode(new Uint8Array(full), 0, full.length, new Insn())).toBe(10);
  });

  it('limits instructions to 15 bytes', () => {
    const buf = new Uint8Array([...new Array(14).fill(0x2e), 0x90, 0x90]);
    const ins = new Insn();
    decode(buf, 0, buf.length, ins);
    expect(ins.op).toBe(Op.NOP);
    const buf2 = new Uint8Array([...new Array(15).fill(0x2e), 0x90]);
    decode(buf2, 0, buf2.length, ins);
    expect(ins.op).toBe(Op.UD);
  });
});
