// Exit reasons and exit-qualification encoders, checked against the SDM's layouts (vol. 3C, tables
// 28-3 CR access, 28-5 I/O, 28-7 EPT violation) with hand-assembled values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  crAccessQual, CR_TYPE_MOV_FROM_CR, CR_TYPE_MOV_TO_CR, CR_TYPE_LMSW, decodeCrAccessQual, decodeEptViolationQual,
  decodeIoQual, describeQualification, eptViolationQual, EXIT_REASON_NAMES, exitReasonName, intrInfo, ioQual,
} from '../../src/vmm/exit-reasons.js';

describe('exit reasons', () => {
  it('carry the Intel numbers and KVM names', () => {
    expect(EXIT_REASON_NAMES).toEqual({
      0: 'EXCEPTION_NMI', 2: 'TRIPLE_FAULT', 10: 'CPUID', 12: 'HLT', 14: 'INVLPG', 18: 'VMCALL', 28: 'CR_ACCESS',
      30: 'IO_INSTRUCTION', 31: 'MSR_READ', 32: 'MSR_WRITE', 48: 'EPT_VIOLATION', 49: 'EPT_MISCONFIG', 58: 'INVPCID',
    });
    expect(exitReasonName(7)).toBe('REASON_7');
  });
});

describe('CR access qualification (SDM table 28-3)', () => {
  it('encodes CR number 3:0, access type 5:4, GPR 11:8', () => {
    expect(crAccessQual(3, CR_TYPE_MOV_TO_CR, 0)).toBe(0x003);         // mov cr3, rax
    expect(crAccessQual(3, CR_TYPE_MOV_FROM_CR, 3)).toBe(0x313);       // mov rbx, cr3
    expect(crAccessQual(4, CR_TYPE_MOV_TO_CR, 15)).toBe(0xf04);        // mov cr4, r15
    expect(crAccessQual(0, CR_TYPE_LMSW, 0, true, 0x1234)).toBe(0x12340070); // lmsw [mem] = 0x1234
    expect(() => crAccessQual(16, 0, 0)).toThrow(RangeError);
  });
  it('decodes what it encodes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 15 }),
      fc.boolean(), fc.integer({ min: 0, max: 0xffff }), (cr, type, gpr, mem, data) => {
        expect(decodeCrAccessQual(crAccessQual(cr, type, gpr, mem, data))).toEqual({ cr, type, gpr, lmswMem: mem, lmswData: data });
      }));
  });
});

describe('I/O qualification (SDM table 28-5)', () => {
  it('encodes size-1 2:0, direction 3, string 4, rep 5, immediate 6, port 31:16', () => {
    expect(ioQual(1, false, 0xe9, { immediate: true })).toBe(0x00e90040); // out 0xe9, al
    expect(ioQual(4, false, 0xf4, { immediate: true })).toBe(0x00f40043); // out 0xf4, eax
    expect(ioQual(1, true, 0x3f8)).toBe(0x03f80008);                      // in al, dx
    expect(ioQual(2, true, 0x60, { string: true, rep: true })).toBe(0x00600039); // rep insw
    expect(() => ioQual(3, false, 0)).toThrow(RangeError);
  });
  it('decodes what it encodes', () => {
    fc.assert(fc.property(fc.constantFrom(1, 2, 4), fc.boolean(), fc.integer({ min: 0, max: 0xffff }), fc.boolean(), fc.boolean(),
      fc.boolean(), (size, isIn, port, string, rep, immediate) => {
        expect(decodeIoQual(ioQual(size, isIn, port, { string, rep, immediate }))).toEqual({ size, isIn, port, string, rep, immediate });
      }));
  });
});

describe('EPT violation qualification (SDM table 28-7)', () => {
  it('encodes the access 2:0, the entry R/W/X 5:3, GLA valid 7, final translation 8', () => {
    expect(eptViolationQual(0, 0, true, true)).toBe(0x181);   // read of a not-present page, final address
    expect(eptViolationQual(0, 0, true, false)).toBe(0x081);  // read of a guest paging structure
    expect(eptViolationQual(1, 0b101, true, true)).toBe(0x1aa); // write to a read+execute page
    expect(eptViolationQual(2, 0b011, true, true)).toBe(0x19c); // fetch from a read+write page
    expect(eptViolationQual(1, 0, false, true)).toBe(0x002);  // bit 8 is only defined with bit 7
    expect(decodeEptViolationQual(0x1aa)).toEqual({ read: false, write: true, fetch: false, entryRwx: 5, glaValid: true, final: true });
  });
  it('matches the qualification the MMU computes (walk.ts)', async () => {
    const bits = await import('../../src/mmu/paging-bits.js');
    expect(eptViolationQual(1, 0b111, true, true)).toBe(bits.EPTQ_WRITE | bits.EPTQ_READABLE | bits.EPTQ_WRITABLE |
      bits.EPTQ_EXECUTABLE | bits.EPTQ_GLA_VALID | bits.EPTQ_GLA_FINAL);
  });
  it('describes qualifications for the exit log', () => {
    expect(describeQualification(48, 0x181)).toBe('read, entry ---, final address');
    expect(describeQualification(28, 0x313)).toBe('CR3 mov from cr rbx');
    expect(describeQualification(14, 0x7f000000, 0xffff8000)).toBe('linear 0xffff80007f000000');
  });
});

describe('interruption information (SDM 25.9.2)', () => {
  it('encodes a #PF exit: vector 14, hardware exception, error code valid, valid', () => {
    expect(intrInfo(14, 3, true)).toBe(0x80000b0e);
  });
});
