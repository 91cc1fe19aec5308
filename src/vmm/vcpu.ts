// The vCPU: the guest runs on the CPU interpreter in "VMX non-root operation"; events the execution
// controls (vmx.ts) select end in a VM exit, which the hypervisor records, handles and resumes from.
//
// Two ways a VM exit happens, as on hardware:
//  * instruction exits (CPUID, HLT, I/O, VMCALL, MOV CR, INVLPG, INVPCID, RDMSR/WRMSR): the CPU's exit
//    hooks (src/cpu CpuExits) call us while the instruction executes; we emulate it and the guest goes
//    on after it (RIP already at the next instruction).
//  * exits in the middle of an access (EPT violation / misconfiguration, #PF with shadow paging): the
//    MMU's fault hook (onFault) fills the exit-information fields, then either
//      - (while the exit log records) throws VM_EXIT: the CPU unwinds to the faulting instruction
//        (faults are precise), run() returns to our loop, which records the exit with its exact RIP
//        and instruction, handles it and enters the guest again: the instruction re-executes, exactly
//        as on VMX. An exit inside the delivery of a guest exception or INT n re-executes the
//        instruction too, which raises the event again (the effect of VMX's IDT-vectoring
//        re-injection). Unwinding costs microseconds (V8 unwinds ~10 frames), so
//      - (once the log is full) handles the exit right there and lets the access go on: the MMU walks
//        again (the hypervisor fixed the tables) or uses the HPA the hypervisor emulated it with. The
//        guest sees the same thing either way (re-executing an instruction up to its faulting access
//        has no visible effect), with the same exits and counters (a test checks it): a
//        read-modify-write makes one access with write intent (the CPU's readEForWrite), so it is
//        one exit either way, as with KVM's emulator.
//    A fetch at RIP (entering a page) and an exit during the delivery of an event are handled where
//    they happen even while recording: RIP is exact there (and VMX re-delivers an event whose delivery
//    exited, without re-executing the instruction).
//
// Accesses the hypervisor emulates (MMIO, writes to write-protected guest page tables): handled where
// they happen, the access goes to the page the hypervisor chose (the MMIO bounce frame, or the guest
// page table after the shadow entries made from it were zapped), without a TLB entry. After an
// unwinding exit the same is done by "grants": the vCPU single-steps the instruction, and its
// accesses to the granted page are served that way (KVM decodes and emulates the instruction).
//
// A true guest #PF found by the shadow MMU is injected with the guest's error code and CR2: raised
// at the faulting access (or, after an unwinding exit, when the re-executed instruction makes that
// access again), the CPU delivers it through the guest's IDT (nested faults, #DF and triple faults
// included) - what VM-entry event injection does before the instruction would re-execute.

import type { Cpu, CpuExits, StopState } from '../cpu/cpu.js';
import { CpuFault, VEC_GP } from '../cpu/exceptions.js';
import { cpuidValues, readMsr, writeCr, writeMsr } from '../cpu/exec-system.js';
import type { Insn } from '../cpu/insn.js';
import { CR0_PG, CR0_WP, CR4_LA57, CR4_PAE, CR4_PCIDE, CR4_PGE, CR4_SMEP, EFER_NXE } from '../mmu/paging-bits.js';
import { FAULT_RETRY, PageFault, type MmuFaultHook, type X86Mmu } from '../mmu/mmu.js';
import type { WalkResult } from '../mmu/walk.js';
import { W_COUNT, W_EMULATE, W_INJECT, W_USERSPACE, workCycles, type CostModel } from './cost.js';
import type { PortDevices } from './devices.js';
import {
  A_CPUID, A_CR3_READ, A_CR_WRITE, A_HLT, A_INVLPG, A_INVPCID, A_IO_CONSOLE, A_IO_EXIT, A_IO_UNASSIGNED, A_MMIO,
  A_MSR, A_PF_GUEST, A_TRIPLE, A_VMCALL, AF_AGAIN, AF_RESET, AF_WRITE, ExitLog,
} from './exit-log.js';
import {
  CR_TYPE_MOV_FROM_CR, CR_TYPE_MOV_TO_CR, crAccessQual, EXIT_REASON_CPUID, EXIT_REASON_CR_ACCESS, EXIT_REASON_HLT,
  EXIT_REASON_INVLPG, EXIT_REASON_INVPCID, EXIT_REASON_IO_INSTRUCTION, EXIT_REASON_MSR_READ, EXIT_REASON_MSR_WRITE,
  EXIT_REASON_TRIPLE_FAULT, EXIT_REASON_VMCALL, ioQual,
} from './exit-reasons.js';
import { FK_MMIO, HostOutOfMemory, type HostMemory } from './host-memory.js';
import { KvmStats } from './stats.js';
import { ExitInfo, VM_EXIT, type VirtMode, type VmxControls } from './vmx.js';
import { PORT_CONSOLE, PORT_EXIT } from '../cpu/machine.js';

