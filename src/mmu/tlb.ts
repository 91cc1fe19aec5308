// The TLB model: set-associative arrays, a second level, context tags, true LRU, and counters.
//
// Arrays (names as in the `--tlb` spec):
//   l1d4k l1d2m l1d1g   first-level data TLB, one array per page size
//   l1i4k l1i2m l1i1g   first-level instruction TLB
//   stlb                second level, shared by data and instructions, holds 4 KiB AND 2 MiB pages
//   stlb1g              second level for 1 GiB pages
//
// Default geometry: Intel Skylake, from the Intel 64 and IA-32 Architectures Optimization Reference
// Manual (order 248966), table "TLB Parameters of the Skylake Microarchitecture":
//   ITLB 4 KiB 128 entries 8-way; ITLB 2 MiB/4 MiB 8 entries per thread, fully associative;
//   DTLB 4 KiB 64 entries 4-way; 2 MiB/4 MiB 32 entries 4-way; 1 GiB 4 entries 4-way (fully assoc.);
//   STLB 4 KiB + 2 MiB 1536 entries 12-way; STLB 1 GiB 16 entries 4-way.
// Skylake has no ITLB array for 1 GiB pages: like any page whose size has no array, such a page is
// cached "fractured" as entries of the next smaller size that has one (here 2 MiB pieces; SDM 4.10.2.3
// allows a TLB entry for a smaller page than the one mapped). INVLPG of any address of the page
// drops all the pieces (SDM 4.10.4.1).
//
// Lookup: the L1 arrays of the access's side are probed (in hardware in parallel; here in the order
// 4 KiB, 2 MiB, 1 GiB - at most one normally matches); on an L1 miss the STLB is probed (a 4 KiB and a
// 2 MiB probe in `stlb`, then `stlb1g`). An STLB hit refills L1. A walk fills both levels.
// Each entry holds: tag (page number at the entry's size + size code), context key (VPID/PCID or
// global, see assoc.ts), frame (physical base of the region the entry covers), the rights
// (RIGHT_R/W/X/U, ANDed over the levels), the leaf's dirty flag (F_D) and G (F_G), the size of the page
// it came from (for fractured entries) and an LRU stamp.
//
// Replacement: true LRU per set (a use stamp per way; victim = an invalid way, else the oldest stamp).
//
// Front cache. A direct-mapped table per side, indexed by 4 KiB page number, remembers which L1 entry
// the last slow lookup of that page returned (v86/Blink style: a large page is remembered as the 4 KiB
// piece being accessed). It is only a way predictor: a front hit does exactly what an L1 hit does in
// the model (count a hit on the entry's array, stamp the entry), and the front entry is dropped whenever
// the L1 entry it points to is evicted, overwritten or invalidated, and entirely on any bulk flush or
// context change. Hence the statistics are identical with or without it (tested by a property test).

import {
  CTX_GLOBAL, CTX_PCID, formatGeometry, parseGeometrySpec, sizeCode, vpnAt, vpnLowAt,
  type Geometry,
} from './assoc.js';

/** Entry flag bits: RIGHT_R/W/X/U (walk.ts) in bits 3:0, then: */
export const F_D = 16; // leaf dirty flag was 1 when cached
export const F_G = 32; // global translation (G = 1 in the leaf and CR4.PGE = 1)

export const SIDE_D = 0;
export const SIDE_I = 1;

export const TLB_ARRAY_NAMES = ['l1d4k', 'l1d2m', 'l1d1g', 'l1i4k', 'l1i2m', 'l1i1g', 'stlb', 'stlb1g'] as const;
export type TlbArrayName = (typeof TLB_ARRAY_NAMES)[number];
export type TlbConfig = Record<TlbArrayName, Geometry>;

/** Static description of each array: level (1 or 2), side (L1 only), page shifts it holds. */
const ARRAY_INFO: Record<TlbArrayName, { level: 1 | 2; side: number; shifts: readonly number[] }> = {
  l1d4k: { level: 1, side: SIDE_D, shifts: [12] },
  l1d2m: { level: 1, side: SIDE_D, shifts: [21] },
  l1d1g: { level: 1, side: SIDE_D, shifts: [30] },
  l1i4k: { level: 1, side: SIDE_I, shifts: [12] },
  l1i2m: { level: 1, side: SIDE_I, shifts: [21] },
  l1i1g: { level: 1, side: SIDE_I, shifts: [30] },
  stlb: { level: 2, side: -1, shifts: [12, 21] },
  stlb1g: { level: 2, side: -1, shifts: [30] },
};

