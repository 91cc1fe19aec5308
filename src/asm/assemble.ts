// The assembler driver: preprocess, lex, parse, then assemble in passes until
// every label stops moving (NASM's optimiser does the same), then one final
// pass that reports errors and emits the bytes.

import { lexer, classify, buildWordTable, Newline } from './lexer.js';
import { LineParser } from './parser.js';
import type { Expr, LineAst, OperandAst, Statement, Span } from './ast.js';
import { AsmError, type Diagnostic } from './diagnostics.js';
import { evaluate, isConstantExpr, s64, u64, type EvalContext, type SymbolValue, type Value } from './expr.js';
import { encode, isMnemonic, PREFIX_NAMES } from './encoder.js';
import { preprocess, resolveInclude, type SourceLine } from './preprocess.js';
import type { Instruction, Operand } from './types.js';
import type { RegInfo } from './registers.js';
import { readFileSync } from 'node:fs';

export interface AssembleOptions {
  /** Name of the source file, used in diagnostics and to resolve includes. */
  file?: string;
  /** -D NAME[=VALUE] */
  defines?: Record<string, string>;
  /** -I DIR */
  includePaths?: string[];
  readFile?: (path: string) => string | undefined;
  readBinary?: (path: string) => Uint8Array | undefined;
}

/** One emitted byte range and the source line it came from. */
export interface LineMapEntry {
  /** Offset of the first byte in `bytes`. */
  offset: number;
  length: number;
  file: string;
  line: number;
  source: string;
}

export interface Image {
  /** Address of bytes[0] (the `org`, aligned as the section alignment requires). */
  origin: bigint;
  bytes: Uint8Array;
  symbols: Map<string, bigint>;
  lines: LineMapEntry[];
}

export interface AssembleResult extends Image {
  diagnostics: Diagnostic[];
  /** No errors: `bytes` is the program. */
  ok: boolean;
  /** Optimisation passes it took for every label to settle (the final pass not counted). */
  passes: number;
}

const MAX_PASSES = 64;

interface Stmt {
  src: SourceLine;
  ast: LineAst;
  /** Fully qualified label defined by this line, if any. */
  label?: string;
  /** Cached encoding for instructions whose operands never change between passes. */
  cached?: Uint8Array;
  constant: boolean;
  /** Symbols the line refers to, and whether it uses `$$`. */
  refs: string[];
  usesStart: boolean;
  /**
   * The size of a symbolic instruction in the last pass, with its address and
   * the values of its symbols then (see sizeUnchanged).
   */
  size?: number;
  sizeAt?: number;
  sizeRefs?: (SymbolValue | undefined)[];
  /** Its size can no longer change (see sizeIsFixed). */
  sizeFixed: boolean;
  /** A branch to a plain number: its size depends on its own address. */
  numericTarget: boolean;
}

const defaultReadFile = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const defaultReadBinary = (p: string) => {
  try {
    return new Uint8Array(readFileSync(p));
  } catch {
    return undefined;
  }
};

let sharedParser: LineParser | undefined;
let sharedLookup: ReturnType<typeof buildWordTable> | undefined;

export function assemble(source: string, options: AssembleOptions = {}): AssembleResult {
  const file = options.file ?? '<input>';
  const pp = preprocess(source, {
    file,
    defines: options.defines,
    includePaths: options.includePaths,
    readFile: options.readFile ?? defaultReadFile,
  });
  const result = assembleLines(pp.lines, options);
  result.diagnostics.unshift(...pp.diagnostics);
  // In source order, whichever stage found them (stable within a line).
  const fileRank = new Map<string, number>();
  for (const d of result.diagnostics) if (!fileRank.has(d.file)) fileRank.set(d.file, fileRank.size);
  result.diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line : fileRank.get(a.file)! - fileRank.get(b.file)!));
  result.ok = !result.diagnostics.some((d) => d.severity === 'error');
  if (!result.ok) result.bytes = new Uint8Array(0);
  return result;
}

/** Assembles already preprocessed lines. */
export function assembleLines(lines: SourceLine[], options: AssembleOptions = {}): AssembleResult {
  const asm = new Assembler(lines, options);
  return asm.run();
}