const TWO32 = 4294967296;

/** How a VM run ended: the CPU's stop reasons, plus the host running out of frames. */
export type VmStopReason = StopState['reason'] | 'host-oom';
export interface VmStop extends Omit<StopState, 'reason'> {
  reason: VmStopReason;
}

/** The hypervisor side of a paging mode (EPT or shadow). */
export interface PagingHandler {
  /** The MMU is about to throw a fault (WALK_* status): is it a VM exit? If so, fill vcpu.info (the
   *  exit-information fields) and return true; false lets the CPU deliver it to the guest. */
  exitInfo(status: number, lo: number, hi: number, access: number, errorCode: number, res: WalkResult | null): boolean;
  /** Handles the exit described by vcpu.info. */
  handleFaultExit(): void;
}

/** What shadow paging adds (CR3, INVLPG, INVPCID, control-register changes). */
export interface ShadowHooks {
  /** after the guest's MOV to CR3 was applied to the CPU and the MMU's TLB */
  cr3Loaded(oldCr3: number, newCr3: number, noFlush: boolean): void;
  invlpg(lo: number, hi: number): void;
  invpcid(type: number, pcid: number, lo: number, hi: number): void;
  /** a change of CR0.WP/PG, CR4.SMEP or EFER.NXE: shadow pages built for the old mode are dropped */
  resetMmu(why: string): number;
  /** the guest flushed its whole TLB without a CR3 load (CR4.PGE toggle, ...): KVM_REQ_TLB_FLUSH_GUEST */
  tlbFlushGuest(): number;
}

/** A hypervisor error that stops the VM (guest page tables in MMIO, execution from MMIO, ...). */
export class VmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VmError';
  }
}

export const GRANT_MMIO = 1;
export const GRANT_PTE_WRITE = 2;
const MAX_GRANTS = 8;

export interface VcpuOptions {
  mode: VirtMode;
  controls: VmxControls;
  vpid: number;
  cost: CostModel;
  exitLogSize: number;
}

export class Vcpu implements CpuExits, MmuFaultHook {
  readonly info = new ExitInfo();
  readonly log: ExitLog;
  readonly stats = new KvmStats();
  /** the hypervisor's work on the current exit (cost.ts W_*) */
  readonly work = new Float64Array(W_COUNT);
  paging!: PagingHandler;
  shadow: ShadowHooks | null = null;
  /** cycles: VM exit/entry round trips, and the hypervisor's handlers */
  exitCycles = 0;
  handlerCycles = 0;
  private curReason = 0;
  private inExit = false;

  // Emulated accesses (see the header).
  private grantN = 0;
  private readonly gVpnLo = new Uint32Array(MAX_GRANTS);
  private readonly gVpnHi = new Int32Array(MAX_GRANTS);
  private readonly gAcc = new Uint8Array(MAX_GRANTS);
  private readonly gKind = new Uint8Array(MAX_GRANTS);
  private readonly gGpa = new Float64Array(MAX_GRANTS);
  private readonly gHpa = new Float64Array(MAX_GRANTS);
  /** single-stepping the instruction whose accesses are granted */
  private stepping = false;
  private mmioSink = -1;
  /** called with (gpa) for every granted write to a guest page table */
  onPteWrite: ((gpa: number) => void) | null = null;

  // A guest #PF to inject (see the header).
  private injLo = 0;
  private injHi = 0;
  private injAcc = -1;
  private injEc = 0;

  private pendingStop: VmStop | null = null;

