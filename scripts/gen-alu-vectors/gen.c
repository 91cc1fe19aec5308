// gen.c -- capture x86-64 ALU reference vectors from the REAL host CPU.
//
// Usage: gen OUTDIR   (normally via scripts/gen-alu-vectors/gen.sh)
//
// How it works
//   1. Every test case is generated first: an operation, an operand size, the asm text of ONE
//      instruction (fixed register assignment: destination rax/eax/ax/al, source rbx/ebx/bx/bl,
//      count cl, rdx:rax for mul/div/cwd, immediates in the text) and the input registers
//      rax rbx rcx rdx + RFLAGS.  Inputs come from boundary values and a seeded PRNG (fixed seed:
//      the output is reproducible on the same CPU).
//   2. All distinct asm texts are assembled in ONE `nasm -f bin` run (bits 64); a length table
//      emitted after the code gives each instruction's bytes.  Those bytes -- exactly what nasm
//      produced and what is written to the JSON -- are copied into an executable buffer, each
//      followed by `ret`.
//   3. For each case an inline-asm trampoline (run() below) loads rax..rdx, loads RFLAGS with
//      popfq, calls the instruction, captures RFLAGS with pushfq and stores rax..rdx.  #DE from
//      div/idiv is caught (SIGFPE + siglongjmp) and recorded as "exception": "#DE".
//   4. Sanity checks: every case is run twice (identical results); registers that the form is
//      not supposed to write must come back unchanged (that validates the `out` register lists).
//
// The definedMask of each case says which of CF PF AF ZF SF OF are architecturally DEFINED after
// the instruction (computed from the inputs, or left unaffected = equal to the input flag).
// Flags the Intel SDM calls "undefined" are excluded; an emulator must compare
// (flags & definedMask).  The SDM rule for each op is cited where the mask is chosen.
//
// Build: gcc -O1 -mno-red-zone (the trampoline pushes on the stack inside inline asm).
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

#define CF 0x001u
#define PF 0x004u
#define AF 0x010u
#define ZF 0x040u
#define SF 0x080u
#define OF 0x800u
#define ALL6 (CF | PF | AF | ZF | SF | OF) /* 0x8d5 */

enum { W_RAX = 1, W_RBX = 2, W_RCX = 4, W_RDX = 8 };

enum { F_ALU, F_UNARY, F_SHIFT, F_ROTATE, F_MULDIV, F_BIT, F_EXT, F_COND, NFAM };
static const char *fam_name[NFAM] = {"alu", "unary", "shift", "rotate", "muldiv", "bit", "ext", "cond"};

typedef struct {
  uint64_t rax, rbx, rcx, rdx, rflags; /* offsets 0 8 16 24 32: used by run() */
} regs_t;

typedef struct {
  int fam;
  const char *op;
  int size;
  int asm_id;
  unsigned mask;
  unsigned writes;
  regs_t in, out;
  int de; /* 1: the instruction raised #DE */
} case_t;

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "gen: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(1);
}

/* ------------------------------------------------------------------ PRNG (fixed seed) */
static uint64_t rng_state = 0x70616765766973ULL; /* "pagevis" */
static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static uint64_t rndn(uint64_t n) { return n ? rnd() % n : 0; }

static uint64_t maskw(int w) { return w == 64 ? ~0ULL : (1ULL << w) - 1; }
static uint64_t msbw(int w) { return 1ULL << (w - 1); }
/* value v (w bits) placed into a register whose other bits are random garbage */
static uint64_t put(int w, uint64_t v) { return (rnd() & ~maskw(w)) | (v & maskw(w)); }
static int64_t sext(int w, uint64_t v) {
  v &= maskw(w);
  return w == 64 ? (int64_t)v : (int64_t)(v ^ msbw(w)) - (int64_t)msbw(w);
}
static int si(int w) { return w == 8 ? 0 : w == 16 ? 1 : w == 32 ? 2 : 3; }
static const char *RN[4][4] = {
    {"al", "bl", "cl", "dl"}, {"ax", "bx", "cx", "dx"}, {"eax", "ebx", "ecx", "edx"}, {"rax", "rbx", "rcx", "rdx"}};
#define RA(w) RN[si(w)][0]
#define RB(w) RN[si(w)][1]

/* boundary values, truncated to the operand width and deduplicated */
static const uint64_t BOUND[] = {
    0, 1, 2, 0x0f, 0x10, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff,
    0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x100000000ULL,
    0x7fffffffffffffffULL, 0x8000000000000000ULL, 0x8000000000000001ULL, 0xfffffffffffffffeULL,
    0xffffffffffffffffULL, 0x5555555555555555ULL, 0xaaaaaaaaaaaaaaaaULL, 0x0123456789abcdefULL};
