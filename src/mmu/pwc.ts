// Paging-structure caches (SDM 4.10.3), optional (`--pwc on`; off by default).
//
// One cache per non-leaf level: PML5E (5-level paging only), PML4E, PDPTE, PDE. An entry is tagged
// by the linear-address bits that select the paging-structure entry it caches (bits 56:48 for a PML5E,
// 56:39 for a PML4E, 56:30 for a PDPTE, 56:21 for a PDE) and by the context (VPID, PCID; there are no
// global PWC entries). It holds the physical address of the next table and the rights (RIGHT_*)
// accumulated from the root down to that entry. A walk that hits the PDE cache starts at the page
// table: one memory reference instead of four.
//
// Only entries that point to a table are cached (PS = 0; a leaf is the TLB's business), and only after
// a successful walk (whose accessed flags are then all set). Intel does not publish PWC sizes; the
// default geometry (PDE 32 entries 4-way, PDPTE 4 fully associative, PML4E 2, PML5E 2) is an
// assumption in the range reported by reverse-engineering studies (e.g. Barr, Cox, Rixner,
// "Translation Caching: Skip, Don't Walk (the Page Table)", ISCA 2010, on Intel's split PWCs).
//
// Invalidation (SDM 4.10.4.1): MOV to CR3 drops the entries of the (new) PCID, INVLPG drops ALL entries
// of the current PCID, INVPCID 0/1 those of the given PCID, 2/3 and CR4.PGE/PCIDE changes all.
// Stale entries are used as hardware uses them: changing a PDE without invalidating may keep walks
// going through the old page table.

import {
  CTX_PCID, formatGeometry, lruVictim, parseGeometrySpec, vpnAt, vpnLowAt, type Geometry,
} from './assoc.js';
import { leafShift, type WalkResult } from './walk.js';

export const PWC_NAMES = ['pml5e', 'pml4e', 'pdpte', 'pde'] as const;
export type PwcName = (typeof PWC_NAMES)[number];
export type PwcConfig = Record<PwcName, Geometry>;

const g = (entries: number, ways: number): Geometry => ({ entries, ways });
export const PWC_PRESETS: Record<string, PwcConfig> = {
  on: { pml5e: g(2, 2), pml4e: g(2, 2), pdpte: g(4, 4), pde: g(32, 4) },
  off: { pml5e: g(0, 0), pml4e: g(0, 0), pdpte: g(0, 0), pde: g(0, 0) },
};

/** Parses a `--pwc` spec: `off` (default), `on`, or `on,pde=64x4` style overrides. */
export function parsePwcSpec(spec: string): PwcConfig {
  return parseGeometrySpec('--pwc', spec, PWC_NAMES, PWC_PRESETS, PWC_PRESETS.off!) as PwcConfig;
}
export function formatPwcConfig(c: PwcConfig): string {
  return PWC_NAMES.map((n) => `${n}=${formatGeometry(c[n])}`).join(',');
}
export function pwcEnabled(c: PwcConfig): boolean {
  return PWC_NAMES.some((n) => c[n].entries > 0);
}

/** The cache of one paging level. */
class LevelCache {
  declare readonly sets: number;
  declare readonly ways: number;
  declare readonly shift: number;
  declare readonly tag: Float64Array;
  declare readonly ctx: Int32Array;
  declare readonly next: Float64Array;
  declare readonly rights: Uint8Array;
  declare readonly stamp: Float64Array;
  hits = 0;
  fills = 0;
  evictions = 0;
  flushed = 0;

  constructor(readonly name: PwcName, readonly level: number, geo: Geometry) {
    this.ways = geo.entries === 0 ? 0 : geo.ways;
    this.sets = geo.entries === 0 ? 1 : geo.entries / geo.ways;
    this.shift = leafShift(level);
    const n = Math.max(1, this.sets * this.ways);
    this.tag = new Float64Array(n).fill(-1);
    this.ctx = new Int32Array(n);
    this.next = new Float64Array(n);
    this.rights = new Uint8Array(n);
    this.stamp = new Float64Array(n);
  }

  setStart(lo: number, hi: number): number {
    return (vpnLowAt(this.shift, lo, hi) & (this.sets - 1)) * this.ways;
  }

  find(lo: number, hi: number, key: number): number {
    if (this.ways === 0) return -1;
    const tag = vpnAt(this.shift, lo, hi);
    const start = this.setStart(lo, hi);
    for (let i = start; i < start + this.ways; i++) if (this.tag[i] === tag && this.ctx[i] === key) return i;
    return -1;
  }
}

export class PagingStructureCache {
  declare readonly config: PwcConfig;
  /** indexed by level (2 = PDE cache .. 5 = PML5E cache); [0], [1] unused */
  private declare readonly caches: LevelCache[];
  private clock = 0;
  lookups = 0;
  misses = 0;
  flushes = 0;

