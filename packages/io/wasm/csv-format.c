/*
 * Result rows of the large-CSV path as `id,score,grade,rank` lines, compiled to WebAssembly
 * (scripts/build-wasm.mjs embeds the build in src/csv-format-wasm.ts; src/csv-format-fast.ts runs
 * it). The score is written exactly as JavaScript prints it (`String(v)`: the fewest significant
 * digits that read back as v, the closest such when several — ECMAScript Number::toString),
 * without making a string.
 *
 * Fast path, for 1e-6 ≤ |v| < 1e16 (decimal notation): S = |v|·10^P with P = 16 − ⌊log10 |v|⌋
 * lies in [1e16, 1e17) and is computed exactly as hi + lo (|v|·2^P is exact, 5^P < 2^53 is exact,
 * and Dekker's two-product is exact). v's rounding interval, scaled, is S ± u/2 with u = ulp(v)·10^P
 * (0.55 ≤ u/2 ≤ 11.1). The shortest text is the nearest multiple of 10^k in that interval for the
 * largest such k (at most one per k once k ≥ 2; the nearest when two), else the integer nearest S:
 * 17 digits. Every decision that falls within 1e-7 of a boundary (an endpoint of the interval, a
 * tie), a power of two (its interval is lopsided), a text of at most 9 digits, and everything off the
 * range go to JavaScript's `String(v)` instead (the imported `number_text`), so the bytes are always
 * String's (a property test compares them on a million doubles). WebAssembly's doubles are IEEE 754
 * as JavaScript's, with no fused multiply-add, so the arithmetic is that of the TypeScript original.
 */
typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

/** String(v)'s bytes at out (JavaScript's, for the cases the fast path leaves); returns their count. */
__attribute__((import_module("env"), import_name("number_text"))) int number_text(double v, u8 *out);

enum { NL = 10, CR = 13, QUOTE = 34, COMMA = 44 };

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
static const double SPLIT = 134217729.0; /* 2^27 + 1 */
/** How near a boundary a decision may fall before String decides (the arithmetic's error is below 1e-8). */
static const double GUARD = 1e-7;

static double FIVE[23], FIVE_HI[23], FIVE_LO[23];
static int ready = 0;

/** 5^P for P = 0 … 22 (exact: 5^22 < 2^53) and its Veltkamp split. */
static void init(void) {
  double f = 1;
  for (int k = 0; k < 23; k++) {
    FIVE[k] = f;
    const double c = SPLIT * f;
    FIVE_HI[k] = c - (c - f);
    FIVE_LO[k] = f - FIVE_HI[k];
    f *= 5;
  }
  ready = 1;
}

/** 2^k as a double (−1022 ≤ k ≤ 1023). */
static inline double pow2(int k) {
  const u64 bits = (u64)(k + 1023) << 52;
  double d;
  __builtin_memcpy(&d, &bits, 8);
  return d;
}

static inline double js_floor(double x) { return __builtin_floor(x); }
/** JavaScript's Math.round (ties toward +∞; as V8 computes it: from the ceiling). */
static inline double js_round(double x) {
  double r = __builtin_ceil(x);
  if (r - 0.5 > x) r -= 1.0;
  return r;
}
static inline double js_abs(double x) { return x < 0 ? -x : x; }