static uint64_t pool[4][64];
static int npool[4];
static void init_pool(void) {
  for (int s = 0; s < 4; s++) {
    int w = 8 << s;
    for (size_t i = 0; i < sizeof BOUND / sizeof BOUND[0]; i++) {
      uint64_t v = BOUND[i] & maskw(w);
      int dup = 0;
      for (int j = 0; j < npool[s]; j++) dup |= pool[s][j] == v;
      if (!dup) pool[s][npool[s]++] = v;
    }
  }
}
static uint64_t pick_pool(int w) { return pool[si(w)][rndn(npool[si(w)])]; }
/* a "mixed" random operand value: boundary, small, boundary +- delta, single bit, or random */
static uint64_t val(int w) {
  uint64_t m = maskw(w), r = rndn(100);
  if (r < 30) return pick_pool(w);
  if (r < 40) return rndn(17);
  if (r < 50) return (pick_pool(w) + rndn(5) - 2) & m;
  if (r < 58) return 1ULL << rndn(w);
  if (r < 64) return (~(1ULL << rndn(w))) & m;
  return rnd() & m;
}
static uint64_t randflags(void) { return 0x202 | (rnd() & ALL6); }
static regs_t rnd_regs(void) {
  regs_t r; /* one rnd() per statement: evaluation order fixed -> reproducible */
  r.rax = rnd();
  r.rbx = rnd();
  r.rcx = rnd();
  r.rdx = rnd();
  r.rflags = randflags();
  return r;
}

/* ------------------------------------------------------------------ asm text interning */
static char **asms;
static int nasms, capasms;
static int htab[1 << 16];
static unsigned hstr(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}
static int intern(const char *s) {
  unsigned h = hstr(s) & 0xffff;
  while (htab[h]) {
    if (!strcmp(asms[htab[h] - 1], s)) return htab[h] - 1;
    h = (h + 1) & 0xffff;
  }
  if (nasms == capasms) {
    capasms = capasms ? capasms * 2 : 1024;
    asms = realloc(asms, capasms * sizeof *asms);
  }
  asms[nasms] = strdup(s);
  htab[h] = ++nasms;
  return nasms - 1;
}

/* ------------------------------------------------------------------ case list */
static case_t *cases;
static int ncases, capcases;
static void addc(int fam, const char *op, int w, unsigned mask, unsigned writes, regs_t in, const char *fmt, ...) {
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (ncases == capcases) {
    capcases = capcases ? capcases * 2 : 4096;
    cases = realloc(cases, capcases * sizeof *cases);
  }
  case_t *c = &cases[ncases++];
  memset(c, 0, sizeof *c);
  c->fam = fam;
  c->op = op;
  c->size = w;
  c->asm_id = intern(buf);
  c->mask = mask;
  c->writes = writes;
  c->in = in;
}

static const int SIZES[4] = {8, 16, 32, 64};

/* operand pairs: first the "must" boundary pairs, then pool x pool, then mixed random */
enum { P_Z = 1000, P_ONE, P_ALL, P_MAX, P_MIN, P_0F, P_10 };
static const int MUST[][2] = {{P_Z, P_Z},     {P_Z, P_ONE},   {P_ONE, P_Z},   {P_ALL, P_ONE}, {P_ONE, P_ALL},
                              {P_ALL, P_ALL}, {P_MAX, P_ONE}, {P_ONE, P_MAX}, {P_MIN, P_ONE}, {P_MIN, P_ALL},
                              {P_ALL, P_MIN}, {P_MAX, P_MAX}, {P_MIN, P_MIN}, {P_MAX, P_MIN}, {P_MIN, P_MAX},
                              {P_Z, P_MIN},   {P_0F, P_ONE},  {P_10, P_ONE},  {P_MAX, P_ALL}};
#define NMUST ((int)(sizeof MUST / sizeof MUST[0]))
static uint64_t sym(int w, int s) {
  switch (s) {
    case P_Z: return 0;
    case P_ONE: return 1;
    case P_ALL: return maskw(w);
    case P_MAX: return msbw(w) - 1;
    case P_MIN: return msbw(w);
    case P_0F: return 0x0f;
    case P_10: return 0x10;
  }
  return 0;
}
static void pair(int w, int i, uint64_t *a, uint64_t *b) {
  if (i < NMUST) {
    *a = sym(w, MUST[i][0]);
    *b = sym(w, MUST[i][1]);
  } else if (i < NMUST + 16) {
    *a = pick_pool(w);
    *b = pick_pool(w);
  } else {
    *a = val(w);
    *b = val(w);
  }
}
/* an immediate for an `op reg, imm` form: any w-bit value, or for 64-bit operands a
   sign-extended imm32.  Returns the w-bit value; text gets the asm spelling. */
static uint64_t immval(int w, char *text, size_t n) {
  if (w < 64) {
    uint64_t v = val(w);
    snprintf(text, n, "0x%llx", (unsigned long long)v);
    return v;
  }
  int64_t v = sext(32, val(32));
  if (v < 0)
    snprintf(text, n, "-0x%llx", (unsigned long long)-(uint64_t)v);
  else
    snprintf(text, n, "0x%llx", (unsigned long long)v);
  return (uint64_t)v;
}

/* ------------------------------------------------------------------ generators */