class Assembler {
  diagnostics: Diagnostic[] = [];
  stmts: Stmt[] = [];
  /** Symbol values from the previous pass (or this pass once defined). */
  symbols = new Map<string, SymbolValue>();
  /** Where each symbol is defined (statement index), known after parsing. */
  definedAt = new Map<string, number>();
  origin = 0n;
  originSet = false;
  sectionAlign = 1n;
  passes = 0;
  /** See findFixedRuns: runEnd[i] > i starts a run of fixed-size statements up to runEnd[i]. */
  runEnd?: Int32Array;
  runSize?: Float64Array;
  defaultRel = false;
  readBinary: (p: string) => Uint8Array | undefined;
  readFile: (p: string) => string | undefined;
  includePaths: string[];

  constructor(
    private lines: SourceLine[],
    options: AssembleOptions,
  ) {
    this.readBinary = options.readBinary ?? defaultReadBinary;
    this.readFile = options.readFile ?? defaultReadFile;
    this.includePaths = options.includePaths ?? [];
  }

  error(src: SourceLine, message: string, at?: Span, severity: 'error' | 'warning' = 'error') {
    const expanded = src.text !== src.source;
    this.diagnostics.push({
      severity,
      file: src.file,
      line: src.line,
      column: at?.col ?? 0,
      length: at?.len,
      message: src.macro && expanded ? `${message} (in expansion of macro '${src.macro.name}')` : message,
      sourceText: expanded ? src.text : src.source,
    });
  }

  run(): AssembleResult {
    this.parse();
    // Lines that did not parse are left out, and the passes still run, so the
    // errors they would find are reported in the same run.
    let pass = 0;
    let changed = true;
    while (changed && pass < MAX_PASSES) {
      changed = this.pass(false, null);
      if (pass <= 1) this.findFixedRuns();
      pass++;
    }
    this.passes = pass;
    if (changed) this.diagnostics.push({ severity: 'error', file: this.lines[0]?.file ?? '<input>', line: 0, column: 0, message: `phase error: labels did not settle after ${MAX_PASSES} passes` });
    const out: Emitter = new Emitter();
    this.pass(true, out);
    const symbols = new Map<string, bigint>();
    for (const [k, v] of this.symbols) symbols.set(k, v.value);
    const ok = !this.diagnostics.some((d) => d.severity === 'error');
    return {
      origin: this.origin,
      bytes: ok ? out.bytes() : new Uint8Array(0),
      symbols,
      lines: out.lines,
      diagnostics: this.diagnostics,
      ok,
      passes: this.passes,
    };
  }

  // ---- parsing -------------------------------------------------------