const g = (entries: number, ways: number): Geometry => ({ entries, ways });
export const TLB_PRESETS: Record<string, TlbConfig> = {
  /** Intel Skylake (see the header comment). The default. */
  skylake: {
    l1d4k: g(64, 4), l1d2m: g(32, 4), l1d1g: g(4, 4), l1i4k: g(128, 8), l1i2m: g(8, 8), l1i1g: g(0, 0),
    stlb: g(1536, 12), stlb1g: g(16, 4),
  },
  /** A tiny TLB that makes evictions easy to watch. */
  tiny: {
    l1d4k: g(8, 2), l1d2m: g(4, 4), l1d1g: g(2, 2), l1i4k: g(8, 2), l1i2m: g(2, 2), l1i1g: g(0, 0),
    stlb: g(32, 4), stlb1g: g(4, 4),
  },
  /** No TLB at all: every access walks. */
  off: {
    l1d4k: g(0, 0), l1d2m: g(0, 0), l1d1g: g(0, 0), l1i4k: g(0, 0), l1i2m: g(0, 0), l1i1g: g(0, 0),
    stlb: g(0, 0), stlb1g: g(0, 0),
  },
};
export const DEFAULT_TLB_SPEC = 'skylake';

/** Parses a `--tlb` spec (see parseGeometrySpec); errors are SpecError with a readable message. */
export function parseTlbSpec(spec: string): TlbConfig {
  return parseGeometrySpec('--tlb', spec, TLB_ARRAY_NAMES, TLB_PRESETS, TLB_PRESETS.skylake!) as TlbConfig;
}

/** Formats a configuration as a spec string that parses back to it. */
export function formatTlbConfig(c: TlbConfig): string {
  return TLB_ARRAY_NAMES.map((n) => `${n}=${formatGeometry(c[n])}`).join(',');
}

export class TlbArray {
  constructor(
    readonly id: number,
    readonly name: TlbArrayName,
    readonly level: 1 | 2,
    readonly side: number,
    readonly shifts: readonly number[],
    /** first slot in the shared storage */
    readonly base: number,
    readonly sets: number,
    readonly ways: number,
  ) {
    let m = 0;
    if (ways > 0) for (const sh of shifts) m |= 1 << sh;
    this.shiftMask = m;
  }
  /** bit `shift` set for every page shift the array holds (0 when off) */
  readonly shiftMask: number;
  get entries(): number { return this.sets * this.ways; }
  get setMask(): number { return this.sets - 1; }
  holds(shift: number): boolean { return (this.shiftMask & (1 << shift)) !== 0; }
}

// Outcome counters (index into Tlb.cnt).
export const C_L1_MISS_D = 0;   // data lookups that missed every L1 data array
export const C_L1_MISS_I = 1;   // fetch lookups that missed every L1 instruction array
export const C_L2_MISS = 2;     // lookups that missed the STLB too (-> walk)
export const C_DIRTY = 3;       // write hit an entry with D = 0 -> re-walk to set D
export const C_HIT_FAULT = 4;   // hit an entry whose cached rights deny the access -> #PF
export const C_FLUSH = 5;       // bulk flush operations (CR3 write, CR4.PGE toggle, INVPCID 1-3, ...)
export const C_PAGE_FLUSH = 6;  // single-page invalidations (INVLPG, INVPCID 0, #PF)
export const C_L1_UNUSABLE_D = 7; // data lookups whose L1 entry matched but could not serve (D / rights)
export const C_L1_UNUSABLE_I = 8; // same for fetches
const N_COUNTERS = 9;

/** (array id, entry shift) of every size each array holds (ARRAY_INFO; the constructor checks the
 *  layout), probed by invalidatePage */
const PAGE_PROBES = [0, 12, 1, 21, 2, 30, 3, 12, 4, 21, 5, 30, 6, 12, 6, 21, 7, 30];

/** Front cache: entries per side (direct mapped by 4 KiB page number). */
export const FRONT_BITS = 9;
export const FRONT_SIZE = 1 << FRONT_BITS;
export const FRONT_MASK = FRONT_SIZE - 1;

/** Front entry metadata: one Int32 load gives the flags for the permission check, the array whose
 *  clock to advance and the slot to stamp. */
export function frontMeta(flags: number, arrayId: number, slot: number): number {
  return flags | (arrayId << 6) | (slot << 9);
}

export interface TlbOptions {
  /** use the front cache (way predictor); default true. Statistics are identical either way. */
  front?: boolean;
}

export class Tlb {
  declare readonly config: TlbConfig;
  declare readonly arrays: TlbArray[];
  /** L1 arrays per side, in probe order (4 KiB, 2 MiB, 1 GiB); off arrays included (ways = 0) */
  declare readonly l1: [TlbArray[], TlbArray[]];
  declare readonly l2: TlbArray[];
  declare readonly size: number;
  declare readonly frontOn: boolean;

