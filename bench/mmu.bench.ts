// MMU microbenchmarks (mitata): translate() on the TLB-hit path, a 16 MiB memory sweep with 4 KiB
// pages (the interpreter's target workload: misses once per page, hits otherwise), and the walk alone.
// Run: npm run bench -- mmu
import { bench, do_not_optimize, run, summary } from 'mitata';
import { PhysMem } from '../src/mmu/phys.js';
import { ACC_READ, ACC_WRITE, X86Mmu, type MmuOptions } from '../src/mmu/mmu.js';
import { CR0_PG, CR0_WP, CR4_PAE, CR4_PGE, EFER_LMA, EFER_LME, EFER_NXE } from '../src/mmu/paging-bits.js';
import { FMT_IA32E, Walker, WalkResult } from '../src/mmu/walk.js';

const MiB = 1 << 20;
const VA_BASE = 0x4000_0000; // the mapped range: [1 GiB, 1 GiB + 16 MiB) -> PA [16 MiB, 32 MiB)
const PA_BASE = 16 * MiB;
const SPAN = 16 * MiB;

function machine(opts: MmuOptions = {}): { mem: PhysMem; mmu: X86Mmu; root: number } {
  const mem = new PhysMem(48 * MiB);
  let next = 0x10000;
  const alloc = () => { const a = next; next += 4096; return a; };
  const root = alloc();
  const entry = (table: number, index: number, create: boolean): number => {
    const ea = table + index * 8;
    let lo = mem.read32(ea);
    if ((lo & 1) === 0 && create) { lo = alloc() | 7; mem.write32(ea, lo); }
    return (lo & 0xfffff000) >>> 0;
  };
  for (let off = 0; off < SPAN; off += 4096) {
    const va = VA_BASE + off;
    const pdpt = entry(root, 0, true);
    const pd = entry(pdpt, (va >>> 30) & 511, true);
    const pt = entry(pd, (va >>> 21) & 511, true);
    mem.write32(pt + ((va >>> 12) & 511) * 8, (PA_BASE + off) | 7);
  }
  const mmu = new X86Mmu(mem, opts);
  mmu.regs.load({ cr0: CR0_PG | CR0_WP | 1, cr3: root, cr4: CR4_PAE | CR4_PGE, efer: EFER_LME | EFER_LMA | EFER_NXE, cpl: 0 });
  return { mem, mmu, root };
}

// Hit path: 8 pages, 4 addresses each, reads and writes (writes made dirty by a first write).
function hitLoop(mmu: X86Mmu): number {
  let s = 0;
  for (let i = 0; i < 1024; i++) {
    const lo = VA_BASE + ((i & 7) << 12) + ((i >> 3) & 0xff8);
    s += mmu.translate(lo, 0, (i & 3) === 0 ? ACC_WRITE : ACC_READ);
  }
  return s;
}

// The interpreter's memory loop: 8-byte steps over 16 MiB (512 accesses per 4 KiB page).
function sweep(mmu: X86Mmu): number {
  let s = 0;
  for (let off = 0; off < SPAN; off += 8) s += mmu.translate(VA_BASE + off, 0, (off & 8) === 0 ? ACC_READ : ACC_WRITE);
  return s;
}

// The front-cache MMU is measured first, before the other configurations send translate() down its
// slow path (they share the class, hence the JIT feedback).
const front = machine();
hitLoop(front.mmu);
for (let i = 0; i < 8; i++) front.mmu.translate(VA_BASE + (i << 12), 0, ACC_WRITE);
sweep(front.mmu);
const stats = front.mmu.stats;

bench('translate, TLB hit (front cache), x1024', () => do_not_optimize(hitLoop(front.mmu)));
bench('sweep 16 MiB / 4 KiB pages, 2M accesses', () => do_not_optimize(sweep(front.mmu)));

const noFront = machine({ tlbFront: false });
const withPwc = machine({ pwc: 'on' });
bench('translate, TLB hit (model only, no front), x1024', () => do_not_optimize(hitLoop(noFront.mmu)));
bench('sweep 16 MiB, PWC on', () => do_not_optimize(sweep(withPwc.mmu)));

// The walk alone (cold 4-level walk, A/D already set), log on and off.
const w = new Walker(front.mem);
const res = new WalkResult();
function walks(): number {
  let s = 0;
  for (let i = 0; i < 1024; i++) {
    w.walk(res, FMT_IA32E, 4, front.root, VA_BASE + (i << 12), 0, ACC_READ, 0, null);
    s += res.pa;
  }
  return s;
}
summary(() => {
  bench('walk x1024 (log on)', () => { w.log.enabled = true; return do_not_optimize(walks()); });
  bench('walk x1024 (log off)', () => { w.log.enabled = false; return do_not_optimize(walks()); });
});

await run();
console.log(`front-cache MMU after warm-up: lookups ${stats.tlb.lookups}, hits ${stats.tlb.hits}, misses ${stats.tlb.misses}, walks ${stats.walk.walks}`);
