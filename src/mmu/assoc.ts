// Shared pieces of the set-associative translation caches (TLB arrays and paging-structure caches):
// context tags, virtual-page numbers at any granularity, true-LRU victim choice, and the geometry
// spec parser behind `--tlb` and `--pwc`.

// ------------------------------------------------------------------------------ context tags
// A cached translation is tagged with its context: the VPID (0 outside a VM; the hypervisor will use
// others) and the PCID (0 unless CR4.PCIDE = 1). A global TLB entry matches every PCID of its VPID.
//   key = vpid << 13 | pcid          (pcid 0..4095)
//   key = vpid << 13 | CTX_GLOBAL    (global entry)
/** the "global" tag bit (bit 12, just above the 12-bit PCID) */
export const CTX_GLOBAL = 0x1000;
/** PCID part of a context key */
export const CTX_PCID = 0xfff;

export function ctxKeyOf(vpid: number, pcid: number): number {
  return (vpid << 13) | (pcid & CTX_PCID);
}
export function globKeyOf(vpid: number): number {
  return (vpid << 13) | CTX_GLOBAL;
}
export function ctxVpid(key: number): number {
  return key >>> 13;
}

// ---------------------------------------------------------------------- virtual page numbers
// Linear addresses arrive as (lo, hi) halves; bits 56:shift form the page number at a granularity.
// All results are exact integers (< 2^45) in doubles.

/** Bits 56:shift of the linear address (shift = 12, 21, 30, 39 or 48). */
export function vpnAt(shift: number, lo: number, hi: number): number {
  const h = hi & 0x1ffffff;
  switch (shift) {
    case 12: return h * 1048576 + (lo >>> 12);
    case 21: return h * 2048 + (lo >>> 21);
    case 30: return h * 4 + (lo >>> 30);
    case 39: return h >>> 7;
    default: return h >>> 16;
  }
}

/** Low 32 bits of vpnAt(shift, lo, hi), for set indexing (mask with the set count - 1). */
export function vpnLowAt(shift: number, lo: number, hi: number): number {
  switch (shift) {
    case 12: return (lo >>> 12) | (hi << 20);
    case 21: return (lo >>> 21) | (hi << 11);
    case 30: return (lo >>> 30) | (hi << 2);
    case 39: return (hi & 0x1ffffff) >>> 7;
    default: return (hi & 0x1ffffff) >>> 16;
  }
}

/** Size code stored in the low 2 bits of a tag: 0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB (PWC). */
export function sizeCode(shift: number): number {
  return shift === 12 ? 0 : shift === 21 ? 1 : shift === 30 ? 2 : 3;
}

// ---------------------------------------------------------------------------- replacement
/**
 * True LRU within one set: an invalid way if there is one (lowest index), otherwise the way with the
 * oldest use stamp. Every hit and fill stamps its way with a monotonically increasing clock, so the
 * order of stamps is exactly the recency order of the ways.
 */
export function lruVictim(tag: Float64Array, stamp: Float64Array, base: number, ways: number): number {
  let victim = base;
  let oldest = Infinity;
  for (let i = base, end = base + ways; i < end; i++) {
    if (tag[i]! < 0) return i;
    const s = stamp[i]!;
    if (s < oldest) { oldest = s; victim = i; }
  }
  return victim;
}

// ---------------------------------------------------------------------------- geometry specs
/** Size of one cache array: `entries` total, `ways`-way set associative (entries = 0: off). */
export interface Geometry {
  entries: number;
  ways: number;
}

export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecError';
  }
}

/**
 * Parses a geometry spec:
 *
 *   spec  := item ( ',' item )*
 *   item  := PRESET | NAME '=' geom
 *   geom  := 'off' | ENTRIES 'x' WAYS | ENTRIES 'x' 'full'
 *
 * A PRESET (only as the first item) replaces the base configuration; later items override single
 * arrays. ENTRIES must be a multiple of WAYS and ENTRIES / WAYS (the set count) a power of two;
 * `full` means fully associative (WAYS = ENTRIES). Example: `skylake,l1d4k=32x4,stlb=off`.
 */
export function parseGeometrySpec(
  what: string,
  spec: string,
  names: readonly string[],
  presets: Readonly<Record<string, Readonly<Record<string, Geometry>>>>,
  base: Readonly<Record<string, Geometry>>,
): Record<string, Geometry> {
  const out: Record<string, Geometry> = {};
  for (const n of names) out[n] = { ...base[n]! };
  const items = spec.split(',').map((s) => s.trim());
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item === '') throw new SpecError(`${what} spec "${spec}": empty item at position ${i + 1}`);
    const eq = item.indexOf('=');
    if (eq < 0) {
      const preset = presets[item.toLowerCase()];
      if (preset === undefined) {
        throw new SpecError(
          `${what} spec "${spec}": "${item}" is neither a preset (${Object.keys(presets).join(', ')}) ` +
            `nor NAME=GEOMETRY (names: ${names.join(', ')})`,
        );
      }
      if (i !== 0) throw new SpecError(`${what} spec "${spec}": preset "${item}" must come first`);
      for (const n of names) out[n] = { ...preset[n]! };
      return;
    }
    const name = item.slice(0, eq).trim().toLowerCase();
    const geom = item.slice(eq + 1).trim().toLowerCase();
    if (!names.includes(name)) {
      throw new SpecError(`${what} spec "${spec}": unknown array "${name}" (known: ${names.join(', ')})`);
    }
    if (seen.has(name)) throw new SpecError(`${what} spec "${spec}": "${name}" given twice`);
    seen.add(name);
    out[name] = parseGeometry(what, spec, name, geom);
  });
  return out;
}

function parseGeometry(what: string, spec: string, name: string, geom: string): Geometry {
  if (geom === 'off' || geom === '0') return { entries: 0, ways: 0 };
  const m = /^(\d+)\s*x\s*(\d+|full)$/.exec(geom);
  const where = `${what} spec "${spec}": ${name}=${geom}`;
  if (m === null) throw new SpecError(`${where}: expected ENTRIESxWAYS (e.g. 64x4), ENTRIESxfull or off`);
  const entries = Number(m[1]);
  const ways = m[2] === 'full' ? entries : Number(m[2]);
  if (entries === 0 || ways === 0) throw new SpecError(`${where}: entries and ways must be positive (or use "off")`);
  if (entries > 65536) throw new SpecError(`${where}: at most 65536 entries`);
  if (entries % ways !== 0) throw new SpecError(`${where}: ${entries} entries is not a multiple of ${ways} ways`);
  const sets = entries / ways;
  if ((sets & (sets - 1)) !== 0) throw new SpecError(`${where}: ${sets} sets is not a power of two`);
  return { entries, ways };
}

/** Formats a geometry the way the spec writes it. */
export function formatGeometry(g: Geometry): string {
  if (g.entries === 0) return 'off';
  return g.ways === g.entries && g.entries > 1 ? `${g.entries}xfull` : `${g.entries}x${g.ways}`;
}