  // Shared entry storage (slot = array.base + set * ways + way).
  /** page number at the entry's size * 4 + size code; -1 = invalid */
  declare readonly tag: Float64Array;
  declare readonly ctx: Int32Array;
  /** physical base of the region the entry covers */
  declare readonly frame: Float64Array;
  declare readonly flags: Uint8Array;
  /** page shift of the region the entry covers (12, 21, 30) */
  declare readonly eshift: Uint8Array;
  /** page shift of the page the entry was made from (> eshift: fractured) */
  declare readonly orig: Uint8Array;
  declare readonly stamp: Float64Array;
  declare readonly slotArr: Uint8Array;
  /**
   * Per-array LRU clock, advanced by every hit and every fill in the array (stamps are only compared
   * within a set, so per-array clocks order recency exactly). It doubles as the hit counter:
   * hits = clock - fills (all-time), which saves the hot path one increment.
   */
  declare readonly clk: Float64Array;
  /** hits before the last resetCounters() */
  private declare readonly hitBase: Float64Array;

  // Counters per array.
  declare readonly fillCnt: Float64Array;
  declare readonly evictCnt: Float64Array;
  declare readonly flushDropCnt: Float64Array;
  declare readonly pageDropCnt: Float64Array;
  /** per array id: first slot, ways, sets - 1 (typed copies of the TlbArray fields, for the hot paths) */
  private declare readonly aBase: Int32Array;
  private declare readonly aWays: Int32Array;
  private declare readonly aSetMask: Int32Array;
  /** valid entries per set, at the index of the set's first slot (probes skip empty sets) */
  private declare readonly setValid: Int32Array;
  /** the first slot of each slot's set */
  private declare readonly slotSet: Int32Array;
  /** valid entries per array and entry size ([id * 4 + size code]): probes skip sizes with none */
  private declare readonly validShift: Int32Array;
  /**
   * The valid slots, as a dense list (live[0..liveN)) with each slot's position (livePos, -1 when
   * invalid), and the same for the valid fractured slots: bulk flushes and the search for the pieces
   * of a fractured page cost the number of valid entries, not the size of the TLB.
   */
  private declare readonly live: Int32Array;
  private declare readonly livePos: Int32Array;
  private liveN = 0;
  private declare readonly frac: Int32Array;
  private declare readonly fracPos: Int32Array;
  /** a fractured entry's original page number (vpnAt(orig, ...)), for INVLPG */
  private declare readonly fracRegion: Float64Array;
  private fracN = 0;
  readonly cnt = new Float64Array(N_COUNTERS);
  /**
   * Generation: gen[0] advances whenever a cached translation may have stopped being valid (an entry
   * evicted, overwritten or invalidated, any flush; the MMU also advances it when the paging registers
   * change). A client-side cache in front of translate() (the CPU's) stays coherent with the model by
   * dropping its entries when gen[0] differs from the value it saw at fill time.
   */
  readonly gen = new Float64Array(1);

  // Front cache, [side * FRONT_SIZE + (vpn & FRONT_MASK)].
  readonly fVpn = new Float64Array(2 * FRONT_SIZE).fill(-1);
  /** packed: entry flags (bits 5:0) | array id (bits 8:6) | L1 slot (bits 31:9); see frontMeta() */
  readonly fMeta = new Int32Array(2 * FRONT_SIZE);
  readonly fFrame = new Float64Array(2 * FRONT_SIZE);