  parse() {
    sharedParser ??= new LineParser();
    sharedLookup ??= buildWordTable(isMnemonic, PREFIX_NAMES);
    const parser = sharedParser;
    const text = this.lines.map((l) => l.text).join('\n');
    const lexed = lexer.tokenize(text);
    for (const e of lexed.errors) {
      const src = this.lines[(e.line ?? 1) - 1]!;
      this.error(src, `unexpected character '${text.substr(e.offset, e.length)}'`, { col: e.column ?? 1, len: e.length });
    }
    classify(lexed.tokens, sharedLookup);
    // Walk the token stream line by line: the tokens of line i run up to its Newline.
    const tokens = lexed.tokens;
    let next = 0;
    let globalLabel = '';
    for (let i = 0; i < this.lines.length; i++) {
      const first = next;
      while (next < tokens.length && tokens[next]!.tokenType !== Newline) next++;
      const toks = tokens.slice(first, next);
      next++; // the Newline
      if (toks.length === 0) continue;
      const src = this.lines[i]!;
      parser.semanticErrors = [];
      parser.input = toks;
      const ast = parser.line();
      if (parser.errors.length > 0) {
        this.parseError(src, toks, parser.errors[0]!);
        continue;
      }
      for (const e of parser.semanticErrors) this.error(src, e.message, e.at);
      // Every field present from the start: one hidden class for all statements keeps the passes' loads monomorphic.
      const stmt: Stmt = { src, ast, label: undefined, cached: undefined, constant: false, refs: [], usesStart: false, size: undefined, sizeAt: undefined, sizeRefs: undefined, sizeFixed: false, numericTarget: false };
      if (ast.label) {
        let name = ast.label.name;
        // `.x` is local to the last label not starting with a dot (NASM: `..@x` and `..x` are not bases).
        if (name.startsWith('.') && !name.startsWith('..')) name = globalLabel + name;
        else if (!name.startsWith('.')) globalLabel = name;
        if (!ast.label.colon && !ast.equ && !ast.stmt && !ast.times) {
          this.error(src, 'label alone on a line without a colon might be in error', ast.label.at, 'warning');
        }
        if (this.definedAt.has(name)) {
          // Reported once; the second definition is dropped so the passes can settle.
          this.error(src, `label '${name}' inconsistently redefined`, ast.label.at);
          if (ast.equ) continue;
        } else {
          this.definedAt.set(name, this.stmts.length);
          stmt.label = name;
        }
      }
      this.qualify(ast, globalLabel);
      stmt.constant = isConstantLine(ast);
      collectRefs(ast, stmt);
      stmt.numericTarget = ast.stmt?.kind === 'insn' && isBranch(ast.stmt.mnemonic) && ast.stmt.operands.some((o) => o.expr && isConstantExpr(o.expr) && o.expr.k !== 'reg');
      this.stmts.push(stmt);
    }
  }

  /** Rewrites `.local` references to `global.local`. */
  qualify(ast: LineAst, global: string) {
    const fix = (e: Expr | undefined): void => {
      if (!e) return;
      if (e.k === 'sym' && e.name.startsWith('.') && !e.name.startsWith('..')) e.name = global + e.name;
      else if (e.k === 'un') fix(e.a);
      else if (e.k === 'bin') {
        fix(e.a);
        fix(e.b);
      }
    };
    fix(ast.equ);
    fix(ast.times);
    const fixStmt = (s: Statement | undefined): void => {
      if (!s) return;
      switch (s.kind) {
        case 'insn':
          for (const o of s.operands) fix(o.expr ?? o.mem!.expr);
          break;
        case 'data':
          s.items.forEach(fix);
          break;
        case 'res':
          fix(s.count);
          break;
        case 'align':
          fix(s.boundary);
          fixStmt(s.fill);
          break;
        case 'bits':
        case 'org':
          fix(s.value);
          break;
        case 'incbin':
          fix(s.skip);
          fix(s.len);
          break;
      }
    };
    fixStmt(ast.stmt);
  }

  parseError(src: SourceLine, toks: { image: string; startColumn?: number; tokenType: { name: string } }[], err: { message: string; token: { image: string; startColumn?: number; tokenType: { name: string } } }) {
    const first = toks[0]!;
    const at = (t: typeof first): Span => ({ col: t.startColumn ?? 1, len: t.image.length });
    // `mvo eax, 1`: a word at the start that is no instruction, then operands.
    if (first.tokenType.name === 'Ident' && toks.length > 1 && toks[1]!.tokenType.name !== 'Colon') {
      this.error(src, `unknown instruction or directive '${first.image}'`, at(first));
      return;
    }
    const bad = err.token;
    if (bad.tokenType.name === 'EOF') {
      const last = toks[toks.length - 1]!;
      this.error(src, `unexpected end of line after '${last.image}'`, { col: (last.startColumn ?? 1) + last.image.length, len: 1 });
      return;
    }
    if (bad.tokenType.name === 'Ident' && (bad === toks[1] || bad === toks[2]) && toks[1]?.tokenType.name === 'Colon') {
      this.error(src, `unknown instruction or directive '${bad.image}'`, at(bad));
      return;
    }
    this.error(src, `syntax error: unexpected '${bad.image}'`, at(bad));
  }

  // ---- passes --------------------------------------------------------