  constructor(
    readonly cpu: Cpu,
    readonly mmu: X86Mmu,
    readonly host: HostMemory,
    readonly owner: number,
    readonly devices: PortDevices,
    readonly opts: VcpuOptions,
  ) {
    this.log = new ExitLog(opts.exitLogSize);
    // Event delivery is watched (a wrapper on this CPU's deliver, which the CPU calls for exceptions
    // and INT n): an exit while an event is being delivered is handled where it happens.
    const deliver = cpu.deliver.bind(cpu);
    cpu.deliver = (vector: number, hasErr: boolean, code: number): void => {
      this.delivering++;
      try {
        deliver(vector, hasErr, code);
      } finally {
        this.delivering--;
      }
    };
  }

  /** events being delivered by the CPU (nested: #DF) */
  private delivering = 0;

  get mode(): VirtMode { return this.opts.mode; }
  get cost(): CostModel { return this.opts.cost; }

  // ------------------------------------------------------------------------------ exit bookkeeping

  /** The exiting instruction, as the CPU's generic path recorded it (for the exit record). */
  private currentInsn(): Insn | null {
    return (this.cpu as unknown as { faultIns: Insn | null }).faultIns ?? null;
  }

  /** Starts an exit: `atInsn` true when RIP is the exiting instruction (fault exits), false when the
   *  CPU already advanced it (instruction exits). */
  beginExit(reason: number, qualLo: number, qualHi: number, atInsn: boolean, glaValid = false, glaLo = 0, glaHi = 0, gpa = -1,
    notDecoded = false): void {
    const cpu = this.cpu;
    const ins = notDecoded ? null : this.currentInsn();
    let ripLo = cpu.ripLo, ripHi = cpu.ripHi;
    if (!atInsn && ins !== null) {
      ripLo -= ins.len;
      if (ripLo < 0) { ripLo += TWO32; ripHi = (ripHi - 1) | 0; }
    }
    this.stats.exits++;
    this.work.fill(0);
    this.curReason = reason;
    this.inExit = true;
    // With VPID off the guest's TLB entries (tagged VPID 0, like the host's) go at every VM exit.
    if (!this.opts.controls.enableVpid) this.mmu.flushAll();
    this.log.begin(reason, qualLo, qualHi, ripLo, ripHi, cpu.icount, ins, glaValid, glaLo, glaHi, gpa);
  }

  /** Ends the current exit: modeled cost, then the VM entry. */
  endExit(): void {
    if (!this.inExit) return;
    this.inExit = false;
    const c = this.opts.cost;
    const h = workCycles(c, this.work);
    this.exitCycles += c.exit;
    this.handlerCycles += h;
    this.log.end(this.curReason, c.exit + h);
    if (!this.opts.controls.enableVpid) this.mmu.flushAll(); // ... and at every VM entry
  }

  // ----------------------------------------------------------------------------------- the loop

  /** Runs the guest for at most maxInsns instructions (exits handled on the way). */
  run(maxInsns: number): VmStop {
    const cpu = this.cpu;
    if (this.pendingStop !== null) return this.pendingStop;
    const limit = cpu.icount + maxInsns;
    for (;;) {
      const budget = this.stepping ? 1 : limit - cpu.icount;
      if (budget <= 0) return this.limitStop(maxInsns);
      let st: StopState;
      try {
        try {
          st = cpu.run(budget);
        } catch (e) {
          if (e !== VM_EXIT) throw e;
          this.handleFaultExit();
          continue;
        }
      } catch (e) {
        this.inExit = false;
        return this.fail(e);
      }
      if (this.stepping) {
        this.stepping = false;
        this.grantN = 0;
        if (st.reason === 'insn-limit') continue;
      }
      if (st.reason === 'insn-limit') {
        if (cpu.icount < limit) continue;
        return this.limitStop(maxInsns);
      }
      if (st.reason === 'triple-fault') {
        this.beginExit(EXIT_REASON_TRIPLE_FAULT, 0, 0, true);
        this.log.act(A_TRIPLE);
        this.endExit();
      }
      return st;
    }
  }

  private limitStop(maxInsns: number): VmStop {
    const c = this.cpu;
    return { reason: 'insn-limit', code: 0, message: `instruction limit (${maxInsns}) reached`, rip: '0x' + hex64(c.ripLo, c.ripHi) };
  }