  constructor(config: TlbConfig | string = DEFAULT_TLB_SPEC, opts: TlbOptions = {}) {
    this.config = typeof config === 'string' ? parseTlbSpec(config) : config;
    this.frontOn = opts.front ?? true;
    let base = 0;
    this.arrays = TLB_ARRAY_NAMES.map((name, id) => {
      const geo = this.config[name];
      const info = ARRAY_INFO[name];
      const ways = geo.entries === 0 ? 0 : geo.ways;
      const sets = geo.entries === 0 ? 1 : geo.entries / geo.ways;
      if (ways > 0 && (!Number.isInteger(sets) || (sets & (sets - 1)) !== 0)) {
        throw new RangeError(`TLB array ${name}: ${geo.entries} entries / ${geo.ways} ways is not a power-of-two set count`);
      }
      const a = new TlbArray(id, name, info.level, info.side, info.shifts, base, sets, ways);
      base += sets * ways;
      return a;
    });
    this.size = base;
    if (base >= 1 << 22) throw new RangeError(`TLB too large: ${base} entries (front cache slot field)`);
    const byName = (n: TlbArrayName) => this.arrays[TLB_ARRAY_NAMES.indexOf(n)]!;
    this.l1 = [
      [byName('l1d4k'), byName('l1d2m'), byName('l1d1g')],
      [byName('l1i4k'), byName('l1i2m'), byName('l1i1g')],
    ];
    this.l2 = [byName('stlb'), byName('stlb1g')];
    const n = Math.max(1, base);
    this.tag = new Float64Array(n).fill(-1);
    this.ctx = new Int32Array(n);
    this.frame = new Float64Array(n);
    this.flags = new Uint8Array(n);
    this.eshift = new Uint8Array(n);
    this.orig = new Uint8Array(n);
    this.stamp = new Float64Array(n);
    this.slotArr = new Uint8Array(n);
    const k = this.arrays.length;
    this.aBase = new Int32Array(k); this.aWays = new Int32Array(k); this.aSetMask = new Int32Array(k);
    this.setValid = new Int32Array(n);
    this.slotSet = new Int32Array(n);
    for (const a of this.arrays) {
      this.slotArr.fill(a.id, a.base, a.base + a.sets * a.ways);
      this.aBase[a.id] = a.base; this.aWays[a.id] = a.ways; this.aSetMask[a.id] = a.sets - 1;
      for (let i = 0; i < a.sets * a.ways; i++) this.slotSet[a.base + i] = a.base + i - (i % a.ways);
    }
    this.clk = new Float64Array(k);
    this.hitBase = new Float64Array(k);
    this.fillCnt = new Float64Array(k);
    this.evictCnt = new Float64Array(k);
    this.flushDropCnt = new Float64Array(k);
    this.pageDropCnt = new Float64Array(k);
    this.validShift = new Int32Array(k * 4);
    this.live = new Int32Array(n);
    this.livePos = new Int32Array(n).fill(-1);
    this.frac = new Int32Array(n);
    this.fracPos = new Int32Array(n).fill(-1);
    this.fracRegion = new Float64Array(n);
    this.fillTo = this.computeFillTo();
    // lookupL1 / lookupL2 rely on this layout
    if (TLB_ARRAY_NAMES.join() !== 'l1d4k,l1d2m,l1d1g,l1i4k,l1i2m,l1i1g,stlb,stlb1g' ||
      ARRAY_INFO.stlb.shifts.join() !== '12,21' || ARRAY_INFO.stlb1g.shifts.join() !== '30') {
      throw new Error('TLB array layout changed: update lookupL1 / lookupL2');
    }
  }

  // ------------------------------------------------------------------------------- lookups

  /** Probes array `id` for the page of (lo, hi) at `shift`; returns the slot or -1. */
  private probe(id: number, shift: number, lo: number, hi: number, ctxKey: number, globKey: number): number {
    const ways = this.aWays[id]!;
    const start = this.aBase[id]! + (vpnLowAt(shift, lo, hi) & this.aSetMask[id]!) * ways;
    if (this.setValid[start] === 0) return -1;
    const tag = vpnAt(shift, lo, hi) * 4 + sizeCode(shift);
    const tags = this.tag, ctxs = this.ctx;
    for (let i = start, end = start + ways; i < end; i++) {
      if (tags[i] === tag) {
        const c = ctxs[i];
        if (c === ctxKey || c === globKey) return i;
      }
    }
    return -1;
  }

  /** L1 lookup on one side (no counting, no LRU update). */
  lookupL1(side: number, lo: number, hi: number, ctxKey: number, globKey: number): number {
    // The side's arrays are ids side * 3 + 0, 1, 2 holding 4 KiB, 2 MiB, 1 GiB (size codes 0, 1, 2;
    // TLB_ARRAY_NAMES order), probed in that order; a size with no valid entry (or an array that is
    // off) is skipped.
    const vs = this.validShift, id = side * 3;
    let s = -1;
    if (vs[id * 4] !== 0) {
      s = this.probe(id, 12, lo, hi, ctxKey, globKey);
      if (s >= 0) return s;
    }
    if (vs[id * 4 + 5] !== 0) { // (id + 1) * 4 + 1
      s = this.probe(id + 1, 21, lo, hi, ctxKey, globKey);
      if (s >= 0) return s;
    }
    if (vs[id * 4 + 10] !== 0) { // (id + 2) * 4 + 2
      s = this.probe(id + 2, 30, lo, hi, ctxKey, globKey);
    }
    return s;
  }

