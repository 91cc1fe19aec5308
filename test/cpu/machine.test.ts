// The machine: boot state per the boot protocol (4 and 5 levels), the decoded-code cache and
// self-modifying code, code that crosses a page boundary, and the exit hooks.
import { describe, it, expect } from 'vitest';
import { toolsAvailable } from './helpers/tools.js';
import { runSnippet, assemble, CPU_MODES } from './helpers/snippet.js';
import { Machine } from '../../src/cpu/machine.js';
import { testMmuFactory } from './helpers/test-mmu.js';

const HAVE = toolsAvailable('nasm');

describe('boot state', () => {
  it('registers, control registers, segments and loader page tables (4 levels)', () => {
    const m = new Machine({ memBytes: 4 << 20, image: new Uint8Array([0xf4]), mmuFactory: testMmuFactory });
    const c = m.cpu;
    expect(c.getRip()).toBe(0x100000n);
    expect(c.cr0 >>> 0).toBe(0x80010011);
    expect(c.cr3).toBe(0x1000);
    expect(c.cr4).toBe(0x20);
    expect(c.efer).toBe(0xd00);
    expect(c.getReg(4)).toBe(0x80000n);
    for (const n of [0, 1, 2, 3, 5, 6, 7, 8, 15]) expect(c.getReg(n)).toBe(0n);
    expect(c.getRflags()).toBe(2);
    expect(Array.from(c.seg)).toEqual([0x10, 0x08, 0x10, 0x10, 0x10, 0x10]);
    expect(c.idtrLimit).toBe(0);
    expect(m.mem.read64lo(0x1000)).toBe(0x2003);
    expect(m.mem.read64lo(0x2000)).toBe(0x3003);
    expect(m.mem.read64lo(0x3000)).toBe(0x83);
    expect(m.mem.read64lo(0x3000 + 511 * 8)).toBe(511 * 0x200000 + 0x83);
    expect(m.mem.read8(0x100000)).toBe(0xf4);
    expect(m.mmu.regs).toMatchObject({ cr0: 0x80010011, cr3: 0x1000, cr4: 0x20, efer: 0xd00, cpl: 0 });
  });

  it('5 levels: PML5 at 0x4000 above the same tables, CR4.LA57', () => {
    const m = new Machine({ memBytes: 4 << 20, image: new Uint8Array([0xf4]), mmuFactory: testMmuFactory, guestLevels: 5 });
    expect(m.cpu.cr3).toBe(0x4000);
    expect(m.cpu.cr4).toBe(0x1020);
    expect(m.mem.read64lo(0x4000)).toBe(0x1003);
    expect(m.run().reason).toBe('hlt');
  });

  it.skipIf(!HAVE)('a 5-level guest sees 57-bit canonical addresses; a 4-level guest faults on them', () => {
    const src = `
      mov rbx, 0x00ff800000000000   ; canonical with LA57 only
      mov r8, 1
      mov rax, [rbx]                ; #PF (not mapped) or #GP (non-canonical): no IDT -> triple fault
      hlt`;
    const five = runSnippet(src, { guestLevels: 5 });
    const four = runSnippet(src, { guestLevels: 4 });
    expect(five.r.reason).toBe('triple-fault');
    expect(five.r.message).toMatch(/triple fault/);
    expect(five.m.cpu.cr2Hi).toBe(0x00ff8000); // it got as far as a page fault
    expect(four.r.reason).toBe('triple-fault');
    expect(four.m.cpu.cr2Hi).toBe(0);          // #GP: CR2 untouched
  });

  it('rejects images that do not fit and bad levels', () => {
    expect(() => new Machine({ memBytes: 1 << 20, image: new Uint8Array(16), mmuFactory: testMmuFactory })).toThrow(/does not fit/);
    expect(() => new Machine({ memBytes: 4 << 20, image: new Uint8Array(1), mmuFactory: testMmuFactory, guestLevels: 3 as 4 })).toThrow(/guestLevels/);
  });
});