static void gen_alu(void) {
  static const char *ops[] = {"add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test"};
  for (int o = 0; o < 9; o++) {
    const char *op = ops[o];
    int logic = !strcmp(op, "and") || !strcmp(op, "or") || !strcmp(op, "xor") || !strcmp(op, "test");
    int carry = !strcmp(op, "adc") || !strcmp(op, "sbb");
    /* SDM ADD/ADC/SUB/SBB/CMP: "The OF, SF, ZF, AF, CF, and PF flags are set according to the
       result."  AND/OR/XOR/TEST: "The OF and CF flags are cleared; the SF, ZF, and PF flags are set
       according to the result. The state of the AF flag is undefined." */
    unsigned mask = logic ? (ALL6 & ~AF) : ALL6;
    unsigned writes = (!strcmp(op, "cmp") || !strcmp(op, "test")) ? 0 : W_RAX;
    for (int s = 0; s < 4; s++) {
      int w = SIZES[s];
      int np = carry ? 40 : 64;
      for (int i = 0; i < np; i++) {
        uint64_t a, b;
        pair(w, i, &a, &b);
        for (int cf = 0; cf < (carry ? 2 : 1); cf++) {
          regs_t in = rnd_regs();
          in.rax = put(w, a);
          in.rbx = put(w, b);
          if (carry) in.rflags = (in.rflags & ~(uint64_t)CF) | (uint64_t)cf;
          addc(F_ALU, op, w, mask, writes, in, "%s %s, %s", op, RA(w), RB(w));
        }
      }
      /* register, immediate (nasm picks the al/eax short form, imm8 sign-extended or imm16/32) */
      for (int i = 0; i < 12; i++) {
        char t[32];
        regs_t in = rnd_regs();
        in.rax = put(w, val(w));
        immval(w, t, sizeof t);
        addc(F_ALU, op, w, mask, writes, in, "%s %s, %s", op, RA(w), t);
      }
    }
  }
}

static void gen_unary(void) {
  static const char *ops[] = {"inc", "dec", "neg", "not"};
  for (int o = 0; o < 4; o++)
    for (int s = 0; s < 4; s++) {
      int w = SIZES[s];
      for (int i = 0; i < 32; i++) {
        regs_t in = rnd_regs();
        in.rax = put(w, i < npool[s] ? pool[s][i] : val(w));
        /* SDM INC/DEC: "The CF flag is not affected. The OF, SF, ZF, AF, and PF flags are set
           according to the result."  NEG: "The CF flag set to 0 if the source operand is 0;
           otherwise it is set to 1. The OF, SF, ZF, AF, and PF flags are set according to the
           result."  NOT: "None" (flags unaffected).  => all six defined. */
        addc(F_UNARY, ops[o], w, ALL6, W_RAX, in, "%s %s", ops[o], RA(w));
      }
    }
}

/* SDM SAL/SAR/SHL/SHR, "Flags Affected": "The CF flag contains the value of the last bit shifted
   out of the destination operand; it is undefined for SHL and SHR instructions where the count is
   greater than or equal to the size (in bits) of the destination operand. The OF flag is affected
   only for 1-bit shifts (see "Description" above); otherwise, it is undefined. The SF, ZF, and PF
   flags are set according to the result. If the count is 0, the flags are not affected. For a
   non-zero count, the AF flag is undefined."  (The count is masked to 5 bits, 6 with REX.W.)
   SDM RCL/RCR/ROL/ROR: "If the masked count is 0, the flags are not affected. If the masked count
   is 1, then the OF flag is affected, otherwise (masked count is greater than 1) the OF flag is
   undefined. The CF flag is affected when the masked count is non-zero. The SF, ZF, AF, and PF
   flags are always unaffected."  (Masked count = count & 1FH, or & 3FH for 64-bit; for 8/16-bit
   RCL/RCR the rotation is then taken MOD 9/17 but the flag rules use the masked count.) */
static unsigned shift_mask(const char *op, int w, unsigned count) {
  unsigned c = count & (w == 64 ? 63u : 31u);
  int rot = op[0] == 'r';
  if (c == 0) return ALL6;
  if (rot) return c == 1 ? ALL6 : (ALL6 & ~OF);
  unsigned m = c == 1 ? (ALL6 & ~AF) : (CF | PF | ZF | SF);
  if (c >= (unsigned)w && strcmp(op, "sar")) m &= ~CF;
  return m;
}

