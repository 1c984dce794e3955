/*
 * The fused fce path's common record, compiled to WebAssembly (scripts/build-wasm.mjs embeds the
 * build in src/csv-fuzzy-wasm.ts): `fastRecord` of csv-kernels.ts followed by core's
 * `fuzzyEvaluateRowBlock` on equally spaced grades (rowBlockUniform and rowOut of
 * evaluation/fuzzy-batch.ts), the same operations in the same order, so the scores are bit for bit
 * the same. It reads records from pos while they take the fast form and stops at the first that
 * does not (or at the row limit): the TypeScript reader parses that one and calls again.
 *
 * A fast record: an unquoted id without blanks around it, then numbers of the form
 * [-] digits [. digits] (at most 15 digits) and unwanted fields without quotes, each followed by a
 * comma, the last by a line break (CRLF too). b[len] must be a line break (no bounds checks).
 */
typedef unsigned char u8;
typedef unsigned long long u64;

static const double POW10[16] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

enum { NL = 10, CR = 13, QUOTE = 34, COMMA = 44, SPACE = 32, TAB = 9, DOT = 46, MINUS = 45 };

/** The arguments of a `fast_fuzzy` call (all arrays in this module's memory). */
struct Job {
  const u8 *b;       /* the bytes; b[len] is a line break */
  int len;
  const int *pick;   /* field → column (−1: not wanted); field 0 is the id */
  int fields;
  int cols;
  const double *w;   /* leaf weights by column */
  int g;             /* grades */
  const int *up;     /* grade indices in ascending order of their scores */
  const double *gradeScore;
  double lo, hi, invGap;
  double *block;     /* cols doubles: one record's numbers */
  double *score;     /* out, per row */
  int *grade;
  int *idEnds;       /* out: end of each row's id in ids (cumulative) */
  u8 *ids;           /* out: the ids' bytes */
};

/** One fast record at p into block; returns the position after it and the id's [s, e), or −1. */
static inline __attribute__((always_inline)) int fast_record(const struct Job *j, int p, int *idS, int *idE) {
  const u8 *b = j->b;
  const int *pick = j->pick;
  double *block = j->block;
  const int last = j->fields - 1;
  const int s = p;
  u8 c = b[p];
  if (c == SPACE || c == TAB) return -1;
  while (c != COMMA && c != NL && c != QUOTE && c != CR) c = b[++p];
  if (c != COMMA) return -1;
  const int e = p;
  if (e > s && (b[e - 1] == SPACE || b[e - 1] == TAB)) return -1;
  for (int field = 1; field <= last; field++) {
    c = b[++p];
    const int k = pick[field];
    if (k < 0) {
      while (c != COMMA && c != NL && c != QUOTE) c = b[++p];
      if (c == QUOTE) return -1;
    } else {
      const int neg = c == MINUS;
      if (neg) c = b[++p];
      u64 mant = 0; /* exact while digits ≤ 15 (the only values used) */
      int digits = 0;
      while ((unsigned)(c - 48) < 10) {
        mant = mant * 10 + (c - 48);
        digits++;
        c = b[++p];
      }
      int frac = 0;
      if (c == DOT) {
        c = b[++p];
        while ((unsigned)(c - 48) < 10) {
          mant = mant * 10 + (c - 48);
          frac++;
          c = b[++p];
        }
        digits += frac;
      }
      if (digits == 0 || digits > 15) return -1;
      const double v = frac == 0 ? (double)mant : (double)mant / POW10[frac];
      block[k] = neg ? -v : v;
    }
    if (field < last) {
      if (c != COMMA) return -1;
    } else if (c == CR) {
      if (b[++p] != NL) return -1;
    } else if (c != NL) return -1;
  }
  *idS = s;
  *idE = e;
  return p + 1;
}

/** The record's memberships (ascending grades, in loc) → score and grade of row `at`; returns cells off [lo, hi]. */
static inline __attribute__((always_inline)) int evaluate_row(const struct Job *j, int at) {
  double loc[32];
  double bb[32];
  const int g = j->g, top = g - 1, inner = g - 2;
  const double lo = j->lo, hi = j->hi, invGap = j->invGap;
  int off = 0;
  for (int k = 0; k < g; k++) loc[k] = 0;
  for (int c = 0; c < j->cols; c++) {
    const double wj = j->w[c];
    const double s = j->block[c];
    if (wj == 0) {
      if (!(s >= lo && s <= hi)) off++;
      continue;
    }
    if (!(s > lo)) {
      if (s != lo) off++;
      loc[0] += wj;
    } else if (s >= hi) {
      if (s != hi) off++;
      loc[top] += wj;
    } else {
      const double pos = (s - lo) * invGap;
      int t = (int)pos;
      if (t > inner) t = inner;
      const double u = pos - t;
      loc[t] += wj * (1 - u);
      loc[t + 1] += wj * u;
    }
  }
  for (int k = 0; k < g; k++) bb[j->up[k]] = loc[k];
  double sc = 0;
  int best = 0;
  for (int k = 0; k < g; k++) {
    sc += bb[k] * j->gradeScore[k];
    if (bb[k] > bb[best] + 1e-15) best = k;
  }
  j->score[at] = sc;
  j->grade[at] = best;
  return off;
}

/**
 * Fast records from state[0] while they come and fewer than state[1] rows are read; results from
 * row 0 of score, grade, idEnds and ids. Out: state[0] the position after the last fast record,
 * state[2] rows, state[3] id bytes, state[4] cells off [lo, hi] (zero-weight columns too).
 */
__attribute__((export_name("fast_fuzzy"))) void fast_fuzzy(const u8 *b, int len, const int *pick, int fields, int cols,
                                                          const double *w, int g, const int *up, const double *gradeScore,
                                                          double lo, double hi, double invGap, double *block, double *score,
                                                          int *grade, int *idEnds, u8 *ids, int *state) {
  const struct Job job = {b, len, pick, fields, cols, w, g, up, gradeScore, lo, hi, invGap, block, score, grade, idEnds, ids};
  const struct Job *j = &job;
  int p = state[0], rows = 0, idLen = 0, off = 0;
  const int maxRows = state[1];
  int s, e;
  while (p < len && rows < maxRows) {
    const int q = fast_record(j, p, &s, &e);
    if (q < 0) break;
    for (int i = s; i < e; i++) ids[idLen++] = b[i];
    idEnds[rows] = idLen;
    off += evaluate_row(j, rows);
    rows++;
    p = q;
  }
  state[0] = p;
  state[2] = rows;
  state[3] = idLen;
  state[4] = off;
}

/** Where the caller's arrays may start: the module's memory above its stack and data. */
__attribute__((export_name("heap_base"))) int heap_base(void) {
  extern u8 __heap_base;
  return (int)&__heap_base;
}
