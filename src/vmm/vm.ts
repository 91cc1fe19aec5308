// A virtual machine: host memory, memslots, the VMM's page table, one vCPU, the paging mode (EPT or
// shadow), and the loader that puts the boot state of docs/boot.md into guest memory.
//
// The CPU's "physical" memory is HOST RAM: it reaches guest memory by HPA (the MMU's job), and caches
// decoded code per host-physical page. The loader writes the boot page tables and the image through
// the memslots (GPA -> HVA -> HPA), backing those pages; the rest of guest RAM is backed on first touch.

import { Cpu, type PortIo } from '../cpu/cpu.js';
import { DEFAULT_MEM, IMAGE_BASE, loadBootState, writeBootMemory } from '../cpu/machine.js';
import { X86Mmu } from '../mmu/mmu.js';
import { CR0_WP, CR4_LA57, PTE_P, PTE_PS } from '../mmu/paging-bits.js';
import {
  ACC_READ, CTL_NO_AD, entryAddr, FMT_IA32E, ia32eCtl, WALK_OK, WalkResult, Walker, type WalkRef,
} from '../mmu/walk.js';
import { parseCost, type CostModel } from './cost.js';
import { PortDevices } from './devices.js';
import type { SourceLocator } from './exit-log.js';
import { FRAME_SIZE, HostMemory, HostOutOfMemory } from './host-memory.js';
import { HostPageTable } from './host-pagetable.js';
import { Memslots } from './memslot.js';
import { GpaStep, ShadowMmu, type ShadowSync } from './shadow.js';
import { EptPaging, eptMaxLevel } from './tdp.js';
import { Vcpu, type VmStop } from './vcpu.js';
import { vmxControlsFor, type VirtMode } from './vmx.js';

const TWO32 = 4294967296;
/** Default host RAM: 256 MiB. */
export const DEFAULT_HOST_MEM = 256 * 1024 * 1024;
/** Where the VMM maps guest RAM in its own address space (userspace_addr of slot 0). */
export const GUEST_RAM_HVA = 0x7f0000000000;
/** The legacy VGA/BIOS hole (docs/boot.md: guests must not use it): MMIO, outside every memslot. */
export const HOLE_START = 0xa0000, HOLE_END = 0x100000;

export interface VmConfig {
  mode: VirtMode;
  /** shadow mode: `wp` (default) write-protects guest page tables; `lazy` syncs at INVLPG / CR3 loads */
  shadowSync?: ShadowSync;
  /** VPID on (default): guest TLB entries are tagged and survive exits; off: flushed at every exit and entry */
  vpid?: boolean;
  /** host RAM to create (default 256 MiB); ignored when `host` is given */
  hostMemBytes?: number;
  /** share host RAM with other VMs */
  host?: HostMemory;
  /** guest RAM (default 64 MiB) */
  memBytes?: number;
  image: Uint8Array;
  guestLevels?: 4 | 5;
  /** EPT levels (default: the guest's) */
  eptLevels?: 4 | 5;
  /** `--ept-large [2m|1g]`: largest EPT leaves (true = '2m'; default: 4 KiB only) */
  eptLarge?: boolean | '2m' | '1g';
  eptPrefault?: boolean;
  /** `--cost name=value,...` or an object */
  cost?: string | Partial<CostModel>;
  /** `--tlb` and `--pwc` specs for the MMU */
  tlbSpec?: string;
  pwc?: string;
  /** first exits kept in full (default 4096; 0: counters only) */
  exitLogSize?: number;
  /** maps a guest RIP to a source line (see lineLocator in index.ts) */
  locate?: SourceLocator;
  fastPaths?: boolean;
  blocks?: boolean;
  blockHot?: number;
  consoleLimit?: number;
}

/** The four address spaces of one access: GVA -> GPA -> HVA -> HPA. */
export interface Translation {
  gva: string;
  status: 'ok' | 'page-fault' | 'not-backed' | 'mmio' | 'paging-off';
  gpa?: number;
  hva?: number;
  hpa?: number;
  /** the guest's page-table entries read (GPAs of the entries and where they live in host RAM) */
  guestWalk: WalkRef[];
  /** what the MMU's hardware walk reads: the 2-D walk (EPT) or the shadow tables (shadow) */
  hardwareWalk: WalkRef[];
  /** the HPA the hardware walk reaches (equals hpa when everything is in sync) */
  hardwareHpa?: number;
}

export class Vm {
  readonly host: HostMemory;
  readonly owner: number;
  readonly hostPt: HostPageTable;
  readonly memslots: Memslots;
  readonly mmu: X86Mmu;
  readonly cpu: Cpu;
  readonly vcpu: Vcpu;
  readonly devices: PortDevices;
  readonly ept: EptPaging | null = null;
  readonly shadow: ShadowMmu | null = null;
  readonly mode: VirtMode;
  readonly guestLevels: 4 | 5;
  readonly cost: CostModel;
  readonly memBytes: number;
  private readonly guestWalker: Walker;
  private destroyed = false;

