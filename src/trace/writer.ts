// Buffered output for traces: strings are collected and written in large chunks, to a temporary
// file renamed over the target when the trace is complete (nothing half-written), or to stdout.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const CHUNK = 1 << 16;

export class TraceOut {
  private parts: string[] = [];
  private size = 0;
  private readonly fd: number;
  private readonly tmp: string | null;

  /** `path` null or '-': stdout. Throws (with the system's code) when the file cannot be created. */
  constructor(private readonly path: string | null) {
    if (path === null || path === '-') {
      this.fd = 1;
      this.tmp = null;
    } else {
      this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      this.fd = openSync(this.tmp, 'w');
    }
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    let buf = Buffer.from(text, 'utf8');
    while (buf.length > 0) {
      try {
        const n = writeSync(this.fd, buf);
        buf = buf.subarray(n);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      }
    }
  }

  /** Completes the output: the temporary file becomes `path`. */
  commit(): void {
    this.flush();
    if (this.tmp !== null) {
      closeSync(this.fd);
      renameSync(this.tmp, this.path!);
    }
  }

  /** Drops a file output (an error happened): nothing is left behind. */
  abort(): void {
    if (this.tmp === null) return;
    try { closeSync(this.fd); } catch { /* already closed */ }
    try { unlinkSync(this.tmp); } catch { /* gone */ }
  }
}
