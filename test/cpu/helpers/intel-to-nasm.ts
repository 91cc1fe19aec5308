// Turns one line of objdump-dialect Intel syntax (what src/cpu/disasm.ts prints) into NASM source,
// for the round-trip test: disassemble, reassemble, compare bytes. `len` is the instruction's length
// (it picks short/near branches, which the text does not say).
const STRING_OPS = new Set(['movs', 'stos', 'lods', 'cmps', 'scas']);
const SUFFIX: Record<string, string> = { BYTE: 'b', WORD: 'w', DWORD: 'd', QWORD: 'q' };

export function intelToNasm(text: string, len: number): string {
  let t = text;
  let ripTarget: string | undefined;
  const cm = / # (0x[0-9a-f]+)$/.exec(t);
  if (cm) { ripTarget = cm[1]; t = t.slice(0, cm.index); }
  const words = t.split(' ');
  const pre: string[] = [];
  while (['lock', 'rep', 'repz', 'repnz'].includes(words[0]!)) {
    const p = words.shift()!;
    pre.push(p === 'repz' ? 'repe' : p === 'repnz' ? 'repne' : p);
  }
  let mn = words.shift()!;
  const ops = words.join(' ');
  if (STRING_OPS.has(mn)) {
    const m = /(BYTE|WORD|DWORD|QWORD) PTR/.exec(ops)!;
    const segs = [...ops.matchAll(/(\w\w):\[/g)].map((x) => x[1]);
    const over = segs.find((s, i) => (mn === 'stos' || mn === 'scas' || (mn === 'movs' && i === 0) || (mn === 'cmps' && i === 1) ? s !== 'es' : s !== 'ds'));
    const a32 = /\[e(si|di)\]/.test(ops) ? 'a32 ' : '';
    return [...pre, (over ? over + ' ' : '') + a32 + mn + SUFFIX[m[1]!]].join(' ');
  }
  let o = ops
    .replace(/(BYTE|WORD|DWORD|QWORD) PTR /g, (_, s: string) => s.toLowerCase() + ' ')
    .replace(/\b(es|cs|ss|ds|fs|gs):\[/g, '[$1:')
    .replace(/\b(es|cs|ss|ds|fs|gs):(0x[0-9a-f]+)/g, (_, s: string, v: string) => (s === 'ds' ? `[${v}]` : `[${s}:${v}]`));
  // an explicit zero displacement means the encoding has one: NASM drops it unless told
  o = o.replace(/\[(\w+:)?([a-z0-9]+(\+[a-z0-9]+\*\d)?)\+0x0\]/, '[$1byte $2+0x0]').replace('[byte ', '[byte ');
  if (ripTarget) o = o.replace(/\[rip[+-]0x[0-9a-f]+\]/, `[rel $$$$+${ripTarget}]`);
  if (mn === 'movabs') {
    mn = 'mov';
    if (o.includes('[')) o = o.replace(/\[(0x[0-9a-f]+)\]/, '[qword $1]');
    else o = o.replace(/,(0x[0-9a-f]+)$/, ',strict qword $1');
  }
  // NASM puts xchg's first register in ModRM.reg, objdump shows ModRM.rm first: swap register pairs
  if (mn === 'xchg' && /^\w+,\w+$/.test(o)) o = o.split(',').reverse().join(',');
  if (mn === 'invlpg') o = o.replace(/^byte /, '');
  if (mn === 'pushw') { mn = 'push'; o = 'word ' + o; }
  if (/^(j[a-z]+|call)$/.test(mn) && /^0x[0-9a-f]+$/.test(o) && mn !== 'jrcxz' && mn !== 'jecxz' && mn !== 'call') {
    o = (len === 2 ? 'short ' : 'near ') + o;
  }
  return [...pre, mn + (o ? ' ' + o : '')].join(' ');
}