  /** One pass over the program. Returns whether any symbol changed. */
  pass(final: boolean, out: Emitter | null): boolean {
    let changed = false;
    // Offsets are plain numbers (a file is far below 2^53 bytes); only values are 64-bit.
    let offset = 0;
    const start = alignUp(this.origin, this.sectionAlign);
    const ctx: EvalContext = {
      lookup: (n) => this.symbols.get(n),
      exists: (n) => this.definedAt.has(n),
      offset: 0,
      start,
      index: 0,
      final,
    };
    // `default rel|abs` is not reset between passes: NASM carries the last
    // setting of one pass into the next.
    // A section aligned above `org` starts later; the file is padded with zeros up to it.
    const pad = Number(start - this.origin);
    if (out && pad > 0) out.push(new Uint8Array(pad));
    const define = (name: string, value: bigint, reloc: number, index: number, off: number | undefined) => {
      const old = this.symbols.get(name);
      if (!old || old.value !== value || old.reloc !== reloc) {
        changed = true;
        this.symbols.set(name, { value, reloc, defIndex: index, off });
      }
    };
    const runEnd = final ? undefined : this.runEnd;
    for (let i = 0; i < this.stmts.length; i++) {
      if (runEnd && runEnd[i]! > i) {
        offset += this.runSize![i]!;
        i = runEnd[i]! - 1;
        continue;
      }
      const st = this.stmts[i]!;
      const ast = st.ast;
      ctx.index = i;
      ctx.offset = offset;
      try {
        if (ast.equ) {
          const v = evaluate(ast.equ, ctx);
          if (v.regs && v.regs.length) throw new AsmError('invalid use of a register in an EQU expression', ast.equ.at.col, ast.equ.at.len);
          if (v.unknown) {
            if (this.symbols.delete(st.label!)) changed = true;
          } else define(st.label!, v.c, v.reloc, i, undefined);
          continue;
        }
        if (st.label) define(st.label, start + BigInt(offset), 1, i, offset);
        if (!ast.stmt) continue;
        let count = 1;
        if (ast.times) {
          const v = evaluate(ast.times, ctx);
          if (v.unknown || v.forward || v.reloc !== 0 || v.regs?.length) throw new AsmError('non-constant argument supplied to TIMES', ast.times.at.col, ast.times.at.len);
          const n = s64(v.c);
          if (n < 0n) throw new AsmError(`TIMES value ${n} is negative`, ast.times.at.col, ast.times.at.len);
          if (n > 1n << 31n) throw new AsmError(`TIMES value ${n} is too large`, ast.times.at.col, ast.times.at.len);
          count = Number(n);
        }
        const begin = offset;
        for (let k = 0; k < count; k++) {
          ctx.offset = offset;
          offset += this.statement(st, ast.stmt, ctx, final, out);
        }
        if (out && offset > begin) out.mark(pad + begin, offset - begin, st.src);
      } catch (e) {
        if (!(e instanceof AsmError)) throw e;
        if (final) this.error(st.src, e.message, e.column ? { col: e.column, len: e.length } : undefined);
      }
    }
    // `org` and the section alignment are only known once seen: when they move
    // the section start, every label moves with it (NASM keeps labels as
    // offsets in their section, so a jump's reach never depends on them).
    const next = alignUp(this.origin, this.sectionAlign);
    if (next !== start) {
      changed = true;
      for (const [name, sym] of this.symbols) {
        if (sym.off !== undefined) this.symbols.set(name, { ...sym, value: next + BigInt(sym.off) });
      }
    }
    return changed;
  }

