// Shadow page-table entries (KVM's spte.h): the IA-32e format, walked by the MMU's "hardware".
//
//   link (non-leaf) spte:  HPA of the child shadow page | P | RW | US | A   (full rights: the guest's
//                          rights of all levels are folded into the leaf, as KVM does)
//   leaf spte (4 KiB):     HPA of the guest page | P | RW? | US? | A | D (when writable) | G?
//                          | XD? (hi bit 31)
//   MMIO spte:             P | a reserved bit (bit 51) | the GPA in bits 39:12: the hardware walk
//                          faults with PFEC.RSVD, which names the access as MMIO without a guest walk
//                          (KVM's mmio sptes)
// Shadow pages hold only 4 KiB leaves: a guest 2 MiB or 1 GiB page is shadowed by "direct" shadow
// pages of 4 KiB entries, since its host backing is made of 4 KiB frames (see docs/vmm.md).

import { PTE_A, PTE_D, PTE_G, PTE_HI_XD, PTE_P, PTE_RW, PTE_US } from '../mmu/paging-bits.js';

const TWO32 = 4294967296;

/** Flags of a link spte. */
export const SPTE_LINK = PTE_P | PTE_RW | PTE_US | PTE_A;
/** Bit 51 (bit 19 of the high dword): reserved while MAXPHYADDR = 40; marks an MMIO spte. */
export const SPTE_MMIO_HI = 1 << 19;
/** Writable bit, for write-protecting leaves in place. */
export const SPTE_W = PTE_RW;

export function isPresent(lo: number): boolean {
  return (lo & PTE_P) !== 0;
}

export function isMmio(lo: number, hi: number): boolean {
  return (lo & PTE_P) !== 0 && (hi & SPTE_MMIO_HI) !== 0;
}

/** Low dword of a leaf spte for the 4 KiB frame `hpa`. */
export function leafLo(hpa: number, writable: boolean, user: boolean, global: boolean): number {
  return ((hpa % TWO32) | PTE_P | PTE_A | (writable ? PTE_RW | PTE_D : 0) | (user ? PTE_US : 0) | (global ? PTE_G : 0)) >>> 0;
}

export function leafHi(hpa: number, nx: boolean): number {
  return (Math.floor(hpa / TWO32) | (nx ? PTE_HI_XD : 0)) >>> 0;
}

export function mmioLo(gpa: number): number {
  return ((gpa % TWO32) & 0xfffff000 | PTE_P) >>> 0;
}

export function mmioHi(gpa: number): number {
  return (Math.floor(gpa / TWO32) & 0xff | SPTE_MMIO_HI) >>> 0;
}