  constructor(cfg: VmConfig) {
    this.mode = cfg.mode;
    this.cost = parseCost(cfg.cost);
    this.guestLevels = cfg.guestLevels ?? 4;
    if (this.guestLevels !== 4 && this.guestLevels !== 5) throw new RangeError(`guestLevels must be 4 or 5, got ${String(cfg.guestLevels)}`);
    this.memBytes = cfg.memBytes ?? DEFAULT_MEM;
    if (!Number.isInteger(this.memBytes) || this.memBytes % FRAME_SIZE !== 0 || this.memBytes < 2 * 1024 * 1024) {
      throw new RangeError(`guest RAM must be a multiple of 4 KiB of at least 2 MiB, got ${this.memBytes}`);
    }
    const eptMax = eptMaxLevel(cfg.eptLarge);
    if (IMAGE_BASE + cfg.image.length > this.memBytes) throw new RangeError(`image of ${cfg.image.length} bytes does not fit in RAM at 0x100000`);
    this.host = cfg.host ?? new HostMemory(cfg.hostMemBytes ?? DEFAULT_HOST_MEM);
    this.owner = this.host.newOwner();
    const vpid = cfg.vpid ?? true;
    const controls = vmxControlsFor(this.mode, vpid);

    this.devices = new PortDevices(cfg.consoleLimit);
    this.mmu = new X86Mmu(this.host.ram, { tlb: cfg.tlbSpec, pwc: cfg.pwc });
    this.mmu.vpid = vpid ? Math.min(this.owner, 0xfff) : 0;
    const noIo: PortIo = { portIn: () => 0xffffffff, portOut: () => undefined }; // every I/O instruction exits
    this.cpu = new Cpu({ mem: this.host.ram, mmu: this.mmu, io: noIo, fastPaths: cfg.fastPaths, blocks: cfg.blocks, blockHot: cfg.blockHot });
    this.vcpu = new Vcpu(this.cpu, this.mmu, this.host, this.owner, this.devices, {
      mode: this.mode, controls, vpid: this.mmu.vpid, cost: this.cost, exitLogSize: cfg.exitLogSize ?? 4096,
    });
    this.guestWalker = new Walker(this.host.ram);

    let hostPt: HostPageTable | null = null;
    let memslots: Memslots | null = null;
    try {
      hostPt = new HostPageTable(this.host, this.owner);
      memslots = new Memslots(hostPt);
      // KVM_SET_USER_MEMORY_REGION: low RAM below the hole, and RAM above 1 MiB.
      memslots.setUserMemoryRegion({ slot: 0, gpa: 0, size: HOLE_START, hva: GUEST_RAM_HVA });
      memslots.setUserMemoryRegion({ slot: 1, gpa: HOLE_END, size: this.memBytes - HOLE_END, hva: GUEST_RAM_HVA + HOLE_END });
      if (this.mode === 'ept') {
        const levels = cfg.eptLevels ?? this.guestLevels;
        this.ept = new EptPaging(this.vcpu, this.host, this.owner, memslots, { levels, maxLevel: eptMax });
        this.vcpu.paging = this.ept;
        this.ept.install();
      } else {
        this.mmu.cr0Set = CR0_WP; // the processor runs with WP = 1; the guest's WP = 0 is emulated
        this.mmu.refresh();
        this.shadow = new ShadowMmu(this.vcpu, this.host, this.owner, memslots, { sync: cfg.shadowSync ?? 'wp' });
        this.vcpu.paging = this.shadow;
        this.vcpu.shadow = this.shadow;
      }
    } catch (e) {
      if (!(e instanceof HostOutOfMemory)) throw e;
    }
    this.hostPt = hostPt!;
    this.memslots = memslots!;
    this.mmu.faultHook = this.vcpu;
    this.cpu.exits = this.vcpu;
    try {
      if (hostPt === null || memslots === null) throw new HostOutOfMemory('the VM', this.host.bytes, this.host.framesInUse);
      this.boot(cfg.image);
      if (this.ept !== null && cfg.eptPrefault) this.ept.prefault();
    } catch (e) {
      if (!(e instanceof HostOutOfMemory)) throw e;
      this.vcpu.setPendingStop({ reason: 'host-oom', code: 0, message: e.message, rip: '0x' + IMAGE_BASE.toString(16) });
    }
  }

  /** The loader: boot page tables and image into guest RAM (through the memslots), then the boot register state. */
  private boot(image: Uint8Array): void {
    const { cr3, cr4 } = writeBootMemory((gpa, bytes) => this.writeGuest(gpa, bytes), image, this.guestLevels);
    loadBootState(this.cpu, cr3, cr4, () => this.shadow?.start());
  }

