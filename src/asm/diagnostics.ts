// Diagnostics in NASM's spirit with a caret:
//   file:line:col: error: message
//       mov eax, [rbx+
//                     ^

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** 1-based column in `sourceText`; 0 when no column is known. */
  column: number;
  message: string;
  /** The source line the caret refers to. */
  sourceText?: string;
  /** Length of the offending token, for a `^~~~` underline. */
  length?: number;
}

export function formatDiagnostic(d: Diagnostic): string {
  const col = d.column > 0 ? `${d.column}:` : '';
  let s = `${d.file}:${d.line}:${col} ${d.severity}: ${d.message}`;
  if (d.sourceText !== undefined && d.column > 0) {
    const text = d.sourceText.replace(/\t/g, ' ');
    const pad = ' '.repeat(Math.max(0, d.column - 1));
    const under = d.length && d.length > 1 ? '~'.repeat(Math.min(d.length - 1, Math.max(0, text.length - d.column))) : '';
    s += `\n    ${text}\n    ${pad}^${under}`;
  }
  return s;
}

/** Thrown only inside the assembler to unwind one line; never escapes `assemble`. */
export class AsmError extends Error {
  constructor(message: string, public column = 0, public length = 0) {
    super(message);
  }
}
