// Per-VM statistics named like KVM's (Documentation/virt/kvm/api.rst "binary statistics";
// arch/x86/kvm/x86.c kvm_vm_stats_desc / kvm_vcpu_stats_desc).

export class KvmStats {
  /** vCPU: every VM exit */
  exits = 0;
  /** page faults fixed by the MMU: EPT violations mapped, hidden #PFs filled from the guest tables */
  pf_fixed = 0;
  /** #PFs that were the guest's own: injected into the guest */
  pf_guest = 0;
  /** faults resolved by emulating the access (MMIO, writes to write-protected guest page tables) */
  pf_emulate = 0;
  /** #PF exits that found the shadow already up to date */
  pf_spurious = 0;
  mmio_exits = 0;
  io_exits = 0;
  halt_exits = 0;
  hypercalls = 0;
  /** instructions emulated by the hypervisor */
  insn_emulation = 0;
  /** INVLPG exits handled (shadow mode) */
  invlpg = 0;
  /** TLB flushes requested by the hypervisor (guest CR3 loads, zapped shadow entries) */
  tlb_flush = 0;
  /** VM: emulated guest writes to shadowed guest page tables */
  mmu_pte_write = 0;
  /** shadow pages zapped (freed) */
  mmu_shadow_zapped = 0;
  /** shadow pages zapped because they were written repeatedly without being used (write flooding) */
  mmu_flooded = 0;
  /** shadow pages created (a lookup in the shadow-page hash missed) */
  mmu_cache_miss = 0;
  /** current leaf mappings (shadow or EPT) by page size */
  pages_4k = 0;
  pages_2m = 0;
  pages_1g = 0;

  toJSON(): Record<string, number> {
    return { ...this } as unknown as Record<string, number>;
  }
}
