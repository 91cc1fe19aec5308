// Helpers for the hypervisor tests: assembling guests (pagevisor's own assembler; nasm only when the
// assembler rejects a file and nasm is installed), and the four modes every equivalence test runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assemble, type LineMapEntry } from '../../src/asm/assemble.js';
import { hasTool } from '../tools.js';
import type { CreateVmOptions } from '../../src/vmm/index.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

const cache = new Map<string, Uint8Array>();

/** Assembles a guest file with -D defines; the include path is the file's directory. */
export function assembleFile(path: string, defines: Record<string, string> = {}): Uint8Array {
  const key = path + JSON.stringify(defines);
  const hit = cache.get(key);
  if (hit) return hit;
  const r = assemble(readFileSync(path, 'utf8'), { file: path, includePaths: [dirname(path) + '/'], defines });
  let bytes: Uint8Array;
  if (r.ok) bytes = r.bytes;
  else if (hasTool('nasm')) {
    // The in-tree assembler is developed in parallel; the hypervisor tests need the guest's bytes.
    const dir = mkdtempSync(join(tmpdir(), 'pv-vmm-'));
    try {
      const defs = Object.entries(defines).map(([k, v]) => `-D${k}=${v}`);
      execFileSync('nasm', ['-f', 'bin', '-i', dirname(path) + '/', ...defs, path, '-o', join(dir, 'o.bin')]);
      bytes = new Uint8Array(readFileSync(join(dir, 'o.bin')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    throw new Error(`cannot assemble ${path}: ${r.diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);
  }
  cache.set(key, bytes);
  return bytes;
}

/** Assembles a test snippet with pagevisor's assembler (bytes and line map). */
export function assembleSource(src: string, file = 'snippet.asm', defines: Record<string, string> = {}): { bytes: Uint8Array; lines: LineMapEntry[] } {
  const r = assemble(src, { file, defines });
  if (!r.ok) throw new Error(`test snippet does not assemble: ${r.diagnostics.slice(0, 3).map((d) => `${d.line}: ${d.message}`).join('; ')}`);
  return { bytes: r.bytes, lines: r.lines };
}

/** 64-bit little-endian qwords as bytes. */
export function qwords(values: (bigint | number)[]): Uint8Array {
  const b = new Uint8Array(values.length * 8);
  const dv = new DataView(b.buffer);
  values.forEach((v, i) => dv.setBigUint64(i * 8, BigInt(v) & 0xffffffffffffffffn, true));
  return b;
}

/** Reads qwords back. */
export function readQwords(bytes: Uint8Array): bigint[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: bigint[] = [];
  for (let i = 0; i + 8 <= bytes.length; i += 8) out.push(dv.getBigUint64(i, true));
  return out;
}

export interface ModeCase { name: string; opts: Pick<CreateVmOptions, 'mode' | 'shadowSync'> }

/** The four modes of the issue: native, EPT, shadow-lazy, shadow-wp. */
export const MODES: ModeCase[] = [
  { name: 'native', opts: { mode: 'native' } },
  { name: 'ept', opts: { mode: 'ept' } },
  { name: 'shadow-lazy', opts: { mode: 'shadow', shadowSync: 'lazy' } },
  { name: 'shadow-wp', opts: { mode: 'shadow', shadowSync: 'wp' } },
];

/**
 * A guest that uses guest RAM [1 GiB, 2 GiB) (needs 2 GiB of RAM): it maps that range through the
 * boot PDPT with a 1 GiB guest page, builds new 4-level tables at its start (PML4 0x40000000, PDPT
 * +0x1000, PD +0x2000, PT +0x3000), writes one qword into each of N pages 2 MiB apart (page i at GPA
 * 0x40100000 + i * 2 MiB, N <= 512), loads CR3 with the new tables (a 1 GiB page for [0, 1 GiB), and
 * page i at GVA 0x40000000 + i * 4 KiB), reads the qwords back and prints `sum=<16 hex digits>`
 * (gibGuestConsole). No stack, no calls: its only other pages are the boot tables and the code page.
 */
export const GIB_GUEST = `bits 64
org 0x100000
%ifndef N
%define N 512
%endif
GIB     equ 0x40000000
PML4    equ GIB
PDPT    equ GIB + 0x1000
PD      equ GIB + 0x2000
PT      equ GIB + 0x3000
DATA    equ GIB + 0x100000
start:  mov rax, GIB | 0x83
        mov [0x2008], rax           ; boot PDPT[1]: [1 GiB, 2 GiB) identity, one 1 GiB page
        mov rdi, PML4               ; first touch of the range: the new tables, zeroed
        xor eax, eax
        mov ecx, 4 * 512
        cld
        rep stosq
        mov qword [PML4], PDPT | 3
        mov qword [PDPT], 0x83      ; [0, 1 GiB): 1 GiB page (code, boot tables)
        mov qword [PDPT + 8], PD | 3
        mov qword [PD], PT | 3
        mov rdi, PT
        mov rsi, DATA
        mov ecx, N
        mov rax, 0x0123456789abcdef
fill:   lea rdx, [rsi + 3]
        mov [rdi], rdx              ; PT[i] -> DATA + i * 2 MiB
        mov [rsi], rax              ; its qword, written through the 1 GiB identity page
        rol rax, 9
        add rax, rcx
        add rdi, 8
        add rsi, 0x200000
        dec ecx
        jnz fill
        mov eax, PML4
        mov cr3, rax
        mov rsi, GIB                ; read back through the 4 KiB pages
        mov ecx, N
        xor ebx, ebx
sum:    mov rax, [rsi]
        xor rbx, rax
        rol rbx, 5
        add rsi, 0x1000
        dec ecx
        jnz sum
done:   mov al, 's'
        out 0xe9, al
        mov al, 'u'
        out 0xe9, al
        mov al, 'm'
        out 0xe9, al
        mov al, '='
        out 0xe9, al
        mov ecx, 16
hex:    rol rbx, 4
        mov eax, ebx
        and eax, 15
        add eax, '0'
        cmp eax, '9'
        jbe digit
        add eax, 'a' - '0' - 10
digit:  out 0xe9, al
        dec ecx
        jnz hex
        mov al, 10
        out 0xe9, al
        xor eax, eax
        out 0xf4, eax
`;

/** What GIB_GUEST prints with N pages. */
export function gibGuestConsole(n = 512): string {
  const M = (1n << 64n) - 1n;
  const rol = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M;
  let rax = 0x0123456789abcdefn, rbx = 0n;
  for (let i = 0; i < n; i++) {
    rbx = rol(rbx ^ rax, 5n);
    rax = (rol(rax, 9n) + BigInt(n - i)) & M;
  }
  return `sum=${rbx.toString(16).padStart(16, '0')}\n`;
}

/**
 * Maps VA 0x40000000 to GPA 0x600000 with a 4 KiB page (PDPT 0x2000 of the boot tables, entry 1),
 * writes a value there through the identity map, reads it back through the new mapping (stopping
 * point `done` for the views), exits with its low 32 bits. Works under the 4- and the 5-level boot
 * (same PDPT).
 */
export const WALK4K = `bits 64
org 0x100000
start:  mov rax, 0x500003
        mov [0x2008], rax        ; PDPT[1] -> PD at 0x500000
        mov rax, 0x501003
        mov [0x500000], rax      ; PD[0] -> PT at 0x501000
        mov rax, 0x600003
        mov [0x501000], rax      ; PT[0] -> 0x600000
        mov rax, 0x1122334455667788
        mov [0x600000], rax
        mov rbx, [0x40000000]
done:   mov eax, ebx
        out 0xf4, eax
`;