static void gen_shift(void) {
  static const char *ops[] = {"shl", "sal", "shr", "sar", "rol", "ror", "rcl", "rcr"};
  for (int o = 0; o < 8; o++) {
    const char *op = ops[o];
    int fam = op[0] == 'r' ? F_ROTATE : F_SHIFT;
    for (int s = 0; s < 4; s++) {
      int w = SIZES[s];
      /* by 1 (D0/D1 encoding) */
      for (int i = 0; i < 12; i++) {
        regs_t in = rnd_regs();
        in.rax = put(w, val(w));
        addc(fam, op, w, shift_mask(op, w, 1), W_RAX, in, "%s %s, 1", op, RA(w));
      }
      /* by cl: every count 0..w+1, masked/out-of-range counts, then random counts */
      unsigned counts[160];
      int nc = 0;
      for (int c = 0; c <= w + 1; c++) counts[nc++] = c;
      static const unsigned extra[] = {17, 18, 19, 26, 27, 31, 32, 33, 34, 35, 63, 64, 65, 96, 127, 128, 255};
      for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++)
        if (extra[k] > (unsigned)w + 1) counts[nc++] = extra[k];
      for (int k = 0; k < 8; k++) counts[nc++] = (unsigned)rndn(256);
      for (int k = 0; k < nc; k++) {
        regs_t in = rnd_regs();
        in.rax = put(w, val(w));
        in.rcx = (rnd() & ~0xffULL) | counts[k];
        addc(fam, op, w, shift_mask(op, w, counts[k]), W_RAX, in, "%s %s, cl", op, RA(w));
      }
      /* by imm8 (C0/C1 encoding; count 1 needs `strict byte` or nasm picks D0/D1) */
      unsigned ic[] = {0, 1, 2, 3, (unsigned)w / 2, (unsigned)w - 1, (unsigned)w, (unsigned)w + 1, 9, 17, 31, 32, 33, 63, 64, 65, 255};
      int ni = sizeof ic / sizeof ic[0];
      for (int k = 0; k < ni; k++) {
        int dup = 0;
        for (int j = 0; j < k; j++) dup |= ic[j] == ic[k];
        if (dup) continue;
        regs_t in = rnd_regs();
        in.rax = put(w, val(w));
        if (ic[k] == 1)
          addc(fam, op, w, shift_mask(op, w, 1), W_RAX, in, "%s %s, strict byte 1", op, RA(w));
        else
          addc(fam, op, w, shift_mask(op, w, ic[k]), W_RAX, in, "%s %s, %u", op, RA(w), ic[k]);
      }
    }
  }
}

static void gen_muldiv(void) {
  /* SDM MUL: "The OF and CF flags are set to 0 if the upper half of the result is 0; otherwise,
     they are set to 1. The SF, ZF, AF, and PF flags are undefined."  IMUL (all three forms): "For
     the one operand form of the instruction, the CF and OF flags are set when significant bits are
     carried into the upper half of the result and cleared when the result fits exactly in the lower
     half of the result. For the two- and three-operand forms of the instruction, the CF and OF
     flags are set when the result must be truncated to fit in the destination operand size and
     cleared when the result fits exactly in the destination operand size. The SF, ZF, AF, and PF
     flags are undefined." */
  const unsigned mmask = CF | OF;
  static const char *m1[] = {"mul", "imul"};
  for (int o = 0; o < 2; o++)
    for (int s = 0; s < 4; s++) {
      int w = SIZES[s];
      for (int i = 0; i < 48; i++) {
        uint64_t a, b;
        pair(w, i, &a, &b);
        regs_t in = rnd_regs();
        in.rax = put(w, a);
        in.rbx = put(w, b);
        addc(F_MULDIV, m1[o], w, mmask, w == 8 ? W_RAX : W_RAX | W_RDX, in, "%s %s", m1[o], RB(w));
      }
    }
  for (int s = 1; s < 4; s++) { /* imul r, r/m */
    int w = SIZES[s];
    for (int i = 0; i < 48; i++) {
      uint64_t a, b;
      pair(w, i, &a, &b);
      regs_t in = rnd_regs();
      in.rax = put(w, a);
      in.rbx = put(w, b);
      addc(F_MULDIV, "imul", w, mmask, W_RAX, in, "imul %s, %s", RA(w), RB(w));
    }
  }
  for (int s = 1; s < 4; s++) { /* imul r, r/m, imm */
    int w = SIZES[s];
    for (int i = 0; i < 32; i++) {
      char t[32];
      regs_t in = rnd_regs();
      in.rbx = put(w, val(w));
      immval(w, t, sizeof t);
      addc(F_MULDIV, "imul", w, mmask, W_RAX, in, "imul %s, %s, %s", RA(w), RB(w), t);
    }
  }
  /* SDM DIV/IDIV: "The CF, OF, SF, ZF, AF, and PF flags are undefined."  => mask 0.
     #DE: divisor 0, or quotient too large for the destination.  Cases are recorded as #DE. */
  for (int sg = 0; sg < 2; sg++) {
    const char *op = sg ? "idiv" : "div";
    for (int s = 0; s < 4; s++) {
      int w = SIZES[s];
      uint64_t m = maskw(w);
      for (int i = 0; i < 48; i++) {
        u128 dvd; /* 2w-bit dividend (two's complement for idiv) */
        uint64_t d;
        if (!sg) {
          if (i < 3) { /* divide by zero */
            d = 0;
            uint64_t hi = val(w);
            dvd = ((u128)hi << w) | val(w);
          } else if (i < 6) { /* quotient overflow: high half >= divisor */
            d = val(w) | 1;
            uint64_t hi = d + rndn(m - d + 1); /* d >= 1, so hi in [d, m] */
            dvd = ((u128)hi << w) | val(w);
          } else {
            uint64_t q, r;
            if (i == 6) { q = m; d = m; r = m - 1; }      /* largest dividend */
            else if (i == 7) { q = m; d = 1; r = 0; }
            else if (i == 8) { q = 0; d = m; r = m - 1; }
            else {
              do d = val(w); while (!d);
              q = val(w);
              r = d > 1 ? rndn(d) : 0;
            }
            dvd = (u128)q * d + r;
          }
        } else {
          int64_t sd;
          i128 sdvd;
          int64_t MIN = sext(w, msbw(w)), MAX = (int64_t)(msbw(w) - 1);
          if (i < 2) {
            sd = 0;
            sdvd = (i128)sext(w, val(w)) * (i128)(1 + rndn(1000));
          } else if (i < 3) { /* the classic: MIN / -1 */
            sd = -1;
            sdvd = MIN;
          } else if (i < 6) { /* quotient just/far out of range */
            do sd = sext(w, val(w)); while (sd == 0);
            i128 q = (i == 3) ? (i128)MAX + 1 : (i == 4) ? (i128)MIN - 1 : (i128)MAX + 1 + (i128)rndn(1ULL << (w / 2));
            sdvd = q * sd;
          } else {
            int64_t q, r = 0;
            if (i == 6) { q = MIN; sd = 1; }
            else if (i == 7) { q = MIN; sd = -1; }      /* dividend = 2^(w-1), quotient MIN fits */
            else if (i == 8) { q = MAX; sd = -1; }
            else if (i == 9) { q = MIN; sd = MIN; }
            else if (i == 10) { q = MAX; sd = MIN; r = MIN + 1; }
            else if (i == 11) { q = MIN; sd = MAX; r = -(MAX - 1); }
            else if (i == 12) { q = 0; sd = 7; r = -6; }
            else {
              do sd = sext(w, val(w)); while (sd == 0);
              q = sext(w, val(w));
              uint64_t ad = sd < 0 ? -(uint64_t)sd : (uint64_t)sd;
              uint64_t ar = ad > 1 ? rndn(ad) : 0;
              i128 prod = (i128)q * sd;
              int neg = prod < 0 || (prod == 0 && (rnd() & 1));
              r = neg ? -(int64_t)ar : (int64_t)ar;
            }
            sdvd = (i128)q * sd + r;
          }
          d = (uint64_t)sd & m;
          dvd = (u128)sdvd;
        }
        regs_t in = rnd_regs();
        uint64_t lo = (uint64_t)dvd & m, hi = (uint64_t)(dvd >> w) & m;
        if (w == 8) {
          in.rax = put(16, (hi << 8) | lo);
        } else {
          in.rax = put(w, lo);
          in.rdx = put(w, hi);
        }
        in.rbx = put(w, d);
        addc(F_MULDIV, op, w, 0, w == 8 ? W_RAX : W_RAX | W_RDX, in, "%s %s", op, RB(w));
      }
    }
  }
}