/** The fast path: the end, or −1 when String(v) must decide. */
static int put_fast(double v, u8 *out, int o) {
  double x = v;
  if (x < 0) x = -x;
  if (!(x >= 1e-6 && x < 1e16)) return -1;
  /* E = ⌊log10 x⌋ from the powers of ten; a wrong guess near a power of ten is caught by S's range below */
  int e = 0;
  if (x >= 1)
    while (e < 15 && x >= POW10[e + 1]) e++;
  else {
    e = -1;
    while (e > -6 && x < 1 / POW10[-e]) e--;
  }
  const int p = 16 - e;
  if (p > 22) return -1;
  /* hi + rest = x·2^P·5^P exactly (Dekker's two-product on Veltkamp splits) */
  const double xs = x * pow2(p);
  const double hi = xs * FIVE[p];
  const double c = SPLIT * xs;
  const double ah = c - (c - xs);
  const double al = xs - ah;
  const double rest = ah * FIVE_HI[p] - hi + ah * FIVE_LO[p] + al * FIVE_HI[p] + al * FIVE_LO[p];
  if (!(hi > 1e16 && hi < 1e17) && !(hi == 1e16 && rest >= 0)) return -1;
  /* the half gap: x = m·2^q, m ∈ [2^52, 2^53); a power of two (m = 2^52) has a lopsided interval */
  u64 bits;
  __builtin_memcpy(&bits, &x, 8);
  const u32 high = (u32)(bits >> 32);
  const u32 low = (u32)bits;
  if ((high & 0xfffff) == 0 && low == 0) return -1;
  const int q = (int)((high >> 20) & 0x7ff) - 1075;
  const double half = pow2(q - 1 + p) * FIVE[p];
  /* S = a·1e8 + b + rest, a and b integers (hi ≥ 2^53 is one) */
  double a = js_floor(hi / 1e8);
  double b = hi - a * 1e8;
  if (b < 0) {
    a--;
    b += 1e8;
  } else if (b >= 1e8) {
    a++;
    b -= 1e8;
  }
  const double approx = b + rest;
  /* the largest k with a multiple of 10^k in [S − half, S + half] */
  int k = 0;
  double d = 0;
  for (int kk = 1; kk <= 8; kk++) {
    const double step = POW10[kk];
    const double dd = step * js_round(approx / step) - b;
    const double diff = dd - rest;
    const double dist = diff < 0 ? -diff : diff;
    if (dist > half + GUARD) break;
    if (js_abs(dist - half) < GUARD || js_abs(dist - step / 2) < GUARD) return -1;
    if (kk == 8) return -1; /* at most 9 significant digits: rare, String decides */
    k = kk;
    d = dd;
  }
  if (k == 0) {
    const double f = rest - js_floor(rest);
    if (js_abs(f - 0.5) < GUARD) return -1;
    d = js_round(rest);
  }
  /* the 17 digits a·1e8 + (b + d), carried */
  double lowPart = b + d;
  if (lowPart < 0) {
    a--;
    lowPart += 1e8;
  } else if (lowPart >= 1e8) {
    a++;
    lowPart -= 1e8;
  }
  if (a < 1e8 || a >= 1e9) return -1;
  u8 digits[17];
  int w = (int)lowPart;
  for (int i = 16; i >= 9; i--) {
    digits[i] = (u8)(48 + w % 10);
    w /= 10;
  }
  w = (int)a;
  for (int i = 8; i >= 0; i--) {
    digits[i] = (u8)(48 + w % 10);
    w /= 10;
  }
  int count = 17;
  while (count > 1 && digits[count - 1] == 48) count--;
  /* decimal notation: n = E + 1 digits before the point */
  if (v < 0) out[o++] = 45;
  const int n = e + 1;
  if (n <= 0) {
    out[o++] = 48;
    out[o++] = 46;
    for (int z = 0; z < -n; z++) out[o++] = 48;
    for (int i = 0; i < count; i++) out[o++] = digits[i];
  } else if (n >= count) {
    for (int i = 0; i < count; i++) out[o++] = digits[i];
    for (int z = count; z < n; z++) out[o++] = 48;
  } else {
    for (int i = 0; i < n; i++) out[o++] = digits[i];
    out[o++] = 46;
    for (int i = n; i < count; i++) out[o++] = digits[i];
  }
  return o;
}

/** String(v)'s bytes at out; returns their count. */
__attribute__((export_name("put_number"))) int put_number(double v, u8 *out) {
  if (!ready) init();
  const int end = put_fast(v, out, 0);
  return end >= 0 ? end : number_text(v, out);
}

/** Decimal digits of a non-negative integer v < 2^31 at out[o]; returns the new end. */
static int put_int(int v, u8 *out, int o) {
  int digits = 1;
  for (int t = v; t >= 10; t /= 10) digits++;
  const int end = o + digits;
  for (int k = end - 1; k >= o; k--) {
    out[k] = (u8)(48 + v % 10);
    v /= 10;
  }
  return end;
}

/** ids[s, e) at out[o] as a CSV field (quoted, quotes doubled, when it holds a comma, quote or line break); returns the new end. */
static int put_field(const u8 *ids, int s, int e, u8 *out, int o) {
  const int o0 = o;
  for (int i = s; i < e; i++) {
    const u8 c = ids[i];
    if (c == COMMA || c == QUOTE || c == NL || c == CR) {
      o = o0;
      out[o++] = QUOTE;
      for (int k = s; k < e; k++) {
        if (ids[k] == QUOTE) out[o++] = QUOTE;
        out[o++] = ids[k];
      }
      out[o++] = QUOTE;
      return o;
    }
    out[o++] = c;
  }
  return o;
}

/**
 * `count` rows as `id,score,grade,rank` lines at out; returns the bytes written. Row i's id is
 * ids[idEnds[i − 1], idEnds[i]) (an empty id is its row number, firstRow + i + 1), its grade name
 * names[nameEnds[g − 1], nameEnds[g]) for g = grade[i] (no grades: grade = 0, the grade field empty).
 */
__attribute__((export_name("format_rows"))) int format_rows(const u8 *ids, const int *idEnds, int count, int firstRow,
                                                           const double *score, const int *rank, const int *grade,
                                                           const u8 *names, const int *nameEnds, u8 *out) {
  if (!ready) init();
  int o = 0;
  int s = 0;
  for (int i = 0; i < count; i++) {
    const int e = idEnds[i];
    o = e == s ? put_int(firstRow + i + 1, out, o) : put_field(ids, s, e, out, o);
    s = e;
    out[o++] = COMMA;
    const int end = put_fast(score[i], out, o);
    o = end >= 0 ? end : o + number_text(score[i], out + o);
    out[o++] = COMMA;
    if (grade) {
      const int g = grade[i];
      for (int c = g == 0 ? 0 : nameEnds[g - 1]; c < nameEnds[g]; c++) out[o++] = names[c];
    }
    out[o++] = COMMA;
    o = put_int(rank[i], out, o);
    out[o++] = NL;
  }
  return o;
}

/** Where the caller's arrays may start: the module's memory above its stack and data. */
__attribute__((export_name("heap_base"))) int heap_base(void) {
  extern u8 __heap_base;
  return (int)&__heap_base;
}
