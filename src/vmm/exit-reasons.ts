// VM exit reasons (Intel SDM vol. 3C, appendix C "VMX basic exit reasons") with KVM's names
// (arch/x86/include/uapi/asm/vmx.h: EXIT_REASON_*), and the exit-qualification layouts of the SDM
// (vol. 3C, 28.2.1 "Basic VM-exit information", tables 28-1 .. 28-7).

export const EXIT_REASON_EXCEPTION_NMI = 0;
export const EXIT_REASON_TRIPLE_FAULT = 2;
export const EXIT_REASON_CPUID = 10;
export const EXIT_REASON_HLT = 12;
export const EXIT_REASON_INVLPG = 14;
export const EXIT_REASON_VMCALL = 18;
export const EXIT_REASON_CR_ACCESS = 28;
export const EXIT_REASON_IO_INSTRUCTION = 30;
export const EXIT_REASON_MSR_READ = 31;
export const EXIT_REASON_MSR_WRITE = 32;
export const EXIT_REASON_EPT_VIOLATION = 48;
export const EXIT_REASON_EPT_MISCONFIG = 49;
export const EXIT_REASON_INVPCID = 58;

/** The modelled exit reasons, by number: KVM's name without the EXIT_REASON_ prefix. */
export const EXIT_REASON_NAMES: Readonly<Record<number, string>> = {
  [EXIT_REASON_EXCEPTION_NMI]: 'EXCEPTION_NMI',
  [EXIT_REASON_TRIPLE_FAULT]: 'TRIPLE_FAULT',
  [EXIT_REASON_CPUID]: 'CPUID',
  [EXIT_REASON_HLT]: 'HLT',
  [EXIT_REASON_INVLPG]: 'INVLPG',
  [EXIT_REASON_VMCALL]: 'VMCALL',
  [EXIT_REASON_CR_ACCESS]: 'CR_ACCESS',
  [EXIT_REASON_IO_INSTRUCTION]: 'IO_INSTRUCTION',
  [EXIT_REASON_MSR_READ]: 'MSR_READ',
  [EXIT_REASON_MSR_WRITE]: 'MSR_WRITE',
  [EXIT_REASON_EPT_VIOLATION]: 'EPT_VIOLATION',
  [EXIT_REASON_EPT_MISCONFIG]: 'EPT_MISCONFIG',
  [EXIT_REASON_INVPCID]: 'INVPCID',
};

/** Reason numbers in display order. */
export const EXIT_REASONS: readonly number[] = Object.keys(EXIT_REASON_NAMES).map(Number).sort((a, b) => a - b);

export function exitReasonName(reason: number): string {
  return EXIT_REASON_NAMES[reason] ?? `REASON_${reason}`;
}

// --------------------------------------------------------------- control-register accesses (28-3)

/** Access type, bits 5:4. */
export const CR_TYPE_MOV_TO_CR = 0;
export const CR_TYPE_MOV_FROM_CR = 1;
export const CR_TYPE_CLTS = 2;
export const CR_TYPE_LMSW = 3;

/**
 * CR access qualification: bits 3:0 the control register, bits 5:4 the access type, bit 6 the LMSW
 * operand type (0 register, 1 memory), bits 11:8 the general-purpose register (0 RAX .. 15 R15),
 * bits 31:16 the LMSW source data.
 */
export function crAccessQual(cr: number, type: number, gpr: number, lmswMem = false, lmswData = 0): number {
  if (cr < 0 || cr > 15 || type < 0 || type > 3 || gpr < 0 || gpr > 15) throw new RangeError('crAccessQual: field out of range');
  return ((cr & 0xf) | ((type & 3) << 4) | (lmswMem ? 1 << 6 : 0) | ((gpr & 0xf) << 8) | ((lmswData & 0xffff) << 16)) >>> 0;
}

export function decodeCrAccessQual(q: number): { cr: number; type: number; gpr: number; lmswMem: boolean; lmswData: number } {
  return { cr: q & 0xf, type: (q >>> 4) & 3, gpr: (q >>> 8) & 0xf, lmswMem: (q & (1 << 6)) !== 0, lmswData: (q >>> 16) & 0xffff };
}

// ------------------------------------------------------------------------- I/O instructions (28-5)

/**
 * I/O qualification: bits 2:0 size of access - 1 (0 = 1 byte, 1 = 2, 3 = 4), bit 3 direction
 * (0 = OUT, 1 = IN), bit 4 string instruction, bit 5 REP prefixed, bit 6 operand encoding
 * (0 = DX, 1 = immediate), bits 31:16 the port number.
 */
export function ioQual(size: number, isIn: boolean, port: number, opts: { string?: boolean; rep?: boolean; immediate?: boolean } = {}): number {
  if (size !== 1 && size !== 2 && size !== 4) throw new RangeError(`ioQual: size ${size} is not 1, 2 or 4`);
  if (port < 0 || port > 0xffff) throw new RangeError('ioQual: port out of range');
  return ((size - 1) | (isIn ? 1 << 3 : 0) | (opts.string ? 1 << 4 : 0) | (opts.rep ? 1 << 5 : 0) |
    (opts.immediate ? 1 << 6 : 0) | (port << 16)) >>> 0;
}

