// pagevisor's hypervisor: the programmatic API (the `pagevisor run` command uses it).
//
//   import { createVm, lineLocator } from './vmm/index.js';
//   const vm = createVm({
//     mode: 'native' | 'ept' | 'npt' | 'shadow',   // npt = ept
//     image,                          // Uint8Array: flat binary loaded at GPA 0x100000 (docs/boot.md)
//     shadowSync: 'wp' | 'lazy',      // shadow mode (default 'wp')
//     vpid: true,                     // --vpid on|off (default on)
//     hostMemBytes: 256 << 20,        // --host-mem (default 256 MiB; multiple of 2 MiB)  [or host: shared HostMemory]
//     memBytes: 64 << 20,             // --mem: guest RAM (default 64 MiB)
//     guestLevels: 4 | 5,             // --guest-levels
//     eptLevels: 4 | 5,               // default: the guest's
//     eptLarge: false, eptPrefault: false,   // --ept-large [2m|1g] (true = '2m'), --ept-prefault
//     cost: 'exit=1200,walkRef=30',   // --cost (string or object; see cost.ts for names and defaults)
//     tlbSpec: 'skylake', pwc: 'off', // --tlb, --pwc
//     exitLogSize: 4096,              // first exits kept in full (0: counters only, fastest)
//     locate: lineLocator(asm.lines), // source file:line of exiting instructions (optional)
//   });
//   const r = vm.run({ maxInsns: 1e9 });   // may be called again to continue
//   r.stop            { reason: 'exit-port'|'hlt'|'triple-fault'|'insn-limit'|'error'|'host-oom', code, message, rip, ... }
//   r.console         console output so far (string, Latin-1)
//   r.instructions    retired by this run() call; r.totalInstructions since boot
//   r.exits           { total, byReason: { CR_ACCESS: n, EPT_VIOLATION: n, ... } }  (names: exit-reasons.ts)
//   r.exitLog         the first exit records (ExitRecord: seq, icount, reason, name, qualification,
//                     qualText, rip, insn, source?, gla?, gpa?, action, cycles); vm.exitLog(n) for more
//                     (the log keeps the first exitLogSize exits; r.exitsUnrecorded counts the rest)
//   r.counters        KVM-named: exits pf_fixed pf_guest pf_emulate pf_spurious mmio_exits io_exits
//                     halt_exits hypercalls insn_emulation invlpg tlb_flush mmu_pte_write
//                     mmu_shadow_zapped mmu_flooded mmu_cache_miss pages_4k pages_2m pages_1g
//   r.memory          { guestPagesBacked, guestBytesBacked, guestPageTablePages, guestPageTableBytes,
//                       shadowTablePages, shadowTableBytes, eptTablePages, eptTableBytes,
//                       hostPageTablePages, hostPageTableBytes, hostFramesInUse, hostBytes, roots? }
//   r.cycles          { total, guest, walks, exits, hypervisor, byReason: { NAME: cycles } }  (cost.ts)
//   r.tlb, r.walk     the MMU's TLB statistics and walk counters (walk.memRefs counts 2-D references)
//   r.shadow          shadow mode: { sync, rootCacheHits, rootCacheMisses, trackedGfns, syncZapped }
//   vm.translate(gva) GVA -> GPA -> HVA -> HPA with the guest walk and the hardware walk (Translation)
//   vm.writeGuest(gpa, bytes), vm.readGuest(gpa, len), vm.destroy()
// Native mode runs the plain machine (src/cpu/machine.ts) behind the same API: no exits, GPA = HPA.

import { createMachine, DEFAULT_MEM, IMAGE_BASE, type Machine } from '../cpu/machine.js';
import type { LineMapEntry } from '../asm/assemble.js';
import { SourceMap } from '../trace/source-map.js';
import type { X86Mmu } from '../mmu/mmu.js';
import { ACC_READ } from '../mmu/walk.js';
import type { TlbStats } from '../mmu/tlb.js';
import { PTE_P, PTE_PS } from '../mmu/paging-bits.js';
import { entryAddr } from '../mmu/walk.js';
import { parseCost, type CostModel } from './cost.js';
import type { ExitRecord, SourceLocator } from './exit-log.js';
import { FRAME_SIZE, type HostMemory } from './host-memory.js';
import { KvmStats } from './stats.js';
import { eptMaxLevel } from './tdp.js';
import type { VmStop } from './vcpu.js';
import { Vm, type Translation, type VmConfig } from './vm.js';