  /** Assembles one statement at ctx.offset; returns its size in bytes. */
  statement(st: Stmt, s: Statement, ctx: EvalContext, final: boolean, out: Emitter | null): number {
    switch (s.kind) {
      case 'insn': {
        if (st.cached) {
          // Constant operands and no warnings: the same bytes in every pass.
          out?.push(st.cached);
          return st.cached.length;
        }
        if (!out && this.sizeUnchanged(st, ctx.offset)) return st.size!;
        const insn = this.instruction(s, ctx);
        const r = encode(insn, { address: ctx.start + BigInt(ctx.offset), defaultRel: this.defaultRel });
        if (!r.ok) {
          if (!final) return 0; // unknown values may make it look wrong until the last pass
          const o = r.operand !== undefined ? s.operands[r.operand] : undefined;
          throw new AsmError(r.message, o ? o.at.col : s.at.col, o ? o.at.len : s.at.len);
        }
        if (final && r.warnings) for (const w of r.warnings) this.error(st.src, w, s.at, 'warning');
        if (final) for (const o of s.operands) if (o.jump === 'near' && o.expr?.k === 'reg') this.error(st.src, 'invalid register size specification ignored', o.at, 'warning');
        if (st.constant && !(r.warnings && r.warnings.length)) st.cached = r.bytes;
        out?.push(r.bytes);
        st.size = r.bytes.length;
        st.sizeFixed = sizeIsFixed(insn, s.operands);
        st.sizeAt = ctx.offset;
        st.sizeRefs = st.refs.map((n) => this.symbols.get(n));
        return st.size;
      }
      case 'data': {
        let size = 0;
        for (const item of s.items) {
          if (item.k === 'str' && (s.items.length > 1 || item.bytes.length > s.unit || s.unit === 1)) {
            const padded = Math.ceil(item.bytes.length / s.unit) * s.unit;
            if (out) {
              const b = new Uint8Array(padded);
              b.set(item.bytes);
              out.push(b);
            }
            size += padded;
            continue;
          }
          if (out) {
            const v = evaluate(item, ctx);
            if (v.regs && v.regs.length) throw new AsmError('invalid use of a register in data', item.at.col, item.at.len);
            if (v.reloc !== 0 && v.reloc !== 1) throw new AsmError('expression is not simple or relocatable', item.at.col, item.at.len);
            if (s.unit < 8) {
              const bits = BigInt(s.unit * 8);
              const sv = s64(v.c);
              if (sv < -(1n << bits) || sv >= 1n << bits) {
                const name = s.unit === 1 ? 'byte' : s.unit === 2 ? 'word' : 'dword';
                this.error(st.src, `${name} data exceeds bounds`, item.at, 'warning');
              }
            }
            out.push(le(v.c, s.unit));
          }
          size += s.unit;
        }
        return size;
      }
      case 'res': {
        const v = s64(this.critical(s.count, ctx, 'non-constant argument supplied to RESx')) * BigInt(s.unit);
        if (v < 0n) throw new AsmError('negative reserve count', s.count.at.col, s.count.at.len);
        if (v > 1n << 31n) throw new AsmError(`reserve count ${v} is too large`, s.count.at.col, s.count.at.len);
        const n = Number(v);
        if (final) this.error(st.src, 'uninitialized space declared in .text section: zeroing', s.at, 'warning');
        out?.push(new Uint8Array(n));
        return n;
      }
      case 'align': {
        const a = this.critical(s.boundary, ctx, 'non-constant argument supplied to ALIGN');
        if (a === 0n || (a & (a - 1n)) !== 0n || a > 1n << 30n) throw new AsmError('alignment must be a power of two', s.boundary.at.col, s.boundary.at.len);
        if (a > this.sectionAlign) this.sectionAlign = a; // NASM's `sectalign on`
        const n = Number(a);
        const pad = (n - (ctx.offset % n)) % n;
        if (s.bss || !s.fill) {
          // `align` fills with NOPs (0x90), `alignb` with zeros, one byte each.
          if (out) out.push(new Uint8Array(pad).fill(s.bss ? 0 : 0x90));
          return pad;
        }
        // NASM's align macro: `times pad <fill>`, the fill repeated once per missing byte.
        const at = ctx.offset;
        let size = 0;
        for (let k = 0; k < pad; k++) {
          ctx.offset = at + size;
          size += this.statement(st, s.fill, ctx, final, out);
        }
        return size;
      }
      case 'incbin': {
        const path = resolveInclude(s.file, st.src.file, this.includePaths, (p: string) => (this.readBinary(p) ? '' : undefined));
        const data = path !== undefined ? this.readBinary(path) : undefined;
        if (!data) throw new AsmError(`unable to open include file '${s.file}'`, s.at.col, s.at.len);
        const skip = s.skip ? Number(this.critical(s.skip, ctx, 'non-constant argument supplied to INCBIN')) : 0;
        const len = s.len ? Number(this.critical(s.len, ctx, 'non-constant argument supplied to INCBIN')) : data.length - skip;
        const slice = data.subarray(Math.min(skip, data.length), Math.min(skip + len, data.length));
        out?.push(slice);
        return slice.length;
      }
      case 'bits': {
        const v = this.critical(s.value, ctx, 'non-constant argument supplied to BITS');
        if (v !== 64n) throw new AsmError(`bits ${v} is not supported: pagevisor assembles 64-bit code only (bits 64)`, s.value.at.col, s.value.at.len);
        return 0;
      }
      case 'org': {
        const v = this.critical(s.value, ctx, 'non-constant argument supplied to ORG');
        if (!this.originSet) {
          this.origin = v;
          this.originSet = true;
        } else if (final && v !== this.origin) throw new AsmError('program origin redefined', s.value.at.col, s.value.at.len);
        return 0;
      }
      case 'default':
        this.defaultRel = s.mode === 'rel';
        return 0;
      case 'ignored':
        return 0;
    }
  }

