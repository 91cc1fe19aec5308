// Option parsers shared by the subcommands.

/** commander accumulator for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `-D NAME[=VALUE]` list to a map; returns an error message for a bad name. */
export function parseDefines(list: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const d of list) {
    const eq = d.indexOf('=');
    const name = eq < 0 ? d : d.slice(0, eq);
    if (!/^[A-Za-z_.?$][A-Za-z0-9_.?$#@~]*$/.test(name)) return `invalid macro name '${name}' in -D ${d} (expected NAME or NAME=VALUE)`;
    out[name] = eq < 0 ? '' : d.slice(eq + 1);
  }
  return out;
}

/** `64M`, `64MiB`, `1G`, `4096`, `0x1000` to bytes; an error message for anything else. */
export function parseSize(text: string, what: string): number | string {
  const m = /^(0x[0-9a-f]+|\d+)\s*(k|ki|kib|kb|m|mi|mib|mb|g|gi|gib|gb)?$/i.exec(text.trim());
  if (!m) return `invalid ${what} '${text}' (expected a size like 64M, 256MiB, 1G or a byte count)`;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mul = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return n * mul;
}

/** A non-negative integer count (`1e9`, `1_000_000` and `0x...` accepted). */
export function parseCount(text: string, what: string): number | string {
  const t = text.replace(/_/g, '');
  const n = /^0x[0-9a-f]+$/i.test(t) ? Number(t) : /^\d+(\.\d+)?(e\d+)?$/i.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) return `invalid ${what} '${text}' (expected a non-negative integer)`;
  return n;
}