  /** STLB lookup (no counting, no LRU update). */
  lookupL2(lo: number, hi: number, ctxKey: number, globKey: number): number {
    // stlb (id 6: 4 KiB then 2 MiB), then stlb1g (id 7: 1 GiB); sizes with no valid entry skipped
    const vs = this.validShift;
    let s = -1;
    if (vs[24] !== 0) {
      s = this.probe(6, 12, lo, hi, ctxKey, globKey);
      if (s >= 0) return s;
    }
    if (vs[25] !== 0) {
      s = this.probe(6, 21, lo, hi, ctxKey, globKey);
      if (s >= 0) return s;
    }
    if (vs[30] !== 0) s = this.probe(7, 30, lo, hi, ctxKey, globKey);
    return s;
  }

  /** Marks a slot most recently used and counts a hit on its array. */
  hit(slot: number): void {
    this.stamp[slot] = ++this.clk[this.slotArr[slot]!]!;
  }

  /** Hits counted on an array since the last reset. */
  hits(arrayId: number): number {
    // the clock advanced by every hit and fill; fillCnt counts the fills since the last reset, and
    // hitBase is the clock at that reset
    return this.clk[arrayId]! - this.fillCnt[arrayId]! - this.hitBase[arrayId]!;
  }

  /** Physical address of (lo) through the entry in `slot`. */
  paOf(slot: number, lo: number): number {
    return this.frame[slot]! + (lo & ((1 << this.eshift[slot]!) - 1));
  }

  // --------------------------------------------------------------------------------- fills

  /**
   * Caches a translation in level 1 (side) or level 2: the region of size 2^regionShift containing
   * linear (lo, hi) maps to physical `pa` (the address of (lo, hi)); it is part of a page of size
   * 2^origShift (> regionShift for a piece of a fractured page). If the level has no array for the
   * size, the region is fractured into the largest smaller size it has. Returns the slot, or -1 when
   * the level cannot hold it.
   */
  fill(level: 1 | 2, side: number, lo: number, hi: number, regionShift: number, origShift: number, pa: number,
    flags: number, ctxKey: number, globKey: number, absent = false): number {
    const t = this.fillTo[(level === 1 ? side : 2) * 4 + sizeCode(regionShift)]!;
    if (t < 0) return -1;
    return this.fillAt(t & 255, t >>> 8, lo, hi, origShift, pa, flags, ctxKey, globKey, absent);
  }

  /**
   * The fills after a walk whose lookups missed at both levels: STLB, then L1 (and the front cache).
   * Returns the L1 slot or -1.
   */
  fillMiss(side: number, lo: number, hi: number, regionShift: number, origShift: number, pa: number,
    flags: number, ctxKey: number, globKey: number): number {
    const sc = sizeCode(regionShift);
    const t2 = this.fillTo[8 + sc]!;
    if (t2 >= 0) this.fillAt(t2 & 255, t2 >>> 8, lo, hi, origShift, pa, flags, ctxKey, globKey, true);
    const t1 = this.fillTo[side * 4 + sc]!;
    if (t1 < 0) return -1;
    const slot = this.fillAt(t1 & 255, t1 >>> 8, lo, hi, origShift, pa, flags, ctxKey, globKey, true);
    if (this.frontOn) this.installFrontPa(side, lo, hi, slot, pa, flags);
    return slot;
  }

  /** fill()'s choice, precomputed: [(level 1: side, level 2: 2) * 4 + sizeCode(regionShift)] = the
   *  array id | the entry shift << 8 (the first array of the level, in probe order, holding the
   *  largest size <= regionShift), or -1 when the level has none. */
  private declare readonly fillTo: Int32Array;

  private computeFillTo(): Int32Array {
    const out = new Int32Array(12).fill(-1);
    for (let lv = 0; lv < 3; lv++) {
      const arrs = lv < 2 ? this.l1[lv]! : this.l2;
      for (const regionShift of [12, 21, 30]) {
        search: for (let shift = regionShift; shift >= 12; shift -= 9) {
          for (const a of arrs) {
            if (a.holds(shift)) { out[lv * 4 + sizeCode(regionShift)] = a.id | (shift << 8); break search; }
          }
        }
      }
    }
    return out;
  }