  /**
   * Runs of statements whose size can never change (no label, no symbol, no
   * `$`): later passes step over each run at once. Found after the first pass,
   * which has cached the constant instructions.
   */
  findFixedRuns() {
    const n = this.stmts.length;
    const fixed = (st: Stmt): number | undefined => {
      const a = st.ast;
      if (st.label || a.equ || !a.stmt || (a.times && !isConstantExpr(a.times))) return a.stmt || a.equ || st.label ? undefined : 0;
      const s = a.stmt;
      let size: number | undefined;
      if (s.kind === 'insn') size = st.cached?.length ?? (st.sizeFixed ? st.size : undefined);
      else if (s.kind === 'data') size = s.items.every(isConstantExpr) ? s.items.reduce((t, e) => t + (e.k === 'str' && (s.items.length > 1 || e.bytes.length > s.unit || s.unit === 1) ? Math.ceil(e.bytes.length / s.unit) * s.unit : s.unit), 0) : undefined;
      if (size === undefined) return undefined;
      if (!a.times) return size;
      const t = s64((a.times as Extract<Expr, { k: 'num' }>).k === 'num' ? (a.times as Extract<Expr, { k: 'num' }>).v : -1n);
      return t >= 0n ? size * Number(t) : undefined;
    };
    const runEnd = new Int32Array(n);
    const runSize = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      const f = fixed(this.stmts[i]!);
      if (f === undefined) continue;
      runEnd[i] = i + 1 < n && runEnd[i + 1]! > i + 1 ? runEnd[i + 1]! : i + 1;
      runSize[i] = f + (runEnd[i]! > i + 1 ? runSize[i + 1]! : 0);
    }
    this.runEnd = runEnd;
    this.runSize = runSize;
  }

  /**
   * Whether an instruction's size cannot have changed since the last pass:
   * every address it uses moved by as much as the instruction itself, and
   * every plain number is the same. Its values relative to `$` are then the
   * same, and an encoding's size depends only on those (NASM never shrinks
   * the field of an address, except a branch's, which is relative).
   */
  sizeUnchanged(st: Stmt, offset: number): boolean {
    if (st.sizeFixed) return true;
    if (st.size === undefined || st.usesStart) return false;
    const moved = offset - st.sizeAt!;
    if (st.numericTarget && moved !== 0) return false; // `jmp 0x100005`: its reach moved with it
    const refs = st.refs;
    for (let i = 0; i < refs.length; i++) {
      const now = this.symbols.get(refs[i]!);
      const then = st.sizeRefs![i];
      if (!now || !then) {
        if (now !== then) return false;
        continue;
      }
      if (now.reloc !== then.reloc) return false;
      if (now.reloc === 0) {
        if (now.value !== then.value) return false;
        continue;
      }
      // An address: it must have moved exactly as much as this instruction.
      // define() keeps the object while the value stays the same.
      const d = now === then ? 0 : now.off !== undefined && then.off !== undefined ? now.off - then.off : Number(now.value - then.value);
      if (d !== moved) return false;
    }
    return true;
  }

  critical(e: Expr, ctx: EvalContext, message: string): bigint {
    const v = evaluate(e, ctx);
    if (v.unknown || v.forward || (v.regs && v.regs.length)) throw new AsmError(message, e.at.col, e.at.len);
    return v.c;
  }

  instruction(s: Extract<Statement, { kind: 'insn' }>, ctx: EvalContext): Instruction {
    const operands: Operand[] = s.operands.map((o) => this.operand(o, ctx));
    return { mnemonic: s.mnemonic, prefixes: s.prefixes, operands };
  }

  operand(o: OperandAst, ctx: EvalContext): Operand {
    if (o.mem) {
      const v = evaluate(o.mem.expr, ctx);
      return this.memory(o, v);
    }
    const e = o.expr!;
    if (e.k === 'reg') {
      // `call near rax` is accepted (near is what it is anyway); short/far are not.
      if (o.jump && o.jump !== 'near') throw new AsmError('invalid combination of opcode and operands', o.at.col, o.at.len);
      return { kind: 'reg', reg: e.reg, size: o.size };
    }
    const v = evaluate(e, ctx);
    if (v.regs && v.regs.length) throw new AsmError('invalid operand: a register cannot be part of an expression outside brackets', e.at.col, e.at.len);
    // An unknown value (a symbol not seen yet) says nothing about relocation until it is known.
    if (!v.unknown && v.reloc !== 0 && v.reloc !== 1) throw new AsmError('expression is not simple or relocatable', e.at.col, e.at.len);
    return {
      kind: 'imm',
      value: v.c,
      size: o.size,
      strict: o.strict,
      jump: o.jump,
      reloc: !v.unknown && v.reloc !== 0,
      unknown: v.unknown,
    };
  }

  memory(o: OperandAst, v: Value): Operand {
    const m = o.mem!;
    const bad = () => new AsmError('invalid effective address', o.at.col, o.at.len);
    let base: RegInfo | undefined;
    let index: RegInfo | undefined;
    let scale: 1 | 2 | 4 | 8 = 1;
    const regs = v.regs ?? [];
    if (regs.length > 2) throw bad();
    for (const t of regs) {
      if (t.reg.cls !== 'gpr' || t.reg.size < 4) throw bad();
    }
    if (regs.length === 1) {
      const t = regs[0]!;
      if (t.mul === 1n) base = t.reg;
      else if (t.mul === 3n || t.mul === 5n || t.mul === 9n) {
        // NASM splits [rax*3] into [rax+rax*2].
        base = t.reg;
        index = t.reg;
        scale = Number(t.mul - 1n) as 2 | 4 | 8;
      } else if (t.mul === 2n || t.mul === 4n || t.mul === 8n) {
        index = t.reg;
        scale = Number(t.mul) as 2 | 4 | 8;
      } else throw bad();
    } else if (regs.length === 2) {
      let [a, b] = regs as [(typeof regs)[0], (typeof regs)[0]];
      // The scaled register is the index; of two unscaled ones, the first
      // written is the base unless its `*1` was written (NASM's hint).
      if ((a.mul !== 1n && b.mul === 1n) || (a.mul === 1n && b.mul === 1n && a.hint)) [a, b] = [b, a];
      if (a.mul !== 1n) throw bad();
      // [rax*3+rbx]: NASM would split rax*3 into two registers, one too many.
      if (b.mul === 3n || b.mul === 5n || b.mul === 9n) throw new AsmError('invalid 64-bit effective address', o.at.col, o.at.len);
      if (b.mul !== 1n && b.mul !== 2n && b.mul !== 4n && b.mul !== 8n) throw bad();
      base = a.reg;
      index = b.reg;
      scale = Number(b.mul) as 1 | 2 | 4 | 8;
    }
    if (!v.unknown && v.reloc !== 0 && v.reloc !== 1) throw new AsmError('expression is not simple or relocatable', o.at.col, o.at.len);
    const seg = m.seg;
    const fsgs = seg !== undefined && (seg.name === 'fs' || seg.name === 'gs');
    const rel = m.relAbs === 'rel' || (this.defaultRel && m.relAbs !== 'abs' && !fsgs);
    return {
      kind: 'mem',
      size: o.size,
      jump: o.jump,
      base,
      index,
      scale,
      disp: v.c,
      hasDisp: hasDisplacement(m.expr),
      dispSize: m.dispSize,
      rel,
      abs: m.relAbs === 'abs',
      relWritten: m.relAbs === 'rel',
      seg,
      reloc: !v.unknown && v.reloc !== 0,
      unknown: v.unknown,
    };
  }
}