export type VmMode = 'native' | 'ept' | 'npt' | 'shadow';

export interface CreateVmOptions extends Omit<VmConfig, 'mode'> {
  mode: VmMode;
  /** exit records included in each run result (default 64; vm.exitLog(n) gives more) */
  exitLogInResult?: number;
}

export interface VmMemoryStats {
  guestPagesBacked: number;
  guestBytesBacked: number;
  guestPageTablePages: number;
  guestPageTableBytes: number;
  shadowTablePages: number;
  shadowTableBytes: number;
  eptTablePages: number;
  eptTableBytes: number;
  hostPageTablePages: number;
  hostPageTableBytes: number;
  hostFramesInUse: number;
  hostBytes: number;
  /** shadow mode: the cached roots (guest CR3, shadow pages reachable from each) */
  roots?: { cr3: string; shadowPages: number; current: boolean }[];
}

export interface VmCycles {
  total: number;
  /** guest instructions x cost.insn */
  guest: number;
  /** hardware page-walk references x cost.walkRef */
  walks: number;
  /** VM exit + entry round trips */
  exits: number;
  /** the hypervisor's handlers */
  hypervisor: number;
  byReason: Record<string, number>;
}

export interface VmRunResult {
  mode: 'native' | 'ept' | 'shadow';
  stop: VmStop;
  console: string;
  instructions: number;
  totalInstructions: number;
  exits: { total: number; byReason: Record<string, number> };
  exitLog: ExitRecord[];
  counters: Record<string, number>;
  memory: VmMemoryStats;
  cycles: VmCycles;
  tlb: TlbStats;
  walk: { walks: number; memRefs: number; adWrites: number; faults: number };
  cost: CostModel;
  /** shadow mode: the root cache and write tracking */
  shadow?: { sync: 'wp' | 'lazy'; rootCacheHits: number; rootCacheMisses: number; trackedGfns: number; syncZapped: number };
  /** exits counted but not recorded in the exit log (past exitLogSize) */
  exitsUnrecorded: number;
}

export interface VmHandle {
  readonly mode: 'native' | 'ept' | 'shadow';
  /** the hypervisor's VM (null in native mode) */
  readonly vm: Vm | null;
  /** the native machine (null in virtualized modes) */
  readonly machine: Machine | null;
  run(opts?: { maxInsns?: number }): VmRunResult;
  translate(gva: bigint | number): Translation;
  writeGuest(gpa: number, bytes: Uint8Array): void;
  readGuest(gpa: number, len: number): Uint8Array;
  exitLog(limit?: number): ExitRecord[];
  destroy(): void;
}

/** Creates a VM (or, in native mode, the plain machine) behind one API. */
export function createVm(opts: CreateVmOptions): VmHandle {
  const mode = opts.mode === 'npt' ? 'ept' : opts.mode;
  if (mode !== 'native' && mode !== 'ept' && mode !== 'shadow') throw new RangeError(`unknown mode '${String(opts.mode)}' (native, ept, npt, shadow)`);
  if (opts.shadowSync !== undefined && opts.shadowSync !== 'wp' && opts.shadowSync !== 'lazy') {
    throw new RangeError(`--shadow-sync must be wp or lazy, got '${String(opts.shadowSync)}'`);
  }
  eptMaxLevel(opts.eptLarge); // a bad value is an error in every mode
  return mode === 'native' ? new NativeHandle(opts) : new VirtHandle({ ...opts, mode });
}

/** Maps guest RIPs to `file:line` through an assembler line map (image at 0x100000, code identity-mapped). */
export function lineLocator(lines: readonly LineMapEntry[], base = IMAGE_BASE): SourceLocator {
  const map = new SourceMap(base, lines);
  return (ripLo: number, ripHi: number) => {
    if (ripHi !== 0) return undefined;
    const at = map.at(ripLo >>> 0);
    return at && `${at.file}:${at.line}`;
  };
}

