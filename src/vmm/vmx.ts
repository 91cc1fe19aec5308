// VMX-like execution controls and VM-exit information fields (Intel SDM vol. 3C, ch. 25 "VMCS", 26
// "VMX non-root operation", 28 "VM exits"), reduced to what pagevisor's vCPU models.
//
// The controls decide which guest events exit. CPUID, HLT, port I/O and VMCALL exit in both
// virtualized modes (CPUID and VMCALL always exit on VMX; KVM sets "HLT exiting" and "unconditional
// I/O exiting"). Shadow paging adds "CR3-load exiting", "CR3-store exiting", "INVLPG exiting"
// (which also makes INVPCID exit), #PF in the exception bitmap, and owns CR0/CR4 (guest/host masks:
// every write exits). EPT mode sets "enable EPT" and lets CR3, INVLPG and #PF run in the guest.

import type { Insn } from '../cpu/insn.js';

export type VirtMode = 'ept' | 'shadow';

/** MSR numbers the vCPU intercepts (MSR bitmap bits). */
export const MSR_EFER = 0xc0000080;

export interface VmxControls {
  /** primary processor-based controls */
  hltExiting: boolean;
  invlpgExiting: boolean;
  cr3LoadExiting: boolean;
  cr3StoreExiting: boolean;
  unconditionalIoExiting: boolean;
  useMsrBitmaps: boolean;
  /** secondary controls */
  enableEpt: boolean;
  enableVpid: boolean;
  enableInvpcid: boolean;
  /** bit n set: exception n causes a VM exit (bit 14: #PF) */
  exceptionBitmap: number;
  /** CR0 / CR4 guest/host masks: bits owned by the host (a guest write changing them exits) */
  cr0GuestHostMask: number;
  cr4GuestHostMask: number;
  /** MSRs whose RDMSR / WRMSR exit */
  msrReadExiting: ReadonlySet<number>;
  msrWriteExiting: ReadonlySet<number>;
}

/** The controls pagevisor uses per mode. */
export function vmxControlsFor(mode: VirtMode, vpid: boolean): VmxControls {
  const shadow = mode === 'shadow';
  // EFER is switched by the VM-entry/exit controls and its accesses are intercepted (KVM does the same:
  // EFER.NXE and LMA change how guest page tables are read).
  const efer = new Set([MSR_EFER]);
  return {
    hltExiting: true,
    invlpgExiting: shadow,
    cr3LoadExiting: shadow,
    cr3StoreExiting: shadow,
    unconditionalIoExiting: true,
    useMsrBitmaps: true,
    enableEpt: !shadow,
    enableVpid: vpid,
    enableInvpcid: true,
    exceptionBitmap: shadow ? 1 << 14 : 0,
    cr0GuestHostMask: shadow ? 0xffffffff : 0,
    cr4GuestHostMask: shadow ? 0xffffffff : 0,
    msrReadExiting: efer,
    msrWriteExiting: efer,
  };
}

/**
 * VM-exit information fields of the last exit (SDM 25.9): basic exit reason, exit qualification,
 * guest-linear address, guest-physical address, VM-exit interruption information and error code,
 * VM-exit instruction length; plus the guest RIP and instruction count at the exit.
 */
export class ExitInfo {
  reason = 0;
  /** exit qualification, bits 31:0 and 63:32 */
  qualLo = 0;
  qualHi = 0;
  /** guest-linear address (valid for EPT violations with qualification bit 7, and #PF exits) */
  glaLo = 0;
  glaHi = 0;
  glaValid = false;
  /** guest-physical address (EPT violation / misconfiguration), else -1 */
  gpa = -1;
  /** VM-exit interruption information and error code (exception exits) */
  intrInfo = 0;
  intrError = 0;
  /** the access that faulted (0 read, 1 write, 2 fetch; ACC_SUPERVISOR may be ORed) for #PF / EPT exits */
  access = 0;
  /** EPT exits: the access was to the final (translated) address, not to a guest paging structure */
  final = false;
  /** #PF exits: the hardware error code */
  errorCode = 0;
  /** the exiting instruction (decoded), when known */
  insn: Insn | null = null;
  /** guest RIP of the exiting instruction */
  ripLo = 0;
  ripHi = 0;
  /** guest instructions retired before the exit */
  icount = 0;
}

/**
 * Thrown through the CPU by the MMU's fault hook to end guest execution at the faulting instruction
 * (a VM exit raised in the middle of an instruction, which re-executes after the VM entry, exactly as
 * an instruction that caused an EPT violation or a #PF exit restarts on VMX). A preallocated, frozen
 * non-Error object: throwing it costs no stack trace.
 */
export const VM_EXIT: { readonly vmExit: true } = Object.freeze({ vmExit: true as const });

export function isVmExit(e: unknown): boolean {
  return e === VM_EXIT;
}