static void gen_bit(void) {
  /* SDM BT/BTS/BTR/BTC: "The CF flag contains the value of the selected bit before it is
     changed. The ZF flag is unaffected. The OF, SF, AF, and PF flags are undefined."
     => CF and ZF (unaffected) defined.  With a register bit base the offset is taken modulo the
     operand size (16/32/64), for both the register and the imm8 offset form. */
  static const char *ops[] = {"bt", "bts", "btr", "btc"};
  for (int o = 0; o < 4; o++)
    for (int s = 1; s < 4; s++) {
      int w = SIZES[s];
      unsigned writes = o == 0 ? 0 : W_RAX;
      for (int i = 0; i < 24; i++) {
        regs_t in = rnd_regs();
        in.rax = put(w, val(w));
        uint64_t off;
        if (i < 6) off = (uint64_t[]){0, 1, (uint64_t)w - 1, (uint64_t)w, (uint64_t)w + 1, maskw(w)}[i];
        else if (i < 16) off = rndn(w);
        else off = rnd();
        in.rbx = put(w, off);
        addc(F_BIT, ops[o], w, CF | ZF, writes, in, "%s %s, %s", ops[o], RA(w), RB(w));
      }
      static const unsigned imms[] = {0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 200, 255};
      for (size_t k = 0; k < sizeof imms / sizeof imms[0]; k++) {
        if (imms[k] > 17 && rndn(3) == 0) continue;
        regs_t in = rnd_regs();
        in.rax = put(w, val(w));
        addc(F_BIT, ops[o], w, CF | ZF, writes, in, "%s %s, %u", ops[o], RA(w), imms[k]);
      }
    }
  /* SDM BSF/BSR: "The ZF flag is set to 1 if the source operand is 0; otherwise, the ZF flag is
     cleared. The CF, OF, SF, AF, and PF flags are undefined."  Source 0 leaves the destination
     "undefined" (Intel) / unchanged (AMD): those cases are not generated. */
  static const char *bs[] = {"bsf", "bsr"};
  for (int o = 0; o < 2; o++)
    for (int s = 1; s < 4; s++) {
      int w = SIZES[s];
      for (int i = 0; i < 32; i++) {
        uint64_t v;
        do v = i < w / 2 && i < 16 ? 1ULL << ((i * 7 + o) % w) : val(w);
        while (!(v & maskw(w)));
        regs_t in = rnd_regs();
        in.rbx = put(w, v);
        addc(F_BIT, bs[o], w, ZF, W_RAX, in, "%s %s, %s", bs[o], RA(w), RB(w));
      }
    }
}