/**
 * Whether an instruction's size is settled for good: every value in it is a
 * known address (NASM never shrinks the field of an address: imm32/imm64,
 * disp32, RIP-relative disp32) and it is not a branch whose reach decides
 * between rel8 and rel32. `call` has only rel32.
 */
function sizeIsFixed(insn: Instruction, asts: OperandAst[]): boolean {
  const m = insn.mnemonic;
  if (m !== 'call' && isBranch(m)) return false;
  for (let i = 0; i < insn.operands.length; i++) {
    const o = insn.operands[i]!;
    if (o.kind === 'reg') continue;
    const a = asts[i]!;
    if (isConstantExpr(a.expr ?? a.mem!.expr)) continue; // never changes
    if (o.unknown || !o.reloc) return false; // a number that may still change
  }
  return true;
}

function hasRegister(e: Expr): boolean {
  return e.k === 'reg' || (e.k === 'un' && hasRegister(e.a)) || (e.k === 'bin' && (hasRegister(e.a) || hasRegister(e.b)));
}

/** Whether a memory expression has a displacement term (`[rax+0]` has, `[rax*4]` has not: 4 is a scale). */
function hasDisplacement(e: Expr): boolean {
  switch (e.k) {
    case 'reg':
      return false;
    case 'un':
      return hasDisplacement(e.a);
    case 'bin':
      if (e.op === '*') {
        const ra = hasRegister(e.a);
        const rb = hasRegister(e.b);
        if (ra !== rb) return hasDisplacement(ra ? e.a : e.b);
      }
      return hasDisplacement(e.a) || hasDisplacement(e.b);
    default:
      return true;
  }
}

