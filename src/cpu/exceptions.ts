// CPU exceptions as the Intel SDM (vol. 3, ch. 6) names them, and the double-fault classes.

export const VEC_DE = 0, VEC_DB = 1, VEC_NMI = 2, VEC_BP = 3, VEC_OF = 4, VEC_BR = 5, VEC_UD = 6, VEC_NM = 7,
  VEC_DF = 8, VEC_TS = 10, VEC_NP = 11, VEC_SS = 12, VEC_GP = 13, VEC_PF = 14, VEC_MF = 16, VEC_AC = 17,
  VEC_MC = 18, VEC_XM = 19;

export const VECTOR_NAMES: Record<number, string> = {
  0: '#DE', 1: '#DB', 2: 'NMI', 3: '#BP', 4: '#OF', 5: '#BR', 6: '#UD', 7: '#NM', 8: '#DF', 10: '#TS', 11: '#NP',
  12: '#SS', 13: '#GP', 14: '#PF', 16: '#MF', 17: '#AC', 18: '#MC', 19: '#XM',
};

/** Exceptions that push an error code. */
export function hasErrorCode(v: number): boolean {
  return v === VEC_DF || v === VEC_TS || v === VEC_NP || v === VEC_SS || v === VEC_GP || v === VEC_PF || v === VEC_AC;
}

/** SDM table 6-4: contributory exceptions. */
export function isContributory(v: number): boolean {
  return v === VEC_DE || v === VEC_TS || v === VEC_NP || v === VEC_SS || v === VEC_GP;
}

/**
 * SDM table 6-5: delivering `second` while delivering `first` -> #DF? (Page faults and contributory
 * exceptions combine; benign ones are handled serially.)
 */
export function isDoubleFault(first: number, second: number): boolean {
  if (isContributory(first)) return isContributory(second);
  if (first === VEC_PF) return second === VEC_PF || isContributory(second);
  return false;
}

/** An exception raised by an instruction (thrown inside the interpreter, caught and delivered by the CPU). */
export class CpuFault extends Error {
  constructor(readonly vector: number, readonly errorCode: number = 0, readonly hasError: boolean = hasErrorCode(vector)) {
    super(`${VECTOR_NAMES[vector] ?? 'vector ' + vector}${hasError ? `(0x${errorCode.toString(16)})` : ''}`);
    this.name = 'CpuFault';
  }
}

/** Page fault as the MMU reports it (the MMU's PageFault class has these fields): CR2 = (hi:lo). */
export interface PageFaultLike { lo: number; hi: number; errorCode: number }

export function isPageFault(e: unknown): e is PageFaultLike & Error {
  return e instanceof Error && typeof (e as unknown as PageFaultLike).errorCode === 'number' &&
    typeof (e as unknown as PageFaultLike).lo === 'number' && typeof (e as unknown as PageFaultLike).hi === 'number' &&
    !(e instanceof CpuFault);
}

/** Thrown to end execution at once (triple fault, bus error); carries no architectural state. */
export class MachineStop extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
    this.name = 'MachineStop';
  }
}