static void gen_ext(void) {
  /* BSWAP, CBW/CWDE/CDQE, CWD/CDQ/CQO, MOVZX/MOVSX/MOVSXD, XCHG: SDM "Flags Affected: None."
     => all six flags defined (= input flags). BSWAP with a 16-bit operand is undefined: not
     generated. */
  for (int s = 2; s < 4; s++) {
    int w = SIZES[s];
    for (int i = 0; i < 24; i++) {
      regs_t in = rnd_regs();
      if (i < 8) in.rax = put(w, pick_pool(w));
      addc(F_EXT, "bswap", w, ALL6, W_RAX, in, "bswap %s", RA(w));
    }
  }
  static const struct { const char *op; int w; int src; unsigned writes; } cv[] = {
      {"cbw", 16, 8, W_RAX},  {"cwde", 32, 16, W_RAX}, {"cdqe", 64, 32, W_RAX},
      {"cwd", 16, 16, W_RDX}, {"cdq", 32, 32, W_RDX},  {"cqo", 64, 64, W_RDX}};
  for (int k = 0; k < 6; k++)
    for (int i = 0; i < 16; i++) {
      regs_t in = rnd_regs();
      in.rax = put(cv[k].src, i < 8 ? pick_pool(cv[k].src) : val(cv[k].src));
      addc(F_EXT, cv[k].op, cv[k].w, ALL6, cv[k].writes, in, "%s", cv[k].op);
    }
  static const struct { const char *op; const char *dst; const char *src; int w; int sw; } mv[] = {
      {"movzx", "ax", "bl", 16, 8},  {"movzx", "eax", "bl", 32, 8},  {"movzx", "rax", "bl", 64, 8},
      {"movzx", "eax", "bx", 32, 16}, {"movzx", "rax", "bx", 64, 16}, {"movsx", "ax", "bl", 16, 8},
      {"movsx", "eax", "bl", 32, 8},  {"movsx", "rax", "bl", 64, 8},  {"movsx", "eax", "bx", 32, 16},
      {"movsx", "rax", "bx", 64, 16}, {"movsxd", "rax", "ebx", 64, 32}};
  for (size_t k = 0; k < sizeof mv / sizeof mv[0]; k++)
    for (int i = 0; i < 12; i++) {
      regs_t in = rnd_regs();
      in.rbx = put(mv[k].sw, i < 6 ? pick_pool(mv[k].sw) : val(mv[k].sw));
      addc(F_EXT, mv[k].op, mv[k].w, ALL6, W_RAX, in, "%s %s, %s", mv[k].op, mv[k].dst, mv[k].src);
    }
  for (int s = 0; s < 4; s++) {
    int w = SIZES[s];
    for (int i = 0; i < 8; i++) {
      regs_t in = rnd_regs();
      addc(F_EXT, "xchg", w, ALL6, W_RAX | W_RBX, in, "xchg %s, %s", RA(w), RB(w));
    }
  }
}

static const char *CC[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
static uint64_t combo_flags(unsigned k) { /* 5 bits -> CF PF ZF SF OF; AF random */
  uint64_t f = 0x202 | (rnd() & AF);
  if (k & 1) f |= CF;
  if (k & 2) f |= PF;
  if (k & 4) f |= ZF;
  if (k & 8) f |= SF;
  if (k & 16) f |= OF;
  return f;
}
static void gen_cond(void) {
  /* CMOVcc, SETcc: SDM "Flags Affected: None."  => all six defined.  Every condition is run
     over all 32 combinations of CF PF ZF SF OF (SETcc) or 16 random ones per size (CMOVcc). */
  static char names[2][16][8];
  for (int c = 0; c < 16; c++) {
    snprintf(names[0][c], 8, "set%s", CC[c]);
    snprintf(names[1][c], 8, "cmov%s", CC[c]);
  }
  for (int c = 0; c < 16; c++)
    for (unsigned k = 0; k < 32; k++) {
      regs_t in = rnd_regs();
      in.rflags = combo_flags(k);
      addc(F_COND, names[0][c], 8, ALL6, W_RAX, in, "set%s al", CC[c]);
    }
  for (int c = 0; c < 16; c++)
    for (int s = 1; s < 4; s++) {
      int w = SIZES[s];
      unsigned perm[32];
      for (unsigned k = 0; k < 32; k++) perm[k] = k;
      for (int k = 31; k > 0; k--) {
        int j = rndn(k + 1);
        unsigned t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
      }
      for (int k = 0; k < 16; k++) {
        regs_t in = rnd_regs();
        in.rflags = combo_flags(perm[k]);
        addc(F_COND, names[1][c], w, ALL6, W_RAX, in, "cmov%s %s, %s", CC[c], RA(w), RB(w));
      }
    }
}

/* ------------------------------------------------------------------ assemble with nasm */
static unsigned char (*code)[32];
static unsigned char *codelen;
static void assemble(void) {
  char dir[] = "/tmp/gen-alu-XXXXXX";
  if (!mkdtemp(dir)) die("mkdtemp: %s", strerror(errno));
  char src[256], bin[256], err[256], cmd[1024];
  snprintf(src, sizeof src, "%s/all.asm", dir);
  snprintf(bin, sizeof bin, "%s/all.bin", dir);
  snprintf(err, sizeof err, "%s/nasm.err", dir);
  FILE *f = fopen(src, "w");
  if (!f) die("open %s", src);
  fprintf(f, "bits 64\n");
  for (int i = 0; i < nasms; i++) fprintf(f, "L%d: %s\nE%d:\n", i, asms[i], i);
  for (int i = 0; i < nasms; i++) fprintf(f, "db E%d - L%d\n", i, i);
  fclose(f);
  snprintf(cmd, sizeof cmd, "nasm -f bin -o %s %s 2>%s", bin, src, err);
  int rc = system(cmd);
  FILE *e = fopen(err, "r");
  char line[512];
  int warned = 0;
  while (e && fgets(line, sizeof line, e)) fprintf(stderr, "nasm: %s", line), warned = 1;
  if (e) fclose(e);
  if (rc != 0 || warned) die("nasm failed (rc=%d); see %s", rc, src);
  f = fopen(bin, "rb");
  if (!f) die("open %s", bin);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc(n);
  if (fread(b, 1, n, f) != (size_t)n) die("read %s", bin);
  fclose(f);
  size_t mapsz = ((size_t)nasms * 32 + 4095) & ~(size_t)4095;
  code = mmap(NULL, mapsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) die("mmap");
  codelen = malloc(nasms);
  long off = 0;
  for (int i = 0; i < nasms; i++) {
    int len = b[n - nasms + i];
    if (len < 1 || len > 15) die("bad length %d for '%s'", len, asms[i]);
    memcpy(code[i], b + off, len);
    code[i][len] = 0xc3; /* ret */
    codelen[i] = len;
    off += len;
  }
  if (off != n - nasms) die("length table mismatch");
  if (mprotect(code, mapsz, PROT_READ | PROT_EXEC)) die("mprotect");
  free(b);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd)) { /* ignore */
  }
}