  /** An error thrown out of the guest's run or a handler: a clean stop when we know it. */
  private fail(e: unknown): VmStop {
    const c = this.cpu;
    const rip = '0x' + hex64(c.ripLo, c.ripHi);
    if (e instanceof HostOutOfMemory) {
      this.pendingStop = { reason: 'host-oom', code: 0, message: e.message, rip };
      return this.pendingStop;
    }
    if (e instanceof VmError) {
      this.pendingStop = { reason: 'error', code: 0, message: e.message, rip };
      return this.pendingStop;
    }
    throw e;
  }

  /** A stop found while building the VM (the loader ran out of host memory). */
  setPendingStop(s: VmStop): void { this.pendingStop = s; }

  /** The exit the MMU's fault hook recorded in `info`. */
  private handleFaultExit(): void {
    const i = this.info;
    this.beginExit(i.reason, i.qualLo, i.qualHi, true, i.glaValid, i.glaLo, i.glaHi, i.gpa);
    try {
      this.paging.handleFaultExit();
    } finally {
      this.endExit();
    }
  }

  // --------------------------------------------------------------------- emulation and injection

  /** MmuFaultHook: the MMU is about to throw a fault. */
  onFault(status: number, lo: number, hi: number, access: number, errorCode: number, res: WalkResult | null): number {
    if (this.grantN > 0) {
      const h = this.serveGrant(lo, hi, access & 3);
      if (h >= 0) return h;
    }
    if (this.injAcc >= 0) {
      const match = this.injLo === lo >>> 0 && this.injHi === (hi | 0) && this.injAcc === (access & 3);
      this.injAcc = -1;
      if (match) throw new PageFault(lo, hi, this.injEc);
    }
    if (!this.paging.exitInfo(status, lo, hi, access, errorCode, res)) return -1;
    // A fetch at RIP (entering a page: the CPU has set RIP, the instruction is not decoded yet) is
    // handled where it happens even while recording: RIP is exact, and unwinding from there would lose
    // the CPU's count of the instructions run since it last stored it.
    const fetchAtRip = (access & 3) === 2 && lo >>> 0 === this.cpu.ripLo >>> 0 && (hi | 0) === (this.cpu.ripHi | 0);
    // During the delivery of an event RIP is exact too (the instruction the event is delivered for), and
    // handling the exit there is what VMX does with IDT-vectoring information: the event is delivered
    // again at VM entry, the instruction is not re-executed.
    if (this.log.recording && !fetchAtRip && this.delivering === 0) throw VM_EXIT; // unwind: exact RIP and instruction
    // Handled where it happened (see the header).
    const i = this.info;
    this.inline = true;
    this.inlineResult = FAULT_RETRY;
    this.beginExit(i.reason, i.qualLo, i.qualHi, true, i.glaValid, i.glaLo, i.glaHi, i.gpa, fetchAtRip);
    try {
      this.paging.handleFaultExit();
    } finally {
      this.inline = false;
      this.endExit();
    }
    if (this.injAcc >= 0) { // a true guest fault: raised now, delivered through the guest's IDT
      this.injAcc = -1;
      throw new PageFault(lo, hi, this.injEc);
    }
    return this.inlineResult;
  }

  /** handling an exit where it happened (inside the MMU), not after unwinding */
  private inline = false;
  /** what onFault returns for an exit handled inline: FAULT_RETRY or an emulated access's HPA */
  private inlineResult = FAULT_RETRY;

  /** Injects a guest #PF (CR2 = (hi:lo), error code) at the re-execution of the faulting access. */
  injectPageFault(lo: number, hi: number, access: number, errorCode: number): void {
    this.injLo = lo >>> 0; this.injHi = hi | 0; this.injAcc = access & 3; this.injEc = errorCode;
    this.work[W_INJECT]++;
    // The same fault again with no instruction retired: its delivery exited (the guest's IDT or stack
    // was not shadowed yet) and it is injected again - one guest fault (KVM re-queues it, uncounted).
    const c = this.cpu;
    const again = this.lastInj[0] === lo >>> 0 && this.lastInj[1] === (hi | 0) && this.lastInj[2] === errorCode &&
      this.lastInj[3] === c.icount && this.lastInj[4] === c.ripLo >>> 0;
    if (!again) this.stats.pf_guest++;
    this.lastInj[0] = lo >>> 0; this.lastInj[1] = hi | 0; this.lastInj[2] = errorCode; this.lastInj[3] = c.icount; this.lastInj[4] = c.ripLo >>> 0;
    this.log.act(A_PF_GUEST, 0, errorCode, 0, again ? AF_AGAIN : 0);
  }
  private readonly lastInj = new Float64Array(5).fill(-1);