  /** `absent`: the caller's lookup just missed at this level, so no entry can match (skip the probe). */
  private fillAt(id: number, shift: number, lo: number, hi: number, pageShift: number, pa: number,
    flags: number, ctxKey: number, globKey: number, absent: boolean): number {
    const entryKey = (flags & F_G) !== 0 ? globKey : ctxKey;
    const tags = this.tag, stamps = this.stamp, setValid = this.setValid;
    const ways = this.aWays[id]!;
    const start = this.aBase[id]! + (vpnLowAt(shift, lo, hi) & this.aSetMask[id]!) * ways;
    // An entry already matching in this context is replaced in place (no duplicates), else true LRU:
    // the first invalid way, or the way with the oldest stamp.
    let slot = absent ? -1 : this.probe(id, shift, lo, hi, ctxKey, globKey);
    if (slot >= 0) {
      this.dropSlot(slot);
    } else if (setValid[start]! < ways) {
      slot = start;
      while (tags[slot]! >= 0) slot++;
    } else {
      slot = start;
      let oldest = stamps[start]!;
      for (let i = start + 1, end = start + ways; i < end; i++) {
        const st = stamps[i]!;
        if (st < oldest) { oldest = st; slot = i; }
      }
      this.evictCnt[id]++;
      this.dropSlot(slot);
    }
    const sc = sizeCode(shift);
    this.tag[slot] = vpnAt(shift, lo, hi) * 4 + sc;
    this.ctx[slot] = entryKey;
    this.frame[slot] = pa - (lo & ((1 << shift) - 1));
    this.flags[slot] = flags;
    this.eshift[slot] = shift;
    this.orig[slot] = pageShift;
    this.livePos[slot] = this.liveN;
    this.live[this.liveN++] = slot;
    setValid[start]++;
    this.validShift[id * 4 + sc]++;
    if (pageShift > shift) {
      this.fracPos[slot] = this.fracN;
      this.frac[this.fracN++] = slot;
      this.fracRegion[slot] = vpnAt(pageShift, lo, hi);
    }
    stamps[slot] = ++this.clk[id]!;
    this.fillCnt[id]++;
    return slot;
  }

  /** Refills L1 from an STLB entry that the lookup of (lo, hi) hit. */
  fillL1FromL2(side: number, slot2: number, lo: number, hi: number, ctxKey: number, globKey: number): number {
    const pa = this.paOf(slot2, lo);
    const f = this.flags[slot2]!;
    // The L1 entry keeps the STLB entry's context (global or this PCID) and original page size.
    return this.fill(1, side, lo, hi, this.eshift[slot2]!, this.orig[slot2]!, pa, f, ctxKey, globKey);
  }

  // ------------------------------------------------------------------------------ the front

  /** Remembers that the 4 KiB page of (lo, hi) on `side` resolves to L1 `slot`. */
  installFront(side: number, lo: number, hi: number, slot: number): void {
    if (!this.frontOn) return;
    const fi = side * FRONT_SIZE + ((lo >>> 12) & FRONT_MASK);
    if (this.fVpn[fi] === -1) {
      if (this.frontN < this.frontList.length) this.frontList[this.frontN++] = fi;
      else this.frontOverflow = true;
    }
    this.fVpn[fi] = vpnAt(12, lo, hi);
    this.fFrame[fi] = this.paOf(slot, lo) - (lo & 0xfff);
    this.fMeta[fi] = frontMeta(this.flags[slot]!, this.slotArr[slot]!, slot);
  }

  /** installFront for a slot just filled with (lo, hi) -> `pa` (saves re-reading the slot). */
  installFrontPa(side: number, lo: number, hi: number, slot: number, pa: number, flags: number): void {
    if (!this.frontOn) return;
    const fi = side * FRONT_SIZE + ((lo >>> 12) & FRONT_MASK);
    if (this.fVpn[fi] === -1) {
      if (this.frontN < this.frontList.length) this.frontList[this.frontN++] = fi;
      else this.frontOverflow = true;
    }
    this.fVpn[fi] = (hi & 0x1ffffff) * 1048576 + (lo >>> 12); // vpnAt(12, lo, hi)
    this.fFrame[fi] = pa - (lo & 0xfff);
    this.fMeta[fi] = frontMeta(flags, this.slotArr[slot]!, slot);
  }

  /** Empties the front: the entries installed since the last clear (all of them after an overflow). */
  clearFront(): void {
    if (this.frontOverflow) {
      this.fVpn.fill(-1);
      this.frontOverflow = false;
    } else {
      const l = this.frontList, v = this.fVpn;
      for (let k = 0; k < this.frontN; k++) v[l[k]!] = -1;
    }
    this.frontN = 0;
  }
  /** front slots installed since the last clear (a slot may be listed twice after a drop) */
  private readonly frontList = new Int32Array(2 * FRONT_SIZE);
  private frontN = 0;
  private frontOverflow = false;

