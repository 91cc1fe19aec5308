/* pvnative.c -- run an unprivileged pagevisor guest (a flat binary built for
 * org 0x100000) directly on the host CPU as a Linux user process, to
 * cross-check QEMU's recorded output against real hardware.
 *
 *   cc -O2 -o pvnative pvnative.c && ./pvnative GUEST.bin > out.txt
 *
 * Only for guests that execute no privileged instruction except the port
 * I/O of the console protocol (isa-*.asm): `out 0xE9, al` and `out 0xF4, eax`
 * fault in user mode (#GP -> SIGSEGV); the handler performs them and skips
 * the 2-byte instruction. The image is mapped RWX at 0x100000 (with memory up
 * to 0x1000000 for the library variables and scratch buffers) and the stack
 * below 0x80000; registers start as the boot protocol says (all 0, RSP =
 * 0x80000), except that RFLAGS has IF set (user mode).
 * Exit status: the guest's exit code; 99 on any other fault.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static char out[1 << 22];
static size_t outn;

static void flush_out(void) {
  size_t off = 0;
  while (off < outn) {
    ssize_t w = write(1, out + off, outn - off);
    if (w <= 0) break;
    off += (size_t)w;
  }
  outn = 0;
}

static void on_fault(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  greg_t *g = uc->uc_mcontext.gregs;
  const uint8_t *ip = (const uint8_t *)g[REG_RIP];
  (void)si;
  if (sig == SIGSEGV && ip[0] == 0xE6 && ip[1] == 0xE9) {     /* out 0xE9, al */
    if (outn < sizeof out) out[outn++] = (char)(g[REG_RAX] & 0xff);
    g[REG_RIP] += 2;
    return;
  }
  if (sig == SIGSEGV && (ip[0] == 0xE6 || ip[0] == 0xE7) && ip[1] == 0xF4) {
    flush_out();
    _exit((int)(g[REG_RAX] & (ip[0] == 0xE6 ? 0xff : 0xffffffff)));
  }
  flush_out();
  fprintf(stderr, "pvnative: signal %d at rip=%#llx bytes %02x %02x\n", sig,
          (unsigned long long)g[REG_RIP], ip[0], ip[1]);
  _exit(99);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: pvnative GUEST.bin\n");
    return 2;
  }
  void *low = mmap((void *)0x10000, 0x70000, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  void *img = mmap((void *)0x100000, 0xF00000, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (low != (void *)0x10000 || img != (void *)0x100000) {
    perror("pvnative: mmap");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  size_t n = fread(img, 1, 0x80000, f);
  fclose(f);
  if (n == 0) return 2;

  static char altstack[1 << 16];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  sigaction(SIGTRAP, &sa, NULL);

  __asm__ volatile(
      "mov $0x80000, %%rsp\n\t"
      "pushq $0x100000\n\t"
      "xor %%eax, %%eax\n\t xor %%ebx, %%ebx\n\t xor %%ecx, %%ecx\n\t"
      "xor %%edx, %%edx\n\t xor %%esi, %%esi\n\t xor %%edi, %%edi\n\t"
      "xor %%ebp, %%ebp\n\t xor %%r8d, %%r8d\n\t xor %%r9d, %%r9d\n\t"
      "xor %%r10d, %%r10d\n\t xor %%r11d, %%r11d\n\t xor %%r12d, %%r12d\n\t"
      "xor %%r13d, %%r13d\n\t xor %%r14d, %%r14d\n\t xor %%r15d, %%r15d\n\t"
      "pushq $0x202\n\t popfq\n\t"
      "ret\n\t" ::: "memory");
  return 0;
}