describe.skipIf(!HAVE).each(CPU_MODES)('decoded-code cache (%s)', (_name, mode) => {
  it('self-modifying code on the same page: a patched immediate takes effect', () => {
    const s = runSnippet(`
      xor ebx, ebx
      mov ecx, 3
    again:
    patch:
      mov eax, 1                 ; b8 01 00 00 00: the immediate is patched below
      add ebx, eax
      inc dword [patch+1]        ; next time: mov eax, 2, then 3
      dec ecx
      jnz again
      hlt`, mode);
    expect(s.r.reason).toBe('hlt');
    expect(s.reg('rbx')).toBe(1n + 2n + 3n);
    expect(s.m.cpu.stats.codeInvalidations).toBeGreaterThanOrEqual(3);
  });

  it('code copied to another page, run, overwritten and run again', () => {
    const s = runSnippet(`
      mov rsi, piece1
      mov rdi, 0x300000
      mov ecx, piece1_end - piece1
      rep movsb
      call 0x300000
      mov r8, rax
      mov rsi, piece2
      mov rdi, 0x300000
      mov ecx, piece2_end - piece2
      rep movsb
      call 0x300000
      mov r9, rax
      hlt
    piece1: mov eax, 111
      ret
    piece1_end:
    piece2: mov eax, 222
      ret
    piece2_end:`, mode);
    expect(s.r.reason).toBe('hlt');
    expect(s.reg('r8')).toBe(111n);
    expect(s.reg('r9')).toBe(222n);
  });

  it('an instruction that crosses a page boundary, and a write to its second page', () => {
    // at 0x300ffe: mov rax, imm64 (10 bytes) spanning 0x300ffe..0x301007, then ret
    const s = runSnippet(`
      mov rdi, 0x300ffe
      mov word [rdi], 0xb848
      mov rax, 0x1122334455667788
      mov [rdi+2], rax
      mov byte [rdi+10], 0xc3
      call 0x300ffe
      mov r8, rax
      mov byte [0x301007], 0x99  ; top byte of the immediate, on the second page
      call 0x300ffe
      mov r9, rax
      hlt`, mode);
    expect(s.r.reason).toBe('hlt');
    expect(s.reg('r8')).toBe(0x1122334455667788n);
    expect(s.reg('r9')).toBe(0x9922334455667788n);
  });

  it('the same code page reached through two linear addresses runs the same decoded instructions', () => {
    const s = runSnippet(`
      ; alias: PD entry 511 of the loader's PD maps 0x3fe00000 -> physical 0 (2 MiB page)
      mov qword [0x3000 + 511*8], 0x83
      mov rax, cr3
      mov cr3, rax
      mov rbx, 0x3fe00000 + target
      call rbx
      mov r8, rax
      call target
      mov r9, rax
      hlt
    target:
      lea rax, [rel $]
      ret`, mode);
    expect(s.r.reason).toBe('hlt');
    // RIP-relative operands use the linear address the code runs at
    expect(s.reg('r8') - s.reg('r9')).toBe(0x3fe00000n);
  });
});

describe.skipIf(!HAVE)('exit hooks', () => {
  it('an exception hook sees a #PF before the guest (CR2 untouched) and can fix it up', () => {
    const image = assemble(`
      mov rbx, 0x40000000
      mov rax, [rbx]
      mov r8, rax
      hlt
      align 8
    val: dq 77`);
    const m = new Machine({ memBytes: 4 << 20, image, mmuFactory: testMmuFactory });
    const seen: string[] = [];
    m.setExits({
      exception: (c, vector, code, lo) => {
        seen.push(`${vector} ${code} ${lo.toString(16)} rip=${c.getRip().toString(16)}`);
        c.R[6] = 0x100000 + image.length - 8; // rbx -> val
        return true;
      },
    });
    const r = m.run({ maxInsns: 100 });
    expect(r.reason).toBe('hlt');
    expect(seen).toEqual(['14 0 40000000 rip=100005']); // mov ebx, imm32 is 5 bytes
    expect(m.cpu.getReg(8)).toBe(77n);
    expect(m.cpu.cr2Lo).toBe(0);
  });

  it('hypervisor hooks see cpuid, io, cr access, invlpg, vmcall, msr and hlt', () => {
    const image = assemble(`
      cpuid
      out 0x80, al
      mov rax, cr3
      mov cr3, rax
      invlpg [0x1000]
      vmcall
      mov ecx, 0x1234
      rdmsr
      hlt
      mov eax, 7
      out 0xf4, eax`);
    const m = new Machine({ memBytes: 4 << 20, image, mmuFactory: testMmuFactory });
    const seen: string[] = [];
    m.setExits({
      cpuid: (c) => { seen.push('cpuid'); c.R[0] = 77; return true; },
      io: (_c, port, size, isIn) => { seen.push(`io ${port.toString(16)} ${size} ${isIn}`); return port !== 0xf4; },
      crAccess: (_c, cr, w) => { seen.push(`cr${cr} ${w ? 'w' : 'r'}`); return true; },
      invlpg: (_c, lo) => { seen.push(`invlpg ${lo.toString(16)}`); return true; },
      vmcall: () => { seen.push('vmcall'); return true; },
      msr: (_c, w, msr) => { seen.push(`msr ${w} ${msr.toString(16)}`); return true; },
      hlt: () => { seen.push('hlt'); return true; },
    });
    const r = m.run({ maxInsns: 100 });
    expect(seen).toEqual(['cpuid', 'io 80 1 false', 'cr3 r', 'cr3 w', 'invlpg 1000', 'vmcall', 'msr false 1234', 'hlt', 'io f4 4 false']);
    expect(r.reason).toBe('exit-port');
    expect(r.code).toBe(7);
  });
});