/* ------------------------------------------------------------------ execute on the CPU */
/* Loads rax rbx rcx rdx and RFLAGS from *p, calls the instruction (followed by ret), stores the
   registers and the RFLAGS image (pushfq) back to *p.  Nothing between popfq and the test
   instruction (call) or between its ret and pushfq touches the flags. */
__attribute__((noinline)) static void run(regs_t *p, const void *fn) {
  __asm__ volatile(
      "pushq 32(%%rsi)\n\t"
      "movq 0(%%rsi), %%rax\n\t"
      "movq 8(%%rsi), %%rbx\n\t"
      "movq 16(%%rsi), %%rcx\n\t"
      "movq 24(%%rsi), %%rdx\n\t"
      "popfq\n\t"
      "call *%%rdi\n\t"
      "pushfq\n\t"
      "popq 32(%%rsi)\n\t"
      "movq %%rax, 0(%%rsi)\n\t"
      "movq %%rbx, 8(%%rsi)\n\t"
      "movq %%rcx, 16(%%rsi)\n\t"
      "movq %%rdx, 24(%%rsi)\n\t"
      :
      : "S"(p), "D"(fn)
      : "rax", "rbx", "rcx", "rdx", "memory", "cc");
}

static sigjmp_buf jb;
static void on_fpe(int sig, siginfo_t *si_, void *uc) {
  (void)sig;
  (void)si_;
  (void)uc;
  siglongjmp(jb, 1);
}
/* returns 1 on #DE */
static int exec1(const case_t *c, regs_t *out) {
  static regs_t r;
  r = c->in;
  if (sigsetjmp(jb, 1)) return 1;
  run(&r, code[c->asm_id]);
  *out = r;
  return 0;
}
static void execute_all(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, NULL);
  for (int i = 0; i < ncases; i++) {
    case_t *c = &cases[i];
    regs_t o1, o2;
    int de1 = exec1(c, &o1), de2 = exec1(c, &o2);
    if (de1 != de2 || (!de1 && memcmp(&o1, &o2, sizeof o1))) die("nondeterministic: %s", asms[c->asm_id]);
    c->de = de1;
    if (de1) {
      if (strcmp(c->op, "div") && strcmp(c->op, "idiv")) die("unexpected #DE: %s", asms[c->asm_id]);
      continue;
    }
    c->out = o1;
    const uint64_t *ir = &c->in.rax, *orr = &o1.rax;
    for (int k = 0; k < 4; k++)
      if (!(c->writes & (1u << k)) && ir[k] != orr[k])
        die("'%s' changed register %d not in its write list", asms[c->asm_id], k);
  }
}