  /**
   * Emulates the current instruction's accesses to the page of (lo, hi) with access kind `access`:
   * they go to `hpaPage` (GRANT_PTE_WRITE: the guest page-table page at `gpaPage`, each write reported
   * to onPteWrite) or to the MMIO bounce frame (GRANT_MMIO: reads return all ones, writes are dropped).
   * The instruction is then single-stepped.
   */
  emulate(kind: number, lo: number, hi: number, access: number, gpaPage: number, hpaPage: number): void {
    if (kind === GRANT_MMIO && this.mmioSink < 0) this.mmioSink = this.host.allocFrame(this.owner, FK_MMIO, 'the MMIO bounce frame');
    this.stats.insn_emulation++;
    this.work[W_EMULATE]++;
    if (this.inline) { // this access, now
      this.inlineResult = this.serveAccess(kind, lo, access & 3, gpaPage, hpaPage);
      return;
    }
    if (this.grantN === MAX_GRANTS) this.grantN = 0;
    const i = this.grantN++;
    this.gVpnLo[i] = (lo >>> 12) >>> 0; this.gVpnHi[i] = hi | 0; this.gAcc[i] = access & 3; this.gKind[i] = kind;
    this.gGpa[i] = gpaPage; this.gHpa[i] = hpaPage;
    this.stepping = true;
  }

  private serveGrant(lo: number, hi: number, acc: number): number {
    const vlo = (lo >>> 12) >>> 0, vhi = hi | 0;
    for (let i = 0; i < this.grantN; i++) {
      if (this.gVpnLo[i] !== vlo || this.gVpnHi[i] !== vhi || this.gAcc[i] !== acc) continue;
      return this.serveAccess(this.gKind[i]!, lo, acc, this.gGpa[i]!, this.gHpa[i]!);
    }
    return -1;
  }

  /** One emulated access: its HPA. */
  private serveAccess(kind: number, lo: number, acc: number, gpaPage: number, hpaPage: number): number {
    const off = lo & 0xfff;
    if (kind === GRANT_MMIO) {
      if (acc === 2) throw new VmError(`instruction fetch from MMIO at gpa 0x${(gpaPage + off).toString(16)}`);
      const s = this.mmioSink;
      this.host.ram.u8.fill(0xff, s, s + 4096); // reads return all ones; writes land here and are dropped
      this.cpu.notifyPhysWrite(s, 4096);
      return s + off;
    }
    this.onPteWrite?.(gpaPage + off);
    return hpaPage + off;
  }

  /** Logs an MMIO access exit (EPT misconfiguration or a #PF on an MMIO spte) and emulates it. */
  mmioAccess(lo: number, hi: number, access: number, gpa: number): void {
    this.stats.mmio_exits++;
    this.stats.pf_emulate++;
    this.work[W_USERSPACE]++;
    this.log.act(A_MMIO, gpa, 0, 0, (access & 3) === 1 ? AF_WRITE : 0);
    if ((access & 3) === 2) throw new VmError(`instruction fetch from MMIO at gpa 0x${gpa.toString(16)}`);
    this.emulate(GRANT_MMIO, lo, hi, access, gpa - (gpa % 4096), -1);
  }

  // ------------------------------------------------------------------------ instruction exits

  hlt(c: Cpu): boolean {
    this.beginExit(EXIT_REASON_HLT, 0, 0, false);
    this.stats.halt_exits++;
    this.log.act(A_HLT);
    c.requestStop('hlt', 0, (c.flags & 0x200) ? 'hlt with interrupts enabled (no interrupt sources)' : 'hlt with interrupts disabled');
    this.endExit();
    return true;
  }

