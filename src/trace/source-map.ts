// From a guest RIP back to the source line that emitted it, through the
// assembler's line map (the image is loaded at its origin, 0x100000).
import type { LineMapEntry } from '../asm/assemble.js';

export interface SourceLocation {
  file: string;
  line: number;
  source: string;
}

export class SourceMap {
  private readonly starts: Float64Array;
  constructor(
    private readonly origin: number,
    private readonly entries: readonly LineMapEntry[],
  ) {
    // The assembler emits ranges in address order.
    this.starts = Float64Array.from(entries, (e) => origin + e.offset);
  }

  /** The line whose bytes contain `rip`, or undefined (outside the image, or a .bin). */
  at(rip: number): SourceLocation | undefined {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= rip) lo = mid + 1;
      else hi = mid - 1;
    }
    const e = this.entries[hi];
    if (!e || rip >= this.origin + e.offset + e.length) return undefined;
    return { file: e.file, line: e.line, source: e.source.trim() };
  }
}