function collectRefs(ast: LineAst, st: Stmt) {
  const seen = new Set<string>();
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.k === 'sym') seen.add(e.name);
    else if (e.k === 'start') st.usesStart = true;
    else if (e.k === 'un') walk(e.a);
    else if (e.k === 'bin') {
      walk(e.a);
      walk(e.b);
    }
  };
  walk(ast.times);
  if (ast.stmt?.kind === 'insn') for (const o of ast.stmt.operands) walk(o.expr ?? o.mem!.expr);
  st.refs = [...seen];
}

/** A relative branch: its bytes depend on its own address even when its target is a number. */
function isBranch(mnemonic: string): boolean {
  return mnemonic[0] === 'j' || mnemonic.startsWith('loop') || mnemonic === 'call';
}

function isConstantLine(ast: LineAst): boolean {
  const s = ast.stmt;
  if (!s || s.kind !== 'insn' || isBranch(s.mnemonic)) return false;
  // `call near rax` carries a warning of the driver's own, issued when it is encoded.
  return s.operands.every((o) => isConstantExpr(o.expr ?? o.mem!.expr) && !(o.jump && o.expr?.k === 'reg'));
}

function alignUp(v: bigint, a: bigint): bigint {
  return ((v + a - 1n) / a) * a;
}

function le(v: bigint, n: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = u64(v);
  for (let i = 0; i < n; i++) {
    b[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return b;
}

/** Collects output bytes and the line map of the final pass. */
class Emitter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  lines: LineMapEntry[] = [];
  push(b: Uint8Array) {
    this.chunks.push(b);
    this.size += b.length;
  }
  mark(offset: number, length: number, src: SourceLine) {
    this.lines.push({ offset, length, file: src.file, line: src.line, source: src.source });
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