  /** Invalidates a slot (the caller counts why) and any front entry pointing at it. */
  private dropSlot(slot: number): void {
    const tag = this.tag[slot]!;
    if (tag < 0) return;
    this.gen[0]++;
    const a = this.arrays[this.slotArr[slot]!]!;
    if (this.orig[slot]! > this.eshift[slot]!) this.unlistFrac(slot);
    this.tag[slot] = -1;
    this.unlistLive(slot);
    this.setValid[this.slotSet[slot]!]--;
    this.validShift[a.id * 4 + sizeCode(this.eshift[slot]!)]--;
    if (a.level !== 1 || !this.frontOn) return;
    const base = a.side * FRONT_SIZE;
    if (this.eshift[slot] === 12) {
      const fi = base + ((tag / 4) & FRONT_MASK); // tag / 4 = the 4 KiB page number (size code 0)
      if (this.fMeta[fi]! >>> 9 === slot) this.fVpn[fi] = -1;
    } else {
      for (let fi = base; fi < base + FRONT_SIZE; fi++) if (this.fMeta[fi]! >>> 9 === slot) this.fVpn[fi] = -1;
    }
  }

  private unlistLive(slot: number): void {
    const p = this.livePos[slot]!;
    if (p < 0) return;
    const last = this.live[--this.liveN]!;
    this.live[p] = last;
    this.livePos[last] = p;
    this.livePos[slot] = -1;
  }

  private unlistFrac(slot: number): void {
    const p = this.fracPos[slot]!;
    if (p < 0) return;
    const last = this.frac[--this.fracN]!;
    this.frac[p] = last;
    this.fracPos[last] = p;
    this.fracPos[slot] = -1;
  }

  // -------------------------------------------------------------------------- invalidations

  /**
   * Drops entries in the context range: the given VPID, PCID `pcid` (-1: every PCID); global entries
   * too when `global`. One bulk flush operation.
   */
  flush(vpid: number, pcid: number, global: boolean): void {
    this.cnt[C_FLUSH]++;
    this.gen[0]++;
    const ctxs = this.ctx, live = this.live, livePos = this.livePos;
    // Over the valid slots, compacting the list in place (the kept ones move to the front).
    let kept = 0;
    for (let k = 0, n = this.liveN; k < n; k++) {
      const i = live[k]!;
      const c = ctxs[i]!;
      if (c >>> 13 !== vpid || ((c & CTX_GLOBAL) !== 0 ? !global : pcid >= 0 && (c & CTX_PCID) !== pcid)) {
        live[kept] = i; livePos[i] = kept++;
        continue;
      }
      const id = this.slotArr[i]!;
      if (this.orig[i]! > this.eshift[i]!) this.unlistFrac(i);
      this.tag[i] = -1;
      livePos[i] = -1;
      this.setValid[this.slotSet[i]!]--;
      this.validShift[id * 4 + sizeCode(this.eshift[i]!)]--;
      this.flushDropCnt[id]++;
    }
    this.liveN = kept;
    this.clearFront();
  }

  /**
   * Drops the entries for the page containing (lo, hi) - every size, every piece of a fractured
   * page - whose context is VPID `vpid` and PCID `pcid` (non-global), and global ones when `global`.
   * One single-page invalidation operation.
   */
  invalidatePage(lo: number, hi: number, vpid: number, pcid: number, global: boolean): void {
    this.cnt[C_PAGE_FLUSH]++;
    const key = (vpid << 13) | pcid;
    const gkey = (vpid << 13) | CTX_GLOBAL;
    const tags = this.tag, ctxs = this.ctx, vs = this.validShift;
    for (let n = 0; n < PAGE_PROBES.length; n += 2) {
      const id = PAGE_PROBES[n]!, shift = PAGE_PROBES[n + 1]!;
      const sc = sizeCode(shift);
      if (vs[id * 4 + sc] === 0) continue;
      // Every entry covering the address (all ways of the set: there may be several contexts).
      const ways = this.aWays[id]!;
      const start = this.aBase[id]! + (vpnLowAt(shift, lo, hi) & this.aSetMask[id]!) * ways;
      if (this.setValid[start] === 0) continue;
      const tag = vpnAt(shift, lo, hi) * 4 + sc;
      for (let i = start, end = start + ways; i < end; i++) {
        if (tags[i] === tag && (ctxs[i] === key || (global && ctxs[i] === gkey))) {
          this.dropSlot(i);
          this.pageDropCnt[id]++;
        }
      }
    }
    // Pieces of a larger page elsewhere: same region at the original page size.
    if (this.fracN === 0) return;
    const r21 = vpnAt(21, lo, hi), r30 = vpnAt(30, lo, hi);
    for (let k = this.fracN - 1; k >= 0; k--) {
      const i = this.frac[k]!;
      if (this.fracRegion[i] !== (this.orig[i] === 21 ? r21 : r30)) continue;
      if (this.ctx[i] === key || (global && this.ctx[i] === gkey)) {
        const id = this.slotArr[i]!;
        this.dropSlot(i);
        this.pageDropCnt[id]++;
      }
    }
  }