function cyclesOf(cost: CostModel, insns: number, memRefs: number, exitCycles: number, handlerCycles: number,
  byReason: Record<string, number>): VmCycles {
  const guest = insns * cost.insn, walks = memRefs * cost.walkRef;
  return { total: guest + walks + exitCycles + handlerCycles, guest, walks, exits: exitCycles, hypervisor: handlerCycles, byReason };
}

class VirtHandle implements VmHandle {
  readonly vm: Vm;
  readonly machine = null;
  readonly mode: 'ept' | 'shadow';
  private readonly inResult: number;
  private readonly locate?: SourceLocator;

  constructor(opts: CreateVmOptions & { mode: 'ept' | 'shadow' }) {
    this.mode = opts.mode;
    this.vm = new Vm(opts);
    this.inResult = opts.exitLogInResult ?? 64;
    this.locate = opts.locate;
  }

  run(o: { maxInsns?: number } = {}): VmRunResult {
    const vm = this.vm, v = vm.vcpu;
    const before = vm.cpu.icount;
    const stop = vm.run(o.maxInsns);
    const st = vm.mmu.stats;
    const sh = vm.shadow;
    const memory: VmMemoryStats = {
      guestPagesBacked: vm.guestPagesBacked,
      guestBytesBacked: vm.guestPagesBacked * FRAME_SIZE,
      guestPageTablePages: vm.guestPageTablePages(),
      guestPageTableBytes: 0,
      shadowTablePages: sh?.shadowPages ?? 0,
      shadowTableBytes: (sh?.shadowPages ?? 0) * FRAME_SIZE,
      eptTablePages: vm.ept?.ept.tablePages ?? 0,
      eptTableBytes: (vm.ept?.ept.tablePages ?? 0) * FRAME_SIZE,
      hostPageTablePages: vm.hostPt?.tablePages ?? 0,
      hostPageTableBytes: (vm.hostPt?.tablePages ?? 0) * FRAME_SIZE,
      hostFramesInUse: vm.host.framesInUse,
      hostBytes: vm.host.bytes,
    };
    memory.guestPageTableBytes = memory.guestPageTablePages * FRAME_SIZE;
    if (sh !== null) {
      memory.roots = sh.rootInfo().map((r) => ({ cr3: '0x' + r.cr3.toString(16), shadowPages: r.pages, current: r.current }));
    }
    return {
      mode: this.mode,
      stop,
      console: vm.devices.console,
      instructions: vm.cpu.icount - before,
      totalInstructions: vm.cpu.icount,
      exits: { total: v.log.total, byReason: v.log.countsByName() },
      exitLog: v.log.records(this.inResult, this.locate),
      counters: v.stats.toJSON(),
      memory,
      cycles: cyclesOf(vm.cost, vm.cpu.icount, st.walk.memRefs, v.exitCycles, v.handlerCycles, v.log.cyclesByName()),
      tlb: st.tlb,
      walk: st.walk,
      cost: vm.cost,
      ...(sh !== null ? { shadow: { sync: sh.sync, rootCacheHits: sh.rootCacheHits, rootCacheMisses: sh.rootCacheMisses,
        trackedGfns: sh.trackedGfns, syncZapped: sh.syncZapped } } : {}),
      exitsUnrecorded: v.log.unrecorded,
    };
  }

  translate(gva: bigint | number): Translation { return this.vm.translate(gva); }
  writeGuest(gpa: number, bytes: Uint8Array): void { this.vm.writeGuest(gpa, bytes); }
  readGuest(gpa: number, len: number): Uint8Array { return this.vm.readGuest(gpa, len); }
  exitLog(limit?: number): ExitRecord[] { return this.vm.vcpu.log.records(limit, this.locate); }
  destroy(): void { this.vm.destroy(); }
}

class NativeHandle implements VmHandle {
  readonly vm = null;
  readonly machine: Machine;
  readonly mode = 'native' as const;
  private readonly cost: CostModel;