  /**
   * Writes bytes into guest RAM at `gpa` as the VMM does (the loader, or a test preparing data):
   * through the memslots, backing pages on first touch. Writes to MMIO GPAs are dropped.
   */
  writeGuest(gpa: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      const a = gpa + done;
      const n = Math.min(bytes.length - done, FRAME_SIZE - (a % FRAME_SIZE));
      const hpa = this.memslots.gpaToHpa(a);
      if (hpa >= 0) {
        this.host.ram.u8.set(bytes.subarray(done, done + n), hpa);
        this.cpu.notifyPhysWrite(hpa, n);
        this.shadow?.hostWrite(a, n);
      }
      done += n;
    }
  }

  /** Reads guest RAM (unbacked pages read as zero, MMIO as all ones), without backing anything. */
  readGuest(gpa: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const a = gpa + done;
      const n = Math.min(len - done, FRAME_SIZE - (a % FRAME_SIZE));
      if (this.memslots.find(a) === null) out.fill(0xff, done, done + n);
      else {
        const hpa = this.memslots.peekHpa(a);
        if (hpa >= 0) out.set(this.host.ram.u8.subarray(hpa, hpa + n), done);
      }
      done += n;
    }
    return out;
  }

  run(maxInsns = Number.MAX_SAFE_INTEGER): VmStop {
    if (this.destroyed) throw new Error('the VM was destroyed');
    return this.vcpu.run(Math.min(maxInsns, Number.MAX_SAFE_INTEGER - this.cpu.icount));
  }

  /** Frees the VM's host frames (its memory, page tables, EPT or shadow tables). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.host.freeOwner(this.owner);
  }

  // ------------------------------------------------------------------------------ introspection

  /** Guest paging-structure pages reachable from the guest's CR3 (for the memory summary). */
  guestPageTablePages(): number {
    const c = this.cpu;
    if ((c.cr0 & 0x80000000) === 0) return 0;
    const seen = new Set<number>();
    const visit = (gpa: number, level: number) => {
      if (seen.has(gpa) || seen.size > 100000) return;
      seen.add(gpa);
      if (level === 1) return;
      const hpa = this.memslots.peekHpa(gpa);
      if (hpa < 0) return;
      for (let i = 0; i < 512; i++) {
        const lo = this.host.ram.read64lo(hpa + i * 8), hi = this.host.ram.read32(hpa + i * 8 + 4);
        if ((lo & PTE_P) === 0) continue;
        if (level <= 3 && (lo & PTE_PS) !== 0) continue;
        visit(entryAddr(lo, hi), level - 1);
      }
    };
    visit(entryAddr(c.cr3 % TWO32, Math.floor(c.cr3 / TWO32)), (c.cr4 & CR4_LA57) !== 0 ? 5 : 4);
    return seen.size;
  }

  /** GVA -> GPA -> HVA -> HPA for a read at `gva`, without side effects. */
  translate(gva: bigint | number): Translation {
    const v = BigInt(gva) & 0xffffffffffffffffn;
    const lo = Number(v & 0xffffffffn), hi = Number(v >> 32n) | 0;
    const out: Translation = { gva: '0x' + v.toString(16), status: 'ok', guestWalk: [], hardwareWalk: [] };
    const c = this.cpu;
    if ((c.cr0 & 0x80000000) === 0) { out.status = 'paging-off'; return out; }
    const levels = (c.cr4 & CR4_LA57) !== 0 ? 5 : 4;
    const res = new WalkResult();
    const root = entryAddr(c.cr3 % TWO32, Math.floor(c.cr3 / TWO32));
    const ctl = ia32eCtl(c.cr0, c.cr4, c.efer, false) | CTL_NO_AD;
    const step = new GpaStep(this.memslots, false);
    const st = this.guestWalker.walk(res, FMT_IA32E, levels, root, lo, hi, ACC_READ, ctl, step);
    out.guestWalk = this.guestWalker.log.toArray();
    if (st !== WALK_OK) { out.status = step.failed ? 'not-backed' : 'page-fault'; return out; }
    out.gpa = res.gpa;
    const hva = this.memslots.gpaToHva(res.gpa);
    if (hva < 0) { out.status = 'mmio'; return out; }
    out.hva = hva;
    const hpa = this.memslots.peekHpa(res.gpa);
    if (hpa < 0) out.status = 'not-backed'; else out.hpa = hpa;
    const hw = this.mmu.explain(lo, hi, ACC_READ);
    out.hardwareWalk = hw.refs;
    if (hw.status === 'ok') out.hardwareHpa = hw.pa;
    return out;
  }

  /** Pages of guest RAM backed by host frames. */
  get guestPagesBacked(): number {
    return this.memslots.pagesBacked;
  }
}