  /** Number of valid entries in an array (for tests and the `tlb` display). */
  validEntries(a: TlbArray): number {
    let n = 0;
    for (let i = a.base, end = a.base + a.sets * a.ways; i < end; i++) if (this.tag[i]! >= 0) n++;
    return n;
  }

  resetCounters(): void {
    for (const a of this.arrays) this.hitBase[a.id] = this.clk[a.id]!;
    for (const c of [this.fillCnt, this.evictCnt, this.flushDropCnt, this.pageDropCnt, this.cnt]) c.fill(0);
  }

  /** A snapshot of the counters (allocates). */
  stats(): TlbStats {
    const c = this.cnt;
    const sideHits = (side: number) => this.l1[side]!.reduce((n, a) => n + this.hits(a.id), 0);
    const l1DHits = sideHits(SIDE_D), l1IHits = sideHits(SIDE_I);
    // Every lookup probes all L1 arrays of its side (in parallel in hardware); L1 misses probe the STLB.
    const dLookups = l1DHits + c[C_L1_MISS_D]! + c[C_L1_UNUSABLE_D]!;
    const iLookups = l1IHits + c[C_L1_MISS_I]! + c[C_L1_UNUSABLE_I]!;
    const l1Misses = c[C_L1_MISS_D]! + c[C_L1_MISS_I]!;
    const arrays: Record<string, TlbArrayStats> = {};
    let hits = 0, l2Hits = 0, fills = 0, evictions = 0, flushed = 0, pageFlushed = 0;
    for (const a of this.arrays) {
      const lookups = a.ways === 0 ? 0 : a.level === 2 ? l1Misses : a.side === SIDE_D ? dLookups : iLookups;
      const h = this.hits(a.id);
      const s: TlbArrayStats = {
        entries: a.entries, ways: a.ways, valid: this.validEntries(a), lookups, hits: h, misses: lookups - h,
        fills: this.fillCnt[a.id]!, evictions: this.evictCnt[a.id]!, flushed: this.flushDropCnt[a.id]!,
        pageFlushed: this.pageDropCnt[a.id]!,
      };
      arrays[a.name] = s;
      hits += h;
      if (a.level === 2) l2Hits += h;
      fills += s.fills; evictions += s.evictions; flushed += s.flushed; pageFlushed += s.pageFlushed;
    }
    const dirtyRewalks = c[C_DIRTY]!, hitFaults = c[C_HIT_FAULT]!;
    return {
      lookups: dLookups + iLookups,
      hits,
      misses: c[C_L2_MISS]!,
      l1: { lookups: dLookups + iLookups, hits: l1DHits + l1IHits, misses: l1Misses, dLookups, iLookups,
        dHits: l1DHits, iHits: l1IHits, dMisses: c[C_L1_MISS_D]!, iMisses: c[C_L1_MISS_I]! },
      stlb: { lookups: l1Misses, hits: l2Hits, misses: c[C_L2_MISS]! },
      dirtyRewalks, hitFaults, fills, evictions,
      flushes: c[C_FLUSH]!, pageFlushes: c[C_PAGE_FLUSH]!, flushedEntries: flushed, pageFlushedEntries: pageFlushed,
      arrays,
    };
  }
}

export interface TlbArrayStats {
  entries: number; ways: number; valid: number;
  /** lookups that probed this array (L1: every lookup of its side; STLB arrays: every L1 miss) */
  lookups: number;
  hits: number;
  /** lookups - hits (a hit in a sibling array counts as a miss here) */
  misses: number;
  fills: number; evictions: number;
  /** entries dropped by bulk flushes */
  flushed: number;
  /** entries dropped by single-page invalidations */
  pageFlushed: number;
}

export interface TlbStats {
  /** translations looked up = hits + misses + dirtyRewalks + hitFaults */
  lookups: number;
  /** lookups served by a TLB entry (L1 or STLB) */
  hits: number;
  /** lookups that missed L1 and STLB and walked */
  misses: number;
  l1: {
    lookups: number; hits: number; misses: number; dLookups: number; iLookups: number;
    dHits: number; iHits: number; dMisses: number; iMisses: number;
  };
  stlb: { lookups: number; hits: number; misses: number };
  /** writes that hit an entry with D = 0 and re-walked to set D */
  dirtyRewalks: number;
  /** accesses denied by a cached entry's rights (#PF without a walk) */
  hitFaults: number;
  fills: number;
  evictions: number;
  /** bulk flush operations */
  flushes: number;
  /** single-page invalidation operations */
  pageFlushes: number;
  flushedEntries: number;
  pageFlushedEntries: number;
  arrays: Record<string, TlbArrayStats>;
}