  cpuid(c: Cpu): boolean {
    this.beginExit(EXIT_REASON_CPUID, 0, 0, false);
    const R = c.R;
    const leaf = R[0]! >>> 0, sub = R[2]! >>> 0;
    let [a, b, cx, d] = cpuidValues(c, leaf, sub);
    if (leaf === 1) cx |= 1 << 31; // CPUID.1:ECX.hypervisor
    if (leaf === 0x40000000) { // hypervisor vendor leaf: "PagevisorVMM"
      a = 0x40000000; b = 0x65676150; cx = 0x6f736976; d = 0x4d4d5672;
    }
    R[0] = a; R[1] = 0; R[6] = b; R[7] = 0; R[2] = cx; R[3] = 0; R[4] = d; R[5] = 0;
    this.log.act(A_CPUID, leaf);
    this.endExit();
    return true;
  }

  io(c: Cpu, port: number, size: number, isIn: boolean, value: number): boolean {
    const ins = this.currentInsn();
    this.beginExit(EXIT_REASON_IO_INSTRUCTION, ioQual(size, isIn, port, { immediate: ins !== null && ins.sub === 0 }), 0, false);
    this.stats.io_exits++;
    this.work[W_USERSPACE]++; // KVM_EXIT_IO: the VMM process emulates the device
    if (isIn) {
      const r = this.devices.portIn(port, size);
      c.writeReg(size, 0, 1, size === 4 ? r.value | 0 : r.value, 0);
      this.log.act(r.assigned ? A_IO_CONSOLE : A_IO_UNASSIGNED, port);
    } else {
      const v = size === 4 ? value >>> 0 : value & (size === 1 ? 0xff : 0xffff);
      const assigned = this.devices.portOut(port, size, v);
      if (port === PORT_EXIT) {
        c.requestStop('exit-port', v, `guest wrote 0x${v.toString(16)} to port 0xf4`);
        this.log.act(A_IO_EXIT, v);
      } else if (port === PORT_CONSOLE) this.log.act(A_IO_CONSOLE, v & 0xff, 0, 0, AF_WRITE);
      else this.log.act(assigned ? A_IO_CONSOLE : A_IO_UNASSIGNED, port, 0, 0, AF_WRITE);
    }
    this.endExit();
    return true;
  }

  vmcall(c: Cpu): boolean {
    this.beginExit(EXIT_REASON_VMCALL, 0, 0, false);
    this.stats.hypercalls++;
    const nr = c.R[0]! >>> 0;
    // KVM's hypercall ABI: number in RAX, result in RAX. 0x5056 ("PV") returns the number of exits so
    // far; anything else is unknown: -KVM_ENOSYS.
    const result = nr === 0x5056 ? this.stats.exits : -1000;
    c.R[0] = result | 0; c.R[1] = result < 0 ? -1 : 0;
    this.log.act(A_VMCALL, nr, result);
    this.endExit();
    return true;
  }

  msr(c: Cpu, isWrite: boolean, msr: number): boolean {
    const ctl = this.opts.controls;
    if (!(isWrite ? ctl.msrWriteExiting : ctl.msrReadExiting).has(msr >>> 0)) return false;
    this.beginExit(isWrite ? EXIT_REASON_MSR_WRITE : EXIT_REASON_MSR_READ, 0, 0, false);
    try {
      const R = c.R;
      if (isWrite) {
        const oldEfer = c.efer;
        writeMsr(c, msr >>> 0, R[0]!, R[4]!);
        let f = AF_WRITE;
        if (this.shadow !== null && ((oldEfer ^ c.efer) & EFER_NXE) !== 0) { this.shadow.resetMmu('EFER.NXE'); f |= AF_RESET; }
        this.log.act(A_MSR, msr >>> 0, 0, 0, f);
      } else {
        const [lo, hi] = readMsr(c, msr >>> 0);
        R[0] = lo; R[1] = 0; R[4] = hi; R[5] = 0;
        this.log.act(A_MSR, msr >>> 0);
      }
    } finally {
      this.endExit();
    }
    return true;
  }

