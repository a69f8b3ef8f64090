/* fuzz_structured.c: the pipeline harness (fuzz.h) with mutations that keep
 * the input valid-looking Python, so that they get past the parser and into
 * the evaluator, the shape rules and the emitters:
 *   - a line copied, moved, swapped or deleted, re-indented to its new place;
 *   - lines spliced from another input of the corpus (the cross-over),
 *     re-indented in the same way: layers, statements and helpers move
 *     between model files;
 *   - an identifier replaced by a name qgen knows (every module, function,
 *     method and parameter name of torch.def, read from op_table) or by
 *     another identifier of the same file;
 *   - a number replaced by an interesting one (0, 1, -1, 2**31, ...);
 *   - an operator replaced by another;
 *   - an identifier wrapped in a call of a torch function or method;
 *   - a new layer (self.fzN = nn.NAME(...)) in __init__ and its call in
 *     forward;
 *   - now and then, libFuzzer's own byte mutation of one line. */
#include "fuzz.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  fuzz_compile(fuzz_source("fuzz.py", data, size), NULL);
  return 0;
}

/* ------------------------------------------------------------ words */
static const char **words;
static int nwords;
static const char **modules;   /* nn.Module names */
static int nmodules;
static const char **calls;     /* "torch.NAME", "F.NAME", ".NAME" (methods) */
static int ncalls;

static void add(const char ***v, int *n, const char *s) {
  static int cap[3];
  int k = v == &words ? 0 : v == &modules ? 1 : 2;
  if (*n == cap[k]) {
    cap[k] = cap[k] ? cap[k] * 2 : 256;
    *v = realloc(*v, sizeof **v * (size_t)cap[k]);
  }
  (*v)[(*n)++] = s;
}

static char *dup_printf(const char *fmt, const char *a, const char *b) {
  size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  snprintf(s, n, fmt, a, b);
  return s;
}

static void words_init(void) {
  if (words)
    return;
  fuzz_init();
  for (int i = 0; i < OP_COUNT; i++) {
    const OpDef *op = &op_table[i];
    if (!op->name || !*op->name)
      continue;
    add(&words, &nwords, op->name);
    for (int k = 0; k < op->nparams; k++)
      add(&words, &nwords, strdup(op->pname[k]));
    if (op->kind == OK_NN_MODULE)
      add(&modules, &nmodules, op->name);
    else if (op->kind == OK_FUNCTION && op->ns && !strcmp(op->ns, "torch"))
      add(&calls, &ncalls, dup_printf("torch.%s%s", op->name, ""));
    else if (op->kind == OK_FUNCTION && op->ns && !strcmp(op->ns, "torch.nn.functional"))
      add(&calls, &ncalls, dup_printf("F.%s%s", op->name, ""));
    else if (op->kind == OK_METHOD)
      add(&calls, &ncalls, dup_printf(".%s%s", op->name, ""));
  }
  static const char *py[] = {"self", "x", "y", "out", "range", "len", "for", "in", "if", "else", "return", "None",
                             "True", "False", "lambda", "def", "class", "super", "__init__", "forward", "nn",
                             "torch", "F", "append", "ModuleList", "Sequential", "zip", "enumerate", "isinstance",
                             "getattr", "setattr", "list", "tuple", "dict", "int", "float", "str", "min", "max"};
  for (size_t i = 0; i < sizeof py / sizeof *py; i++)
    add(&words, &nwords, py[i]);
}

/* ------------------------------------------------------------ text */
typedef struct {
  const char *s;
  size_t n;
} Line;

static unsigned rnd_state;
static unsigned rnd(unsigned n) {
  rnd_state = rnd_state * 1103515245u + 12345u;
  return n ? (rnd_state >> 8) % n : 0;
}

static int split(const uint8_t *data, size_t size, Line *out, int max) {
  int n = 0;
  size_t i = 0;
  while (i < size && n < max) {
    size_t j = i;
    while (j < size && data[j] != '\n')
      j++;
    out[n++] = (Line){(const char *)data + i, j - i};
    i = j + 1;
  }
  return n;
}

static size_t indent_of(Line l) {
  size_t k = 0;
  while (k < l.n && (l.s[k] == ' ' || l.s[k] == '\t'))
    k++;
  return k;
}

typedef struct {
  uint8_t *p;
  size_t n, max;
  bool full;
} Out;

static void put(Out *o, const char *s, size_t n) {
  if (o->n + n > o->max) {
    o->full = true;
    n = o->max - o->n;
  }
  memcpy(o->p + o->n, s, n);
  o->n += n;
}