  // Result of the last lookup.
  /** level to start the walk at (levels = no hit) */
  startLevel = 0;
  /** table address at startLevel */
  table = 0;
  /** rights accumulated above startLevel */
  rights = 0;

  constructor(config: PwcConfig | string = 'on') {
    this.config = typeof config === 'string' ? parsePwcSpec(config) : config;
    const c = this.config;
    const none = new LevelCache('pde', 2, g(0, 0));
    this.caches = [none, none, new LevelCache('pde', 2, c.pde), new LevelCache('pdpte', 3, c.pdpte),
      new LevelCache('pml4e', 4, c.pml4e), new LevelCache('pml5e', 5, c.pml5e)];
  }

  /**
   * Finds the deepest cached entry for (lo, hi) in context `key`. Sets startLevel/table/rights:
   * on a hit in the level-L cache the walk starts at level L-1 with the cached table.
   * Returns true on a hit.
   */
  lookup(lo: number, hi: number, levels: number, key: number, root: number, allRights: number): boolean {
    this.lookups++;
    for (let level = 2; level <= levels; level++) {
      const c = this.caches[level]!;
      const i = c.find(lo, hi, key);
      if (i >= 0) {
        c.hits++;
        c.stamp[i] = ++this.clock;
        this.startLevel = level - 1;
        this.table = c.next[i]!;
        this.rights = c.rights[i]!;
        return true;
      }
    }
    this.misses++;
    this.startLevel = levels;
    this.table = root;
    this.rights = allRights;
    return false;
  }

  /** After a successful walk: caches every non-leaf entry the walk read. */
  fill(res: WalkResult, lo: number, hi: number, key: number): void {
    for (let level = res.topLevel; level > res.level; level--) {
      if (level < 2) break;
      const c = this.caches[level]!;
      if (c.ways === 0) continue;
      let i = c.find(lo, hi, key);
      if (i < 0) {
        i = lruVictim(c.tag, c.stamp, c.setStart(lo, hi), c.ways);
        if (c.tag[i]! >= 0) c.evictions++;
      }
      c.tag[i] = vpnAt(c.shift, lo, hi);
      c.ctx[i] = key;
      c.next[i] = res.table[level - 1]!;
      c.rights[i] = res.levelRights[level]!;
      c.stamp[i] = ++this.clock;
      c.fills++;
    }
  }

  /** Drops the entries of VPID `vpid` and PCID `pcid` (-1: all PCIDs). */
  flush(vpid: number, pcid: number): void {
    this.flushes++;
    for (let level = 2; level <= 5; level++) {
      const c = this.caches[level]!;
      for (let i = 0; i < c.tag.length; i++) {
        if (c.tag[i]! < 0) continue;
        const k = c.ctx[i]!;
        if (k >>> 13 !== vpid || (pcid >= 0 && (k & CTX_PCID) !== pcid)) continue;
        c.tag[i] = -1;
        c.flushed++;
      }
    }
  }

  /** Drops the entries that a walk of (lo, hi) in context `key` would use (after a #PF). */
  invalidateAddress(lo: number, hi: number, key: number): void {
    for (let level = 2; level <= 5; level++) {
      const c = this.caches[level]!;
      const i = c.find(lo, hi, key);
      if (i >= 0) { c.tag[i] = -1; c.flushed++; }
    }
  }

  resetCounters(): void {
    this.lookups = this.misses = this.flushes = 0;
    for (let level = 2; level <= 5; level++) {
      const c = this.caches[level]!;
      c.hits = c.fills = c.evictions = c.flushed = 0;
    }
  }

  stats(): PwcStats {
    const caches = {} as Record<PwcName, PwcLevelStats>;
    let hits = 0;
    for (let level = 2; level <= 5; level++) {
      const c = this.caches[level]!;
      let valid = 0;
      for (let i = 0; i < c.sets * c.ways; i++) if (c.tag[i]! >= 0) valid++;
      caches[c.name] = { entries: c.sets * c.ways, ways: c.ways, valid, hits: c.hits, fills: c.fills,
        evictions: c.evictions, flushed: c.flushed };
      hits += c.hits;
    }
    return { lookups: this.lookups, hits, misses: this.misses, flushes: this.flushes, caches };
  }
}

export interface PwcLevelStats {
  entries: number; ways: number; valid: number; hits: number; fills: number; evictions: number; flushed: number;
}
export interface PwcStats {
  /** walks that consulted the caches */
  lookups: number;
  /** walks that started below the root thanks to a cached entry */
  hits: number;
  misses: number;
  /** bulk flush operations */
  flushes: number;
  caches: Record<PwcName, PwcLevelStats>;
}