  crAccess(c: Cpu, cr: number, isWrite: boolean, reg: number): boolean {
    const sh = this.shadow;
    if (sh === null) return false; // EPT: CR3 loads/stores and CR0/CR4 writes run in the guest
    if (!isWrite) {
      if (cr !== 3) return false; // CR0/CR4 reads come from the read shadows; CR2/CR8 are the guest's
      this.beginExit(EXIT_REASON_CR_ACCESS, crAccessQual(3, CR_TYPE_MOV_FROM_CR, reg), 0, false);
      c.writeReg(8, reg, 1, c.cr3 % TWO32 | 0, Math.floor(c.cr3 / TWO32) | 0);
      this.log.act(A_CR3_READ, c.cr3);
      this.endExit();
      return true;
    }
    if (cr !== 0 && cr !== 3 && cr !== 4) return false;
    this.beginExit(EXIT_REASON_CR_ACCESS, crAccessQual(cr, CR_TYPE_MOV_TO_CR, reg), 0, false);
    try {
      const lo = c.R[reg << 1]!, hi = c.R[(reg << 1) + 1]!;
      if (cr === 3) {
        const old = c.cr3;
        const noFlush = (c.cr4 & CR4_PCIDE) !== 0 && (hi & 0x80000000) !== 0;
        writeCr(c, 3, lo, hi); // checks, the SDM's TLB invalidations (PCID no-flush bit included)
        if (!noFlush) this.stats.tlb_flush++;
        sh.cr3Loaded(old, c.cr3, noFlush);
      } else {
        const old = cr === 0 ? c.cr0 : c.cr4;
        writeCr(c, cr, lo, hi);
        const now = cr === 0 ? c.cr0 : c.cr4;
        const relevant = cr === 0 ? CR0_WP | CR0_PG : CR4_SMEP | CR4_PCIDE;
        // changes that flush the TLB (SDM 4.10.4.1): the shadow must show the guest's current tables
        const flushing = cr === 0 ? CR0_PG : CR4_PGE | CR4_PAE | CR4_PCIDE | CR4_SMEP;
        let zapped = 0, f = 0;
        if (((old ^ now) & relevant) !== 0) { zapped = sh.resetMmu(`CR${cr}`); f = AF_RESET; }
        else if (((old ^ now) & flushing) !== 0) zapped = sh.tlbFlushGuest();
        this.log.act(A_CR_WRITE, cr, zapped, 0, f);
      }
    } finally {
      this.endExit();
    }
    return true;
  }

  invlpg(c: Cpu, lo: number, hi: number): boolean {
    const sh = this.shadow;
    if (sh === null) return false;
    this.beginExit(EXIT_REASON_INVLPG, lo >>> 0, hi >>> 0, false, true, lo, hi);
    this.stats.invlpg++;
    if (canonical(c, hi)) {
      c.mmu.invlpg(lo >>> 0, hi);
      sh.invlpg(lo >>> 0, hi);
    } else this.log.act(A_INVLPG, 0, 0);
    c.flushFastTlb();
    this.endExit();
    return true;
  }

  invpcid(c: Cpu, type: number, pcid: number, lo: number, hi: number): boolean {
    const sh = this.shadow;
    if (sh === null) return false;
    const ins = this.currentInsn();
    // Exit qualification: the displacement of the memory operand (SDM table 28-1 for INVPCID).
    this.beginExit(EXIT_REASON_INVPCID, ins !== null ? ins.disp >>> 0 : 0, 0, false);
    try {
      // The checks the processor makes after the VM exit would have been decided (same as src/cpu).
      if ((type === 0 || type === 1) && pcid !== 0 && !(c.cr4 & CR4_PCIDE)) throw new CpuFault(VEC_GP, 0);
      if (type === 0 && !canonical(c, hi)) throw new CpuFault(VEC_GP, 0);
      c.mmu.invpcid!(type, pcid, lo >>> 0, hi);
      sh.invpcid(type, pcid, lo >>> 0, hi);
      c.flushFastTlb();
      this.log.act(A_INVPCID, type);
    } finally {
      this.endExit();
    }
    return true;
  }
}

function canonical(c: Cpu, hi: number): boolean {
  return (c.cr4 & CR4_LA57) !== 0 ? ((hi << 7) >> 7) === hi : ((hi << 16) >> 16) === hi;
}

export function hex64(lo: number, hi: number): string {
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);
}