  constructor(opts: CreateVmOptions) {
    this.cost = parseCost(opts.cost);
    this.machine = createMachine({
      image: opts.image, memBytes: opts.memBytes, guestLevels: opts.guestLevels, tlbSpec: opts.tlbSpec, pwc: opts.pwc,
      fastPaths: opts.fastPaths, blocks: opts.blocks, blockHot: opts.blockHot, consoleLimit: opts.consoleLimit,
    });
  }

  private get mmu(): X86Mmu { return this.machine.mmu as X86Mmu; }

  run(o: { maxInsns?: number } = {}): VmRunResult {
    const m = this.machine;
    const r = m.run({ maxInsns: o.maxInsns });
    const { instructions, console: out, ...stop } = r;
    const st = this.mmu.stats;
    const memBytes = m.mem.size;
    const ptPages = this.guestPageTablePages();
    return {
      mode: 'native',
      stop,
      console: out,
      instructions,
      totalInstructions: m.instructions,
      exits: { total: 0, byReason: {} },
      exitLog: [],
      counters: new KvmStats().toJSON(),
      memory: {
        guestPagesBacked: memBytes / FRAME_SIZE, guestBytesBacked: memBytes,
        guestPageTablePages: ptPages, guestPageTableBytes: ptPages * FRAME_SIZE,
        shadowTablePages: 0, shadowTableBytes: 0, eptTablePages: 0, eptTableBytes: 0,
        hostPageTablePages: 0, hostPageTableBytes: 0, hostFramesInUse: memBytes / FRAME_SIZE, hostBytes: memBytes,
      },
      cycles: cyclesOf(this.cost, m.instructions, st.walk.memRefs, 0, 0, {}),
      tlb: st.tlb,
      walk: st.walk,
      cost: this.cost,
      exitsUnrecorded: 0,
    };
  }

  private guestPageTablePages(): number {
    const c = this.machine.cpu, mem = this.machine.mem;
    if ((c.cr0 & 0x80000000) === 0) return 0;
    const seen = new Set<number>();
    const visit = (pa: number, level: number) => {
      if (seen.has(pa) || !mem.contains(pa, 4096)) return;
      seen.add(pa);
      if (level === 1) return;
      for (let i = 0; i < 512; i++) {
        const lo = mem.read64lo(pa + i * 8), hi = mem.read32(pa + i * 8 + 4);
        if ((lo & PTE_P) === 0 || (level <= 3 && (lo & PTE_PS) !== 0)) continue;
        visit(entryAddr(lo, hi), level - 1);
      }
    };
    visit(entryAddr(c.cr3 % 4294967296, Math.floor(c.cr3 / 4294967296)), (c.cr4 & 0x1000) !== 0 ? 5 : 4);
    return seen.size;
  }

  translate(gva: bigint | number): Translation {
    const v = BigInt(gva) & 0xffffffffffffffffn;
    const lo = Number(v & 0xffffffffn), hi = Number(v >> 32n) | 0;
    const e = this.mmu.explain(lo, hi, ACC_READ);
    const out: Translation = { gva: '0x' + v.toString(16), status: 'ok', guestWalk: e.refs, hardwareWalk: e.refs };
    if (e.status === 'paging-off') out.status = 'paging-off';
    else if (e.status !== 'ok') out.status = 'page-fault';
    else { out.gpa = e.pa; out.hpa = e.pa; out.hardwareHpa = e.pa; }
    return out;
  }

  writeGuest(gpa: number, bytes: Uint8Array): void {
    this.machine.mem.load(gpa, bytes);
    this.machine.cpu.notifyPhysWrite(gpa, bytes.length);
  }

  readGuest(gpa: number, len: number): Uint8Array {
    return this.machine.mem.u8.slice(gpa, gpa + len);
  }

  exitLog(): ExitRecord[] { return []; }
  destroy(): void { /* nothing: the machine's RAM is garbage-collected */ }
}

export { DEFAULT_MEM };
export type { HostMemory, Translation, VmStop, ExitRecord };
export { HostMemory as Host } from './host-memory.js';
export { parseSize } from './host-memory.js';
export { parseCost, DEFAULT_COST } from './cost.js';
export { EXIT_REASON_NAMES, exitReasonName } from './exit-reasons.js';