/* ------------------------------------------------------------------ output */
static void hexbytes(char *dst, int id) {
  for (int k = 0; k < codelen[id]; k++) sprintf(dst + 2 * k, "%02x", code[id][k]);
}
static const char *REGNAME[4] = {"rax", "rbx", "rcx", "rdx"};
static void write_outputs(const char *dir) {
  char path[4096];
  int count[NFAM] = {0};
  for (int fam = 0; fam < NFAM; fam++) {
    snprintf(path, sizeof path, "%s/%s.json", dir, fam_name[fam]);
    FILE *f = fopen(path, "w");
    if (!f) die("open %s", path);
    fprintf(f, "[\n");
    int first = 1;
    for (int i = 0; i < ncases; i++) {
      const case_t *c = &cases[i];
      if (c->fam != fam) continue;
      char hb[40];
      hexbytes(hb, c->asm_id);
      const uint64_t *ir = &c->in.rax, *orr = &c->out.rax;
      fprintf(f, "%s{\"op\":\"%s\",\"size\":%d,\"asm\":\"%s\",\"bytes\":\"%s\",\"in\":{", first ? "" : ",\n", c->op,
              c->size, asms[c->asm_id], hb);
      for (int k = 0; k < 4; k++) fprintf(f, "\"%s\":\"0x%llx\",", REGNAME[k], (unsigned long long)ir[k]);
      fprintf(f, "\"rflags\":\"0x%llx\"},", (unsigned long long)c->in.rflags);
      if (c->de)
        fprintf(f, "\"exception\":\"#DE\",");
      else {
        fprintf(f, "\"out\":{");
        for (int k = 0; k < 4; k++)
          if (c->writes & (1u << k)) fprintf(f, "\"%s\":\"0x%llx\",", REGNAME[k], (unsigned long long)orr[k]);
        fprintf(f, "\"rflags\":\"0x%llx\"},", (unsigned long long)c->out.rflags);
      }
      fprintf(f, "\"definedMask\":\"0x%x\"}", c->mask);
      first = 0;
      count[fam]++;
    }
    fprintf(f, "\n]\n");
    fclose(f);
  }

  /* meta.json: where the values came from */
  char model[256] = "?", vendor[64] = "?", family[16] = "?", cmodel[16] = "?", stepping[16] = "?", ucode[32] = "?";
  int hyper = 0;
  FILE *ci = fopen("/proc/cpuinfo", "r");
  char line[8192];
  while (ci && fgets(line, sizeof line, ci)) {
    char *colon = strchr(line, ':');
    if (!colon) {
      if (line[0] == '\n') break; /* first processor only */
      continue;
    }
    char *v = colon + 1;
    while (*v == ' ' || *v == '\t') v++;
    v[strcspn(v, "\n")] = 0;
#define KEY(k) (!strncmp(line, k, strlen(k)) && (line[strlen(k)] == ' ' || line[strlen(k)] == '\t' || line[strlen(k)] == ':'))
    if (KEY("model name")) snprintf(model, sizeof model, "%s", v);
    else if (KEY("vendor_id")) snprintf(vendor, sizeof vendor, "%s", v);
    else if (KEY("cpu family")) snprintf(family, sizeof family, "%s", v);
    else if (KEY("model")) snprintf(cmodel, sizeof cmodel, "%s", v);
    else if (KEY("stepping")) snprintf(stepping, sizeof stepping, "%s", v);
    else if (KEY("microcode")) snprintf(ucode, sizeof ucode, "%s", v);
    else if (KEY("flags")) hyper = strstr(v, " hypervisor") != NULL;
  }
  if (ci) fclose(ci);
  char nv[256] = "?";
  FILE *p = popen("nasm -v", "r");
  if (p && fgets(nv, sizeof nv, p)) nv[strcspn(nv, "\n")] = 0;
  if (p) pclose(p);
  snprintf(path, sizeof path, "%s/meta.json", dir);
  FILE *f = fopen(path, "w");
  if (!f) die("open %s", path);
  fprintf(f, "{\n  \"cpu\": \"%s\",\n  \"vendor\": \"%s\",\n  \"family\": %s,\n  \"model\": %s,\n  \"stepping\": %s,\n",
          model, vendor, family, cmodel, stepping);
  fprintf(f, "  \"microcode\": \"%s\",\n  \"hypervisor\": %s,\n  \"compiler\": \"gcc %s\",\n  \"assembler\": \"%s\",\n",
          ucode, hyper ? "true" : "false", __VERSION__, nv);
  fprintf(f, "  \"seed\": \"0x%llx\",\n  \"files\": {", (unsigned long long)0x70616765766973ULL);
  int total = 0;
  for (int fam = 0; fam < NFAM; fam++) {
    fprintf(f, "%s\n    \"%s.json\": %d", fam ? "," : "", fam_name[fam], count[fam]);
    total += count[fam];
  }
  int nde = 0;
  for (int i = 0; i < ncases; i++) nde += cases[i].de;
  fprintf(f, "\n  },\n  \"total\": %d,\n  \"divideErrors\": %d,\n  \"distinctInstructions\": %d\n}\n", total, nde, nasms);
  fclose(f);
  fprintf(stderr, "gen: %d cases (%d #DE), %d distinct instructions, cpu: %s\n", total, nde, nasms, model);
}

int main(int argc, char **argv) {
  if (argc != 2) die("usage: gen OUTDIR");
  init_pool();
  gen_alu();
  gen_unary();
  gen_shift();
  gen_muldiv();
  gen_bit();
  gen_ext();
  gen_cond();
  assemble();
  execute_all();
  write_outputs(argv[1]);
  return 0;
}