/* line l with the indentation of line at (what it becomes at its new place) */
static void put_reindented(Out *o, Line l, Line at) {
  put(o, at.s, indent_of(at));
  size_t k = indent_of(l);
  put(o, l.s + k, l.n - k);
  put(o, "\n", 1);
}

static bool is_id0(int c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_id(int c) { return is_id0(c) || (c >= '0' && c <= '9'); }

/* The k-th token of class cls in line l (0 identifiers, 1 numbers, 2 operators): its span. */
static bool token(Line l, int cls, unsigned pick, size_t *b, size_t *e) {
  size_t cand[256][2];
  unsigned n = 0;
  for (size_t i = indent_of(l); i < l.n && n < 256;) {
    if (l.s[i] == '#')
      break;
    size_t j = i;
    int c;
    if (is_id0((unsigned char)l.s[i])) {
      while (j < l.n && is_id((unsigned char)l.s[j]))
        j++;
      c = 0;
    } else if (l.s[i] >= '0' && l.s[i] <= '9') {
      while (j < l.n && (is_id((unsigned char)l.s[j]) || l.s[j] == '.'))
        j++;
      c = 1;
    } else if (strchr("+-*/%@<>=&|^", l.s[i])) {
      while (j < l.n && strchr("+-*/%@<>=&|^", l.s[j]))
        j++;
      c = 2;
    } else {
      i++;
      continue;
    }
    if (c == cls) {
      cand[n][0] = i;
      cand[n][1] = j;
      n++;
    }
    i = j;
  }
  if (!n)
    return false;
  pick %= n;
  *b = cand[pick][0];
  *e = cand[pick][1];
  return true;
}

static const char *numbers[] = {"0", "1", "2", "3", "-1", "4", "7", "8", "16", "32", "64", "255", "256", "1024",
                                "0.5", "1e-5", "2**31", "2**31 - 1", "2**63 - 1", "-2**63", "65536", "100000"};
static const char *operators[] = {"+", "-", "*", "/", "//", "%", "**", "@", "==", "<", ">=", "+=", "*=", "="};

enum { MAXL = 4096 };

/* Mutate lines L[0..n) into o; false when the mutation did not apply. */
static bool mutate_lines(Line *L, int n, Out *o, uint8_t *scratch, size_t scratch_max) {
  if (n == 0)
    return false;
  int a = (int)rnd((unsigned)n), b = (int)rnd((unsigned)n);
  unsigned what = rnd(9);
  size_t tb, te;
  const char *repl = NULL;
  char buf[256];
  if (what == 3 && !token(L[a], 0, rnd(64), &tb, &te))
    return false;
  if (what == 4 && !token(L[a], 1, rnd(64), &tb, &te))
    return false;
  if (what == 5 && !token(L[a], 2, rnd(64), &tb, &te))
    return false;
  if (what == 6 && !token(L[a], 0, rnd(64), &tb, &te))
    return false;
  if (what == 3) {
    if (rnd(3) == 0) {   /* another identifier of the same file */
      int c = (int)rnd((unsigned)n);
      size_t ob, oe;
      if (!token(L[c], 0, rnd(64), &ob, &oe) || oe - ob >= sizeof buf)
        return false;
      memcpy(buf, L[c].s + ob, oe - ob);
      buf[oe - ob] = 0;
      repl = buf;
    } else
      repl = words[rnd((unsigned)nwords)];
  } else if (what == 4)
    repl = numbers[rnd(sizeof numbers / sizeof *numbers)];
  else if (what == 5)
    repl = operators[rnd(sizeof operators / sizeof *operators)];
  /* the layer to add (what == 7): after line a in __init__, a call at line b */
  int init_at = -1, fwd_at = -1;
  const char *mod = NULL;
  if (what == 7) {
    for (int i = 0; i < n; i++) {
      if (init_at < 0 && memmem(L[i].s, L[i].n, "super().__init__", 16))
        init_at = i;
      if (memmem(L[i].s, L[i].n, "def forward", 11))
        fwd_at = i;
    }
    if (init_at < 0 || fwd_at < 0 || fwd_at + 1 >= n)
      return false;
    mod = modules[rnd((unsigned)nmodules)];
  }
  for (int i = 0; i < n; i++) {
    switch (what) {
    case 0:   /* copy line a before line b */
      if (i == b)
        put_reindented(o, L[a], L[b]);
      break;
    case 1:   /* delete line a */
      if (i == a)
        continue;
      break;
    case 2:   /* swap lines a and b */
      if (i == a) {
        put_reindented(o, L[b], L[a]);
        continue;
      }
      if (i == b) {
        put_reindented(o, L[a], L[b]);
        continue;
      }
      break;
    case 3: case 4: case 5:   /* replace a token */
      if (i == a) {
        put(o, L[i].s, tb);
        put(o, repl, strlen(repl));
        put(o, L[i].s + te, L[i].n - te);
        put(o, "\n", 1);
        continue;
      }
      break;
    case 6:   /* wrap an identifier in a call */
      if (i == a) {
        const char *f = calls[rnd((unsigned)ncalls)];
        put(o, L[i].s, tb);
        if (f[0] == '.') {
          put(o, L[i].s + tb, te - tb);
          put(o, f, strlen(f));
          put(o, "()", 2);
        } else {
          put(o, f, strlen(f));
          put(o, "(", 1);
          put(o, L[i].s + tb, te - tb);
          put(o, ")", 1);
        }
        put(o, L[i].s + te, L[i].n - te);
        put(o, "\n", 1);
        continue;
      }
      break;
    case 7:
      if (i == init_at + 1) {
        static const char *argsets[] = {"", "3", "8, 8", "8, 8, 3", "8, 8, 3, padding=1", "16, 16, 1", "2",
                                        "8", "1, 1", "(2, 2)", "8, 16, 3, stride=2"};
        int m = snprintf(buf, sizeof buf, "self.fz%u = nn.%s(%s)", rnd(8), mod,
                         argsets[rnd(sizeof argsets / sizeof *argsets)]);
        put_reindented(o, (Line){buf, (size_t)m}, L[i]);
      }
      if (i == fwd_at + 1) {
        int m = snprintf(buf, sizeof buf, "x = self.fz%u(x)", rnd(8));
        put_reindented(o, (Line){buf, (size_t)m}, L[i]);
      }
      break;
    case 8: {   /* libFuzzer's bytes, on line a only */
      if (i == a && L[i].n < scratch_max / 2) {
        memcpy(scratch, L[i].s, L[i].n);
        size_t m = LLVMFuzzerMutate(scratch, L[i].n, scratch_max / 2);
        put(o, (const char *)scratch, m);
        put(o, "\n", 1);
        continue;
      }
      break;
    }
    }
    put(o, L[i].s, L[i].n);
    put(o, "\n", 1);
  }
  return !o->full;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
  static Line L[MAXL];
  static uint8_t tmp[1 << 20], scratch[1 << 16];
  words_init();
  rnd_state = seed;
  if (size > sizeof tmp || max_size > sizeof tmp)
    return LLVMFuzzerMutate(data, size, max_size);
  memcpy(tmp, data, size);
  int n = split(tmp, size, L, MAXL);
  for (int tries = 0; tries < 8; tries++) {
    Out o = {data, 0, max_size, false};
    if (mutate_lines(L, n, &o, scratch, sizeof scratch))
      return o.n;
  }
  memcpy(data, tmp, size);
  return LLVMFuzzerMutate(data, size, max_size);
}

/* Lines [b, e) of the second input, in place of (or before) line i of the
 * first, re-indented to line i's indentation. */
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
                                 size_t max_out, unsigned int seed) {
  static Line L1[MAXL], L2[MAXL];
  rnd_state = seed;
  int n1 = split(d1, s1, L1, MAXL), n2 = split(d2, s2, L2, MAXL);
  if (!n1 || !n2)
    return 0;
  int i = (int)rnd((unsigned)n1), b = (int)rnd((unsigned)n2), e = b + 1 + (int)rnd(6);
  if (e > n2)
    e = n2;
  bool replace = rnd(2);
  Out o = {out, 0, max_out, false};
  for (int k = 0; k < n1; k++) {
    if (k == i) {
      /* the block keeps its own relative indentation under line i's */
      size_t base = indent_of(L2[b]);
      for (int j = b; j < e; j++) {
        size_t ind = indent_of(L2[j]);
        put(&o, L1[k].s, indent_of(L1[k]));
        if (ind > base)
          put(&o, L2[j].s + base, ind - base);
        put(&o, L2[j].s + ind, L2[j].n - ind);
        put(&o, "\n", 1);
      }
      if (replace)
        continue;
    }
    put(&o, L1[k].s, L1[k].n);
    put(&o, "\n", 1);
  }
  return o.full ? 0 : o.n;
}
