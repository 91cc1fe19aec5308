// The session backend of the virtualized modes (ept, shadow-wp, shadow-lazy): the hypervisor's VM
// (src/vmm) seen through the views' session interface.
//
//  * run            -> Vm.run (the vCPU's exit loop), not the API's run(), which builds a whole
//                      result (memory statistics, exit records) at every call: the label breakpoint
//                      single-steps.
//  * every exit     -> the exit log's begin / act / flag / end, observed on this VM's own log
//                      instance (the log keeps only its first records; the views need them all).
//                      The event's text (disassembly, the hypervisor's action) is made only when a
//                      view reads it.
//  * phase marks    -> the VM's port device (OUT to port 0xE8). A mark is reported when the I/O exit
//                      that carried it ends; both marks' own exits are outside the phase, as the
//                      guests' headers count them (the begin mark's exit before the region, the end
//                      mark's exit after it).
//  * counters       -> the exit log's per-reason counts and cycles, the vCPU's KVM-named counters,
//                      the MMU's TLB and walk counters (the hardware walk: 2-D under EPT).
//  * walk           -> Vm.translate (the guest walk, GVA -> GPA -> HVA -> HPA) and the MMU's
//                      side-effect-free explain (what the hardware walks: the 2-D walk or the shadow).
//  * table memory   -> guest tables reachable from CR3, shadow pages, EPT table pages.

import type { Cpu, StopState } from '../cpu/cpu.js';
import { disasm } from '../cpu/disasm.js';
import type { Insn } from '../cpu/insn.js';
import type { X86Mmu } from '../mmu/mmu.js';
import { ACC_FETCH, ACC_READ, type WalkRef } from '../mmu/walk.js';
import type { PhysMem } from '../mmu/phys.js';
import { createVm, type VmHandle } from '../vmm/index.js';
import { formatAction, type ExitLog } from '../vmm/exit-log.js';
import { EXIT_REASON_IO_INSTRUCTION, exitReasonName } from '../vmm/exit-reasons.js';
import type { Vm } from '../vmm/vm.js';
import type { BaseCost } from './report.js';
import { Locator } from './runner.js';
import { dumpHierarchy } from './inspect.js';
import { eptFlags, pteFlags } from './walk-view.js';
import {
  PHASE_END, PORT_PHASE, registerBackend, type ExitEvent, type ModeName, type Session, type SessionOptions, type Snapshot,
  type TableMemory, type WalkReport,
} from './session.js';

