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