export function decodeIoQual(q: number): { size: number; isIn: boolean; string: boolean; rep: boolean; immediate: boolean; port: number } {
  return {
    size: (q & 7) + 1, isIn: (q & 8) !== 0, string: (q & 16) !== 0, rep: (q & 32) !== 0, immediate: (q & 64) !== 0,
    port: q >>> 16,
  };
}

// ------------------------------------------------------------------------ EPT violations (28-7)

export const EPT_QUAL_READ = 1 << 0;
export const EPT_QUAL_WRITE = 1 << 1;
export const EPT_QUAL_FETCH = 1 << 2;
/** bits 5:3: the R/W/X permissions of the EPT paging-structure entries (ANDed), at the failing level */
export const EPT_QUAL_READABLE = 1 << 3;
export const EPT_QUAL_WRITABLE = 1 << 4;
export const EPT_QUAL_EXECUTABLE = 1 << 5;
/** bit 7: the guest linear-address field is valid */
export const EPT_QUAL_GLA_VALID = 1 << 7;
/** bit 8 (when bit 7 is set): 1 = the access was to the translated (final) address, 0 = to a guest
 *  paging-structure entry during the guest's page walk */
export const EPT_QUAL_GLA_FINAL = 1 << 8;

/**
 * EPT violation qualification. `access` 0 read, 1 write, 2 instruction fetch; `entryRwx` the R/W/X
 * bits of the EPT entry (bit 0 R, 1 W, 2 X; 0 when not present); `glaValid` and `final` as above.
 */
export function eptViolationQual(access: number, entryRwx: number, glaValid: boolean, final: boolean): number {
  if (access < 0 || access > 2) throw new RangeError('eptViolationQual: access is 0 (read), 1 (write) or 2 (fetch)');
  return ((1 << access) | ((entryRwx & 7) << 3) | (glaValid ? EPT_QUAL_GLA_VALID : 0) |
    (glaValid && final ? EPT_QUAL_GLA_FINAL : 0)) >>> 0;
}

export function decodeEptViolationQual(q: number): { read: boolean; write: boolean; fetch: boolean; entryRwx: number; glaValid: boolean; final: boolean } {
  return {
    read: (q & EPT_QUAL_READ) !== 0, write: (q & EPT_QUAL_WRITE) !== 0, fetch: (q & EPT_QUAL_FETCH) !== 0,
    entryRwx: (q >>> 3) & 7, glaValid: (q & EPT_QUAL_GLA_VALID) !== 0, final: (q & EPT_QUAL_GLA_FINAL) !== 0,
  };
}

// ------------------------------------------------------------ exceptions: interruption information

/** VM-exit interruption information (SDM 25.9.2): vector 7:0, type 10:8, error code valid 11, valid 31. */
export const INTR_TYPE_HW_EXCEPTION = 3;
export const INTR_INFO_DELIVER_CODE = 1 << 11;
export const INTR_INFO_VALID = 0x80000000;

export function intrInfo(vector: number, type: number, hasErrorCode: boolean): number {
  return ((vector & 0xff) | ((type & 7) << 8) | (hasErrorCode ? INTR_INFO_DELIVER_CODE : 0) | INTR_INFO_VALID) >>> 0;
}

/** A short human-readable decoding of an exit qualification (for exit logs). */
export function describeQualification(reason: number, q: number, qHi = 0): string {
  switch (reason) {
    case EXIT_REASON_CR_ACCESS: {
      const d = decodeCrAccessQual(q);
      const type = ['mov to cr', 'mov from cr', 'clts', 'lmsw'][d.type]!;
      return `CR${d.cr} ${type} ${GPR_NAMES[d.gpr]}`;
    }
    case EXIT_REASON_IO_INSTRUCTION: {
      const d = decodeIoQual(q);
      return `${d.isIn ? 'in' : 'out'} ${d.size} byte(s) port 0x${d.port.toString(16)}${d.immediate ? ' (imm)' : ' (dx)'}${d.string ? ' string' : ''}${d.rep ? ' rep' : ''}`;
    }
    case EXIT_REASON_EPT_VIOLATION: {
      const d = decodeEptViolationQual(q);
      const acc = d.write ? 'write' : d.fetch ? 'fetch' : 'read';
      const rwx = (d.entryRwx & 1 ? 'r' : '-') + (d.entryRwx & 2 ? 'w' : '-') + (d.entryRwx & 4 ? 'x' : '-');
      return `${acc}, entry ${rwx}${d.glaValid ? (d.final ? ', final address' : ', guest paging structure') : ''}`;
    }
    case EXIT_REASON_INVLPG: case EXIT_REASON_EXCEPTION_NMI:
      return `linear 0x${((BigInt(qHi >>> 0) << 32n) | BigInt(q >>> 0)).toString(16)}`;
    default:
      return q === 0 && qHi === 0 ? '' : `0x${((BigInt(qHi >>> 0) << 32n) | BigInt(q >>> 0)).toString(16)}`;
  }
}

export const GPR_NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'] as const;