const TWO32 = 4294967296;
const hex64 = (lo: number, hi: number) => '0x' + (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');

/** One exit as the views see it; the text fields are made when read. */
class VmExitEvent implements ExitEvent {
  constructor(
    readonly seq: number,
    readonly icount: number,
    private readonly reasonNo: number,
    private readonly qualLo: number,
    private readonly qualHi: number,
    readonly ripLo: number,
    readonly ripHi: number,
    private readonly ins: Insn | null,
    private readonly glaOk: boolean,
    private readonly glaLo: number,
    private readonly glaHi: number,
    private readonly gpa: number,
    private readonly act: Int32Array | null,
    private readonly actArgs: Float64Array | null,
    readonly cycles: number,
    private readonly session: VmSession,
  ) {}

  get reason(): string { return exitReasonName(this.reasonNo); }
  get info1(): string { return hex64(this.qualLo, this.qualHi); }
  /** the guest-physical address for EPT exits, else 0 */
  get info2(): string { return this.gpa >= 0 ? hex64(this.gpa % TWO32, Math.floor(this.gpa / TWO32)) : hex64(0, 0); }
  get insn(): string {
    const rip = (BigInt(this.ripHi >>> 0) << 32n) | BigInt(this.ripLo >>> 0);
    if (this.ins !== null) {
      try {
        return disasm(this.ins, rip);
      } catch { /* fall back to memory */ }
    }
    return this.session.disasmAt(this.ripLo, this.ripHi);
  }
  get action(): string {
    if (this.act === null || this.actArgs === null) return '';
    const gla = '0x' + ((BigInt(this.glaHi >>> 0) << 32n) | BigInt(this.glaLo >>> 0)).toString(16);
    return formatAction(this.act[0]!, this.actArgs[0]!, this.actArgs[1]!, this.actArgs[2]!, this.act[1]!, this.glaOk ? gla : undefined);
  }
}

export class VmSession implements Session {
  readonly handle: VmHandle;
  readonly vm: Vm;
  readonly cost: BaseCost;
  onExit: ((e: ExitEvent) => void) | null = null;
  onPhase: ((value: number) => void) | null = null;
  private readonly t0 = process.hrtime.bigint();

  // The exit in progress (between the log's begin and end).
  private inExit = false;
  private cur = { seq: 0, icount: 0, reason: 0, qualLo: 0, qualHi: 0, ripLo: 0, ripHi: 0, ins: null as Insn | null, glaOk: false, glaLo: 0, glaHi: 0, gpa: -1 };
  private readonly act = new Int32Array(2);
  private readonly actArgs = new Float64Array(3);
  private acted = false;
  /** a phase mark seen during the current exit */
  private pendingPhase = -1;
  /** while set, snapshots leave out the exit that just ended (the end mark's own exit) */
  private exclude: { reason: number; cycles: number } | null = null;

  constructor(readonly mode: ModeName, opts: SessionOptions) {
    this.handle = createVm({
      mode: mode === 'ept' ? 'ept' : 'shadow',
      shadowSync: mode === 'shadow-lazy' ? 'lazy' : 'wp',
      image: opts.image, memBytes: opts.memBytes, guestLevels: opts.guestLevels, tlbSpec: opts.tlbSpec, pwc: opts.pwc,
      ...opts.vm,
    });
    this.vm = this.handle.vm!;
    this.cost = { insn: this.vm.cost.insn, walkRef: this.vm.cost.walkRef };
    this.hookLog(this.vm.vcpu.log);
    if (opts.exactExits) {
      // The vCPU unwinds to the faulting instruction while its log "records" (vcpu.ts): keep it so.
      Object.defineProperty(this.vm.vcpu.log, 'recording', { get: () => true, configurable: true });
    }
    this.hookPorts();
  }

  /** Observes every exit on this VM's log instance (its methods are called for each exit, recorded or not). */
  private hookLog(log: ExitLog): void {
    const begin = log.begin.bind(log), act = log.act.bind(log), flag = log.flag.bind(log), end = log.end.bind(log);
    log.begin = (reason, qualLo, qualHi, ripLo, ripHi, icount, insn, glaValid, glaLo, glaHi, gpa) => {
      const c = this.cur;
      c.seq = log.total; c.icount = icount; c.reason = reason; c.qualLo = qualLo; c.qualHi = qualHi; c.ripLo = ripLo; c.ripHi = ripHi;
      c.ins = insn; c.glaOk = glaValid; c.glaLo = glaLo; c.glaHi = glaHi; c.gpa = gpa;
      this.acted = false;
      this.inExit = true;
      begin(reason, qualLo, qualHi, ripLo, ripHi, icount, insn, glaValid, glaLo, glaHi, gpa);
    };
    log.act = (code, a0 = 0, a1 = 0, a2 = 0, flags = 0) => {
      this.act[0] = code; this.act[1] = flags;
      this.actArgs[0] = a0; this.actArgs[1] = a1; this.actArgs[2] = a2;
      this.acted = true;
      act(code, a0, a1, a2, flags);
    };
    log.flag = (flags) => {
      this.act[1]! |= flags;
      flag(flags);
    };
    log.end = (reason, cycles) => {
      end(reason, cycles);
      if (!this.inExit) return;
      this.inExit = false;
      const phase = this.pendingPhase;
      this.pendingPhase = -1;
      if (phase === PHASE_END) { // the region ends before its end mark's exit
        this.exclude = { reason, cycles };
        try { this.onPhase?.(phase); } finally { this.exclude = null; }
      }
      const cb = this.onExit;
      if (cb !== null) {
        const c = this.cur;
        cb(new VmExitEvent(c.seq, c.icount, c.reason, c.qualLo, c.qualHi, c.ripLo, c.ripHi, c.ins, c.glaOk, c.glaLo, c.glaHi, c.gpa,
          this.acted ? this.act.slice() : null, this.acted ? this.actArgs.slice() : null, cycles, this));
      }
      if (phase >= 0 && phase !== PHASE_END) this.onPhase?.(phase); // the region begins after its begin mark's exit
    };
  }

  /** Phase marks: OUT to port 0xE8 reaches the VMM's device model through an I/O exit. */
  private hookPorts(): void {
    const dev = this.vm.devices;
    const out = dev.portOut.bind(dev);
    dev.portOut = (port: number, size: number, value: number) => {
      if (port === PORT_PHASE) {
        if (this.inExit) this.pendingPhase = value & 0xff;
        else this.onPhase?.(value & 0xff);
      }
      return out(port, size, value);
    };
  }

  get cpu(): Cpu { return this.vm.cpu; }
  get mmu(): X86Mmu { return this.vm.mmu; }
  get ram(): PhysMem { return this.vm.host.ram; }
  get instructions(): number { return this.vm.cpu.icount; }
  get console(): string { return this.vm.devices.console; }

  run(maxInsns: number): StopState {
    return this.vm.run(maxInsns) as StopState;
  }

  snapshot(): Snapshot {
    const log = this.vm.vcpu.log;
    const exits: Snapshot['exits'] = {};
    for (let r = 0; r < 64; r++) {
      const n = log.byReason[r]!;
      if (n > 0) exits[exitReasonName(r)] = { count: n, cycles: log.cyclesByReason[r]! };
    }
    const kvm = { ...this.vm.vcpu.stats.toJSON() };
    const x = this.exclude;
    if (x !== null) {
      const name = exitReasonName(x.reason), e = exits[name];
      if (e !== undefined) {
        e.count--; e.cycles -= x.cycles;
        if (e.count === 0) delete exits[name];
      }
      if (kvm['exits'] !== undefined) kvm['exits']--;
      if (x.reason === EXIT_REASON_IO_INSTRUCTION && kvm['io_exits'] !== undefined) kvm['io_exits']--;
    }
    const s = this.mmu.stats;
    return {
      instructions: this.instructions,
      exits,
      tlb: { lookups: s.tlb.lookups, misses: s.tlb.misses, flushes: s.tlb.flushes, pageFlushes: s.tlb.pageFlushes },
      walk: { walks: s.walk.walks, memRefs: s.walk.memRefs },
      kvm,
      guestExceptions: this.cpu.stats.exceptions,
      hostSeconds: Number(process.hrtime.bigint() - this.t0) / 1e9,
    };
  }

  tables(): TableMemory {
    const vm = this.vm;
    return { guest: vm.guestPageTablePages(), shadow: vm.shadow?.shadowPages ?? 0, ept: vm.ept?.ept.tablePages ?? 0 };
  }

  peekLinear(lo: number, hi: number, fetch = false): number {
    const e = this.mmu.explain(lo >>> 0, hi | 0, fetch ? ACC_FETCH : ACC_READ);
    if (e.status === 'ok') return e.pa;
    // Not in the hardware's tables yet (a hidden fault or an EPT violation would fill it): the guest's view.
    const t = this.vm.translate((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    return t.hpa ?? -1;
  }

  readGuestPhys(gpa: number, len: number): Uint8Array {
    return this.vm.readGuest(gpa, len);
  }

  walk(lo: number, hi: number): WalkReport {
    const t = this.vm.translate((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    const hw = this.mmu.explain(lo >>> 0, hi | 0, ACC_READ);
    const r: WalkReport = { status: t.status, guestWalk: t.guestWalk, guestStatus: t.status, hardwareWalk: hw.refs, hardware: hw };
    const gpa = t.gpa ?? leafGpa(t.guestWalk, lo, hi);
    if (gpa !== undefined) r.gpa = gpa;
    if (hw.status === 'ok') r.hpa = hw.pa;
    else if (t.hpa !== undefined) r.hpa = t.hpa;
    return r;
  }

  dumpTables(which: 'shadow' | 'ept'): string | null {
    const mem = this.ram;
    const read = (a: number): [number, number] => [mem.read64lo(a) >>> 0, mem.read32(a + 4) >>> 0];
    if (which === 'ept') {
      const p = this.vm.ept;
      if (p === null) return null;
      const e = p.ept;
      return `EPT (GPA -> HPA): EPTP 0x${e.eptp.toString(16)}, ${e.tablePages} table page${e.tablePages === 1 ? '' : 's'}, ` +
        `leaves: ${e.pages4k} x 4K, ${e.pages2m} x 2M, ${e.pages1g} x 1G, ${e.mmioEntries} MMIO (misconfigured)\n` +
        dumpHierarchy(read, e.root, e.levels, eptFlags, (lo) => (lo & 7) !== 0);
    }
    const sh = this.vm.shadow;
    if (sh === null) return null;
    const levels = (this.cpu.cr4 & 0x1000) !== 0 ? 5 : 4;
    const roots = sh.rootInfo();
    const out = [`shadow page tables (GVA -> HPA), ${sh.sync} sync: ${sh.shadowPages} shadow page${sh.shadowPages === 1 ? '' : 's'}, ${roots.length} cached root${roots.length === 1 ? '' : 's'}`];
    for (const r of roots) {
      out.push(`guest CR3 0x${r.cr3.toString(16)}${r.current ? ' (current)' : ''}: shadow root HPA 0x${r.hpa.toString(16)}, ${r.pages} shadow page${r.pages === 1 ? '' : 's'}`);
      out.push(dumpHierarchy(read, r.hpa, levels, pteFlags, (lo) => (lo & 1) !== 0).trimEnd());
    }
    return out.join('\n') + '\n';
  }

  /** The instruction at a linear address, read from memory now (when the exit did not keep it). */
  disasmAt(lo: number, hi: number): string {
    this.locator ??= new Locator(this, undefined);
    return this.locator.disasm(lo, hi);
  }
  private locator: Locator | null = null;

  close(): void {
    this.handle.destroy();
  }
}

/** The GPA a guest walk ends at when its last reference is a present leaf (the final page may not be backed yet). */
function leafGpa(refs: WalkRef[], lo: number, hi: number): number | undefined {
  const last = refs[refs.length - 1];
  if (last === undefined || (last.entryLo & 1) === 0) return undefined;
  const l = last.level;
  if (l !== 1 && !(l <= 3 && (last.entryLo & 0x80) !== 0)) return undefined;
  const size = 2 ** (12 + 9 * (l - 1));
  const base = ((last.entryLo & 0xfffff000) >>> 0) + (last.entryHi & 0xfffff) * TWO32;
  const gva = (hi >>> 0) * TWO32 + (lo >>> 0);
  return base - (base % size) + (gva % size);
}

for (const m of ['ept', 'shadow-wp', 'shadow-lazy'] as const) registerBackend(m, (mode, opts) => new VmSession(mode, opts));
