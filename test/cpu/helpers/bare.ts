// A bare CPU on a small RAM with the boot protocol's identity map (via the real Machine + test MMU),
// plus an IDT whose gate for vector v points at 0x300000 + 16*v (each a `hlt`), so a test can see
// which exception was delivered from RIP alone.
import { Machine } from '../../../src/cpu/machine.js';
import { testMmuFactory } from './test-mmu.js';

export const IDT_BASE = 0x200000, HANDLERS_BASE = 0x300000;

export function bareMachine(opts: { fastPaths?: boolean; memBytes?: number; image?: Uint8Array; idt?: boolean; blockHot?: number } = {}): Machine {
  const m = new Machine({ memBytes: opts.memBytes ?? 8 << 20, image: opts.image ?? new Uint8Array([0xf4]), mmuFactory: testMmuFactory, fastPaths: opts.fastPaths, blockHot: opts.blockHot });
  if (opts.idt !== false) installIdt(m);
  return m;
}

/** 64-bit interrupt gates for vectors 0..255 -> HANDLERS_BASE + 16*v (a hlt each). */
export function installIdt(m: Machine, trapGates = false): void {
  const mem = m.mem;
  for (let v = 0; v < 256; v++) {
    const target = HANDLERS_BASE + 16 * v;
    const g = IDT_BASE + 16 * v;
    mem.write32(g, (target & 0xffff) | (0x08 << 16));
    mem.write32(g + 4, (target & 0xffff0000) | 0x8000 | ((trapGates ? 0xf : 0xe) << 8));
    mem.write32(g + 8, 0);
    mem.write32(g + 12, 0);
    mem.write8(target, 0xf4);
  }
  m.cpu.idtrBaseLo = IDT_BASE; m.cpu.idtrBaseHi = 0; m.cpu.idtrLimit = 256 * 16 - 1;
}
