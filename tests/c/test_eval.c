/* tests/c/test_eval.c: unit tests of the evaluator (eval.c), the tracer
 * (trace.c), the graph printers (graph.c) and the lowering (lower.c,
 * memory.c), driven through qgen.h on small Python sources held as C
 * strings. Prints TAP; exits 1 if a test failed.
 *
 * Each test runs the pipeline of main.c: source_from_string, parse_source,
 * interp_new, interp_exec_module, then either calls the source's f() and
 * compares repr() of its result (expected values: what CPython 3.11 prints
 * for the same source), or picks the model class, instantiates it, traces
 * forward() and prints the graph with emit_fx/emit_table/emit_json. Expected
 * FX texts marked so were printed by real torch.fx (PyTorch 1.13, through
 * tests/fx_reference.py) and pasted here.
 *
 * Errors are caught through error_trap; stderr is captured around every run
 * so that a test can check the diagnostic "FILE:LINE:COL: error: MESSAGE",
 * the quoted source line and the caret under the column.
 *
 * A sanitizer report printed during a run would land in the captured stderr:
 * TEST_EVAL_NO_CAPTURE=1 lets it through (the error tests then fail).
 *
 * Tests marked TODO are known bugs of src/ (TAP "# TODO": they do not count
 * as failures; once the bug is fixed they pass and the TODO should go). */
#include "qgen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- TAP */
static int ntests, nfailed, ntodo_failed;
static const char *todo;   /* non-NULL: the current test is a known bug */

static void diag_text(const char *label, const char *text) {
  printf("# %s:\n", label);
  const char *s = text;
  if (!*s) {
    printf("#   (empty)\n");
    return;
  }
  while (*s) {
    size_t n = strcspn(s, "\n");
    printf("#   %.*s\n", (int)n, s);
    s += n;
    if (*s == '\n')
      s++;
  }
}

static bool ok(bool cond, const char *desc) {
  ntests++;
  printf("%s %d - %s", cond ? "ok" : "not ok", ntests, desc);
  if (todo)
    printf(" # TODO known bug: %s", todo);
  putchar('\n');
  if (!cond) {
    if (todo)
      ntodo_failed++;
    else
      nfailed++;
  }
  return cond;
}

/* Where two texts first differ, as a diagnostic, then both texts. */
static void diag_diff(const char *want, const char *got) {
  int line = 1;
  const char *w = want, *g = got;
  while (*w && *w == *g) {
    if (*w == '\n')
      line++;
    w++, g++;
  }
  printf("# first difference at line %d\n", line);
  diag_text("expected", want);
  diag_text("got", got);
}

/* ---------------------------------------------------- capturing stderr */
static FILE *capture_file;
static int saved_stderr = -1;

static void capture_start(void) {
  fflush(stdout);
  fflush(stderr);
  if (getenv("TEST_EVAL_NO_CAPTURE"))
    return;   /* let sanitizer reports through (the error tests then fail) */
  capture_file = tmpfile();
  saved_stderr = dup(2);
  if (!capture_file || saved_stderr < 0 || dup2(fileno(capture_file), 2) < 0) {
    perror("test_eval: cannot capture stderr");
    exit(99);
  }
}

static const char *capture_stop(void) {
  fflush(stderr);
  if (!capture_file)
    return "";
  dup2(saved_stderr, 2);
  close(saved_stderr);
  Buf b = {0};
  char chunk[4096];
  size_t n;
  rewind(capture_file);
  while ((n = fread(chunk, 1, sizeof chunk, capture_file)) > 0)
    buf_putn(&b, chunk, n);
  fclose(capture_file);
  capture_file = NULL;
  return buf_str(&b);
}

/* ------------------------------------------------------------- running */
/* SHAPES: "name shape" for each node, "; "-separated: "x [1, 1, 28, 28]; size = 1; ..."
 * LOWERED: the quantization plan and the lowering run too (Result.prog);
 * the output is each arena buffer, "; "-separated: "x 0+784; conv1_scratch 832+4992; ..." */
typedef enum { CALL_F, EMIT_FX, EMIT_TABLE, EMIT_JSON, SHAPES, LOWERED } Mode;

typedef struct {
  const char *path;          /* default "test.py" */
  const char *cls;           /* like --class */
  const char *args[4];       /* like --arg: "NAME=VALUE" */
  int shape[5];              /* like --input-shape: default 1,1,28,28 */
} Opts;

typedef struct {
  bool ok;                   /* no error */
  const char *out;           /* repr(f()) or the printed graph */
  const char *err;           /* everything written to stderr */
  Graph *graph;
  Program *prog;             /* LOWERED */
} Result;

static void shapes(Buf *b, Graph *g) {
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    buf_printf(b, "%s%s", i ? "; " : "", n->name);
    if (n->is_tensor) {
      buf_puts(b, " [");
      for (int k = 0; k < n->ndim; k++)
        buf_printf(b, "%s%d", k ? ", " : "", n->shape[k]);
      buf_putc(b, ']');
    } else if (n->part_len) {   /* chunk, split: ([..], [..]) */
      buf_puts(b, " (");
      for (int p = 0; p < n->nparts; p++) {
        buf_puts(b, p ? ", [" : "[");
        for (int k = 0; k < n->ndim; k++)
          buf_printf(b, "%s%d", k ? ", " : "", k == n->part_dim ? n->part_len[p] : n->shape[k]);
        buf_putc(b, ']');
      }
      buf_puts(b, n->nparts == 1 ? ",)" : ")");
    } else if (n->const_value) {
      buf_puts(b, " = ");
      v_repr(b, n->const_value);
    }
  }
}

static void buffers(Buf *b, const Program *p) {
  for (int i = 0; i < p->nbuffers; i++) {
    const Buffer *x = &p->buffers[i];
    buf_printf(b, "%s%s%s %lld+%lld", i ? "; " : "", x->value ? x->value->node->name : x->scratch_of->node->name,
               x->value ? "" : "_scratch", (long long)x->offset, (long long)x->bytes);
  }
}

/* Static, so that what a run sets before an error longjmps is still there. */
static Result R;
static Parsed *parsed;

static Result run(Mode mode, const char *text, const Opts *opts) {
  static const Opts none;
  static const Opts *o;
  o = opts ? opts : &none;
  memset(&R, 0, sizeof R);
  R.out = "";
  parsed = NULL;
  jmp_buf jb;
  capture_start();
  error_trap = &jb;
  if (setjmp(jb) == 0) {
    Source *src = source_from_string(o->path ? o->path : "test.py", text);
    parsed = parse_source(src);
    Interp *in = interp_new(parsed, NULL);
    interp_exec_module(in);
    Buf b = {0};
    Loc start = loc_of_byte(src, 0);
    if (mode == CALL_F) {
      Value *f = interp_global(in, "f");
      if (!f)
        error_at(start, "the test's source defines no f()");
      v_repr(&b, call_value(in, f, NULL, 0, NULL, start));
    } else {
      ClassDef *cls = find_model_class(in, o->cls);
      ModelOptions mo = {0};
      for (int i = 0; i < 4 && o->args[i]; i++) {
        const char *eq = strchr(o->args[i], '=');
        mo.arg_names[mo.nargs] = arena_strndup(o->args[i], (size_t)(eq - o->args[i]));
        mo.arg_values[mo.nargs++] = eq + 1;
      }
      Value *model = instantiate_model(in, cls, &mo);
      static const int mnist[5] = {1, 1, 28, 28};
      const int *shape = o->shape[0] ? o->shape : mnist;
      int ndim = 0;
      while (ndim < 5 && shape[ndim])
        ndim++;
      R.graph = trace_forward(in, model, shape, ndim, node_loc(src, cls->node));
      if (mode == EMIT_FX)
        emit_fx(&b, R.graph);
      else if (mode == EMIT_TABLE)
        emit_table(&b, R.graph);
      else if (mode == EMIT_JSON)
        emit_json(&b, R.graph);
      else if (mode == LOWERED) {
        pass_quantize_plan(R.graph);
        R.prog = lower(R.graph, 8);
        buffers(&b, R.prog);
      } else
        shapes(&b, R.graph);
    }
    R.out = buf_str(&b);
    R.ok = true;
  }
  error_trap = NULL;
  R.err = capture_stop();
  parse_free(parsed);
  parsed = NULL;
  return R;
}

/* ---------------------------------------------------------------- checks */
/* The run succeeded, printed nothing on stderr, and its output is want. */
static bool check_output(const char *desc, Result r, const char *want) {
  bool good = r.ok && !strcmp(r.out, want) && !*r.err;
  if (!ok(good, desc)) {
    if (!r.ok)
      diag_text("unexpected error", r.err);
    else if (strcmp(r.out, want))
      diag_diff(want, r.out);
    else
      diag_text("unexpected stderr", r.err);
  }
  return good;
}

static bool contains(const char *hay, const char *needle) { return strstr(hay, needle) != NULL; }

/* The line'th line of text (1-based), without its newline. */
static const char *nth_line(const char *text, int line) {
  const char *s = text;
  for (int i = 1; i < line && s; i++) {
    s = strchr(s, '\n');
    if (s)
      s++;
  }
  if (!s)
    return "";
  return arena_strndup(s, strcspn(s, "\n"));
}

/* The run failed with exactly one diagnostic: "PATH:LINE:COL: error: ..."
 * containing msg, then source line LINE, then a caret under COL. */
static bool check_error(const char *desc, Result r, const char *text, int line, int col, const char *msg) {
  const char *prefix = format("test.py:%d:%d: error: ", line, col);
  const char *l1 = nth_line(r.err, 1), *l2 = nth_line(r.err, 2), *l3 = nth_line(r.err, 3);
  Buf caret = {0};
  for (int i = 1; i < col; i++)
    buf_putc(&caret, nth_line(text, line)[i - 1] == '\t' ? '\t' : ' ');
  buf_putc(&caret, '^');
  bool good = !r.ok && !strncmp(l1, prefix, strlen(prefix)) && contains(l1, msg) &&
              !strcmp(l2, nth_line(text, line)) && !strcmp(l3, buf_str(&caret)) && !*nth_line(r.err, 4);
  if (!ok(good, desc)) {
    if (r.ok)
      diag_text("no error; output was", r.out);
    else
      printf("# wanted \"%s...%s...\", the source line and a caret\n", prefix, msg);
    diag_text("stderr", r.err);
  }
  return good;
}

/* Lines 1-8 of most sources below; the test's own lines start at 9. */
#define NET_HEAD                                                   \
  "import torch\n"                    /* 1 */                      \
  "import torch.nn as nn\n"           /* 2 */                      \
  "import torch.nn.functional as F\n" /* 3 */                      \
  "\n"                                /* 4 */                      \
  "\n"                                /* 5 */                      \
  "class Net(nn.Module):\n"           /* 6 */                      \
  "    def __init__(self):\n"         /* 7 */                      \
  "        super().__init__()\n"      /* 8 */

/* ------------------------------------------------------- expression tests */
/* f()'s repr, as CPython 3.11 prints it for the same source (generated once
 * with /usr/bin/python3 and pasted), unless noted. */
static const struct {
  const char *desc, *src, *want, *todo;
} exprs[] = {
  {"arithmetic: 5*5*40 and precedence",
     "def f():\n"
     "    return (5*5*40, 2 + 3 * 4 - 1, (2 + 3) * 4, -2 ** 2, 7 - -3)\n",
     "(1000, 13, 20, -4, 10)", NULL},
  {"// and % follow Python's floor semantics with negatives",
     "def f():\n"
     "    return (-7 // 2, 7 // -2, -7 % 3, 7 % -3, -7 % -3, -7.5 % 2, -7.0 // 2, 7 % -3.0)\n",
     "(-4, -4, 2, -2, -1, 0.5, -4.0, -2.0)", NULL},
  {"** on ints and floats",
     "def f():\n"
     "    return (2 ** 10, 2 ** -1, 2 ** 0.5, (-2) ** 3, 0 ** 0, 10 ** -2)\n",
     "(1024, 0.5, 1.4142135623730951, -8, 1, 0.01)", NULL},
  {"true division gives floats",
     "def f():\n"
     "    return (10 / 4, 9 / 3, 1 / 3, 5 // 0.5)\n",
     "(2.5, 3.0, 0.3333333333333333, 10.0)", NULL},
  {"float repr is Python's shortest round-trip repr",
     "def f():\n"
     "    return (1e-05, 0.1, 0.1 + 0.2, 1e16, 1e15, 1.0, -0.0, 5e-324, 1e-4, 1.5e-7, 1e22, 123456789.0 * 10, 12345678901234567.0)\n",
     "(1e-05, 0.1, 0.30000000000000004, 1e+16, 1000000000000000.0, 1.0, -0.0, 5e-324, 0.0001, 1.5e-07, 1e+22, 1234567890.0, 1.2345678901234568e+16)", NULL},
  {"int/float mixing and bool arithmetic",
     "def f():\n"
     "    return (True + True, 5 - True, 2 * 3.5, -True, ~5, 1 == 1.0, float(3), float(True))\n",
     "(2, 4, 7.0, -1, -6, True, 3.0, 1.0)", NULL},
  {"comparison chains",
     "def f():\n"
     "    return (1 < 2 < 3, 3 > 2 > 2, 1 < 2 > 0 != 5, 1 < 2 < 3 < 2, 3 > 2 == True, 'a' < 'b', 2 <= 2.0 >= 1)\n",
     "(True, False, True, False, False, True, True)", NULL},
  {"comparison chain short-circuits (right operand never evaluated)",
     "def f():\n"
     "    return 0 > 1 < undefined_name\n",
     "False", NULL},
  {"in / not in / is / is not",
     "def f():\n"
     "    return (2 not in (1, 2), 3 in [1, 3], 'b' in 'abc', 'k' in {'k': 1}, None is None, 1 is not None, (1, 2) == [1, 2])\n",
     "(False, True, True, True, True, True, False)", NULL},
  {"and/or return an operand",
     "def f():\n"
     "    return (0 or 'a', '' and 1, [] or [], 2 and 3, None or 0, 1 and [] or 'x')\n",
     "('a', '', [], 3, 0, 'x')", NULL},
  {"and/or short-circuit",
     "def f():\n"
     "    return (0 and 1 / 0, 1 or 1 / 0, False and undefined_name)\n",
     "(0, 1, False)", NULL},
  {"not",
     "def f():\n"
     "    return (not [], not 0, not 'x', not (1,), not None)\n",
     "(True, True, False, False, True)", NULL},
  {"conditional expression",
     "def f():\n"
     "    return ('x' if [] else 'y', 1 if 2 else 3, 'a' if 0 else 'b' if 1 else 'c')\n",
     "('y', 1, 'b')", NULL},
  {"tuple and list building",
     "def f():\n"
     "    return ((1,), (), [[]] * 2, (1, 2) + (3,), [1] + [2], tuple([1]), list((1, 2)), [0] * 3, 2 * (7,), (1, *[2, 3]), [*'ab'])\n",
     "((1,), (), [[], []], (1, 2, 3), [1, 2], (1,), [1, 2], [0, 0, 0], (7, 7), (1, 2, 3), ['a', 'b'])", NULL},
  {"indexing and slicing",
     "def f():\n"
     "    return ([1, 2, 3][-1], [1, 2, 3, 4][::-1], [1, 2, 3, 4, 5][1:4:2], [1, 2, 3][-4:], [1, 2, 3, 4][-1:0:-1], (1, 2, 3)[1:], [1, 2, 3][1:1], 'abc'[-1], [1, 2, 3][-1::-2])\n",
     "(3, [4, 3, 2, 1], [2, 4], [1, 2, 3], [4, 3, 2], (2, 3), [], 'c', [3, 1])", NULL},
  {"a negative-step slice starting at len(seq)",
     "def f():\n"
     "    return ([1, 2, 3][3::-1], [1, 2, 3, 4][4::-1], [1, 2][2::-1], [1, 2, 3][5::-1])\n",
     "([3, 2, 1], [4, 3, 2, 1], [2, 1], [3, 2, 1])", NULL},
  {"list append/extend/insert/pop and item assignment",
     "def f():\n"
     "    l = [3, 1, 2]\n"
     "    l.insert(1, 9)\n"
     "    l.insert(-1, 8)\n"
     "    l.insert(100, 7)\n"
     "    l.insert(-100, 6)\n"
     "    a = l.pop()\n"
     "    b = l.pop(0)\n"
     "    c = l.pop(-2)\n"
     "    l.extend((4, 5))\n"
     "    l.append([0])\n"
     "    l += [1]\n"
     "    l[0] = -1\n"
     "    return (l, a, b, c)\n",
     "([-1, 9, 1, 2, 4, 5, [0], 1], 7, 6, 8)", NULL},
  {"assignment targets: chained, starred, nested, swap",
     "def f():\n"
     "    a = b = [1]\n"
     "    a.append(2)\n"
     "    x, *y = (1, 2, 3)\n"
     "    *p, q = 'abc'\n"
     "    (m, n), o = (1, 2), 3\n"
     "    m, n = n, m\n"
     "    return (b, x, y, p, q, m, n, o)\n",
     "([1, 2], 1, [2, 3], ['a', 'b'], 'c', 2, 1, 3)", NULL},
  {"augmented assignment operators",
     "def f():\n"
     "    x = 5\n"
     "    x //= 2\n"
     "    x **= 3\n"
     "    x -= 1\n"
     "    x *= 2\n"
     "    x %= 7\n"
     "    t = (1,)\n"
     "    t += (2,)\n"
     "    return (x, t)\n",
     "(0, (1, 2))", NULL},
  {"dict literal, item assignment, keys/values/items/get",
     "def f():\n"
     "    d = {'a': 1}\n"
     "    d['b'] = [2]\n"
     "    return [d, list(d.keys()), list(d.values()), list(d.items()), 'a' in d, d.get('z'), d.get('z', 3), d['b']]\n",
     "[{'a': 1, 'b': [2]}, ['a', 'b'], [1, [2]], [('a', 1), ('b', [2])], True, None, 3, [2]]", NULL},
  {"*args and **kwargs: packing, unpacking, keyword-only, defaults",
     "def g(a, b=2, *args, c, d=4, **kw):\n"
     "    return (a, b, args, c, d, kw)\n"
     "\n"
     "def f():\n"
     "    return [g(1, 2, 3, c=5, e=6), g(1, c=0), g(*[1, 2], **{'c': 3, 'd': 9}), g(*(7,), c=8, *(9,))]\n",
     "[(1, 2, (3,), 5, 4, {'e': 6}), (1, 2, (), 0, 4, {}), (1, 2, (), 3, 9, {}), (7, 9, (), 8, 4, {})]", NULL},
  {"keyword arguments in any order, positional-only marker, defaults see globals",
     "K = 10\n"
     "\n"
     "def g(a, /, b, *, c=K + 1):\n"
     "    return (a, b, c)\n"
     "\n"
     "def h(x, y):\n"
     "    return (x, y)\n"
     "\n"
     "def f():\n"
     "    return (g(1, b=2), g(1, 2, c=0), h(y=1, x=2))\n",
     "((1, 2, 11), (1, 2, 0), (2, 1))", NULL},
  {"closures see the enclosing scope at call time",
     "X = 3\n"
     "\n"
     "def f():\n"
     "    X = 4\n"
     "    def h(k=1):\n"
     "        return X * k\n"
     "    r = h()\n"
     "    X = 5\n"
     "    return (r, h(2))\n",
     "(4, 10)", NULL},
  {"for/else, break, continue, while",
     "def f():\n"
     "    t = 0\n"
     "    for i in range(10):\n"
     "        if i % 2:\n"
     "            continue\n"
     "        if i > 6:\n"
     "            break\n"
     "        t += i\n"
     "    else:\n"
     "        t = -1\n"
     "    r = []\n"
     "    for i in range(2):\n"
     "        pass\n"
     "    else:\n"
     "        r.append('else')\n"
     "    k = 0\n"
     "    while k < 5:\n"
     "        k += 2\n"
     "    return (t, k, r, i)\n",
     "(12, 6, ['else'], 1)", NULL},
  {"if/elif/else chains",
     "def sign(x):\n"
     "    if x > 0:\n"
     "        return 1\n"
     "    elif x == 0:\n"
     "        return 0\n"
     "    elif x > -10:\n"
     "        return -1\n"
     "    else:\n"
     "        return -10\n"
     "\n"
     "def f():\n"
     "    return [sign(v) for v in (5, 0, -3, -20)]\n",
     "[1, 0, -1, -10]", NULL},
  {"range, enumerate, zip",
     "def f():\n"
     "    return (list(range(4)), list(range(10, 0, -3)), list(range(-5)), list(range(2, 5)), list(enumerate('ab')), list(enumerate([7], 1)), list(zip([1, 2], [3, 4, 5])), list(zip('ab', (1, 2), [True, None])))\n",
     "([0, 1, 2, 3], [10, 7, 4, 1], [], [2, 3, 4], [(0, 'a'), (1, 'b')], [(1, 7)], [(1, 3), (2, 4)], [('a', 1, True), ('b', 2, None)])", NULL},
  {"list comprehensions with filters, nesting and unpacking",
     "def f():\n"
     "    return ([x * x for x in range(5) if x % 2], [i for i in range(3) for j in range(i)], [(i, j) for i, j in zip('ab', [1, 2])], [[c] * n for n, c in enumerate('xy')])\n",
     "([1, 9], [1, 2, 2], [('a', 1), ('b', 2)], [[], ['y']])", NULL},
  {"comprehension variables do not leak",
     "def f():\n"
     "    i = 'kept'\n"
     "    l = [i for i in range(3)]\n"
     "    return (l, i)\n",
     "([0, 1, 2], 'kept')", NULL},
  {"int()",
     "def f():\n"
     "    return (int(-3.9), int(7.99), int('42'), int(' -5 '), int(True), int(-0.5), int(), int(2.5) == 2.0)\n",
     "(-3, 7, 42, -5, 1, 0, 0, True)", NULL},
  {"round() rounds half to even",
     "def f():\n"
     "    return (round(0.5), round(1.5), round(2.5), round(-2.5), round(3.5), round(-0.5), round(0.125, 2), round(0.375, 2), round(1.005, 2), round(5))\n",
     "(0, 2, 2, -2, 4, 0, 0.12, 0.38, 1.0, 5)", NULL},
  {"max() and min()",
     "def f():\n"
     "    return (max(3, 9, 2), min([4, 1, 8]), max(1, 2.0), max(2, 2.0), min(2.0, 2), max([1, 5, 3]), min('b', 'a'), max(-1, -2))\n",
     "(9, 1, 2.0, 2, 2.0, 5, 'a', -1)", NULL},
  {"len(), abs(), sum(), bool()",
     "def f():\n"
     "    return (len((1, 2)), len([]), len('abc'), len({'a': 1, 'b': 2}), abs(-3), abs(-2.5), sum([1, 2, 3]), sum([0.5, 1]), sum([[1], [2]], []), bool([]), bool(0.0), bool('x'))\n",
     "(2, 0, 3, 2, 3, 2.5, 6, 1.5, [1, 2], False, False, True)", NULL},
  {"isinstance() on builtin types",
     "def f():\n"
     "    return (isinstance(True, int), isinstance(1.0, (int, float)), isinstance([], tuple), isinstance((), tuple), isinstance([], list), isinstance(1, float), isinstance(2, (list, (bool, int))))\n",
     "(True, True, False, True, True, False, True)", NULL},
  {"isinstance() on user classes and torch.nn modules",
     "import torch.nn as nn\n"
     "\n"
     "class A(nn.Module):\n"
     "    pass\n"
     "\n"
     "class B(A):\n"
     "    pass\n"
     "\n"
     "class C:\n"
     "    pass\n"
     "\n"
     "def f():\n"
     "    b = B()\n"
     "    conv = nn.Conv2d(1, 1, 1)\n"
     "    return (isinstance(b, A), isinstance(b, B), isinstance(A(), B), isinstance(b, nn.Module), isinstance(b, nn.Conv2d),\n"
     "            isinstance(conv, nn.Conv2d), isinstance(conv, nn.Module), isinstance(conv, nn.Linear), isinstance(C(), nn.Module), isinstance(b, (int, A)))\n",
     "(True, True, False, True, False, True, True, False, False, True)", NULL},
  {"getattr() with a default, hasattr(), setattr() on modules",
     "import torch.nn as nn\n"
     "\n"
     "class M(nn.Module):\n"
     "    def __init__(self):\n"
     "        super().__init__()\n"
     "        self.k = 3\n"
     "\n"
     "def f():\n"
     "    m = M()\n"
     "    setattr(m, 'j', 4)\n"
     "    return (getattr(m, 'k'), getattr(m, 'nope', 7), getattr(m, 'j', 0), hasattr(m, 'k'), hasattr(m, 'nope'), getattr(nn.ReLU(), 'inplace', 5))\n",
     "(3, 7, 4, True, False, False)", NULL},
  {"torch.nn module hyperparameters read as PyTorch normalizes them",
     "import torch.nn as nn\n"
     "\n"
     "def f():\n"
     "    c = nn.Conv2d(3, 8, 3, padding=1)\n"
     "    s = nn.Sequential(nn.ReLU(), nn.Linear(3, 4))\n"
     "    return (c.kernel_size, c.padding, c.stride, c.out_channels, nn.MaxPool2d(2).stride, s[-1].in_features, len(s), nn.ReLU(True).inplace, c.training)\n",
     "((3, 3), (1, 1), (1, 1), 8, 2, 3, 2, True, True)", NULL},
  {"class attributes, inheritance and overriding",
     "class A:\n"
     "    n = 2\n"
     "    m = n * 3\n"
     "    def __init__(self, k):\n"
     "        self.k = k * self.n\n"
     "    def get(self):\n"
     "        return self.k + self.m\n"
     "\n"
     "class B(A):\n"
     "    n = 5\n"
     "\n"
     "def f():\n"
     "    return (B(3).k, A(3).k, B.n, B.m, B(1).get(), A.n)\n",
     "(15, 6, 5, 6, 11, 2)", NULL},
  {"user __init__ chain: super() and super(Cls, self)",
     "class A:\n"
     "    def __init__(self, x):\n"
     "        self.x = x\n"
     "\n"
     "class B(A):\n"
     "    def __init__(self, x):\n"
     "        super().__init__(x + 1)\n"
     "        self.y = 2\n"
     "\n"
     "class C(B):\n"
     "    def __init__(self):\n"
     "        super(C, self).__init__(10)\n"
     "        self.z = self.x * self.y\n"
     "\n"
     "def f():\n"
     "    c = C()\n"
     "    return (c.x, c.y, c.z)\n",
     "(11, 2, 22)", NULL},
  {"module-level constants are evaluated lazily, in any order, only when used",
     "WIDTH = BASE * 2\n"
     "BASE = 4\n"
     "UNUSED = undefined_name + 1\n"
     "LAYERS = [WIDTH] * 2\n"
     "if __name__ == '__main__':\n"
     "    main()\n"
     "\n"
     "def f():\n"
     "    return (WIDTH, LAYERS, BASE)\n",
     /* not Python's semantics: qgen's lazy module constants */
     "(8, [8, 8], 4)", NULL},
  {"recursion that terminates",
     "def fact(n):\n"
     "    return 1 if n <= 1 else n * fact(n - 1)\n"
     "\n"
     "def f():\n"
     "    return fact(20)\n",
     "2432902008176640000", NULL},
  {"integer literals: hex, octal, binary, underscores",
     "def f():\n"
     "    return (0x1f, 0o17, 0b101, 1_000, 0XFF, 0O7, 0B11)\n",
     "(31, 15, 5, 1000, 255, 7, 3)", NULL},
  {"float literals with underscores",
     "def f():\n"
     "    return (1_000.5, 1_0e1_0)\n",
     "(1000.5, 100000000000.0)", NULL},
  {"string escape sequences",
     "def f():\n"
     "    return (len('a\\tb'), 'x\\ny', len('\\\\'), '\\'', len(r'\\n'), 'a' 'b')\n",
     "(3, 'x\\ny', 1, \"'\", 2, 'ab')", NULL},
  {"round(int, ndigits) returns an int",
     "def f():\n"
     "    return (round(7, 0), round(1234, -2))\n",
     "(7, 1200)", NULL},
  {"round(x, ndigits) is correctly rounded (2.675 is 2.67499999...)",
     "def f():\n"
     "    return (round(2.675, 2), round(-7.45, 1), round(1.0005, 3))\n",
     "(2.67, -7.5, 1.0)", NULL},
  {"dict equality compares contents",
     "def f():\n"
     "    return ({'a': 1} == {'a': 1}, {'a': 1} != {'a': 2})\n",
     "(True, True)", NULL},
  {"a module-level name rebound in terms of its old value",
     "N = 1\n"
     "N = N + 1\n"
     "\n"
     "def f():\n"
     "    return N\n",
     "2", NULL},
  /* The Python that real model files run (issue 7); each expected value is
   * what CPython 3.11 (with torch 1.13 for the last two) printed for repr(f()). */
  {"decorators with arguments, applied bottom up; staticmethod, classmethod and cls()",
     "calls = []\n"
     "\n"
     "def tag(name):\n"
     "    def deco(fn):\n"
     "        calls.append(name)\n"
     "        return fn\n"
     "    return deco\n"
     "\n"
     "class P:\n"
     "    scale = 3\n"
     "    def __init__(self, v):\n"
     "        self.v = v\n"
     "    @classmethod\n"
     "    def make(cls, v):\n"
     "        return cls(v * cls.scale)\n"
     "    @staticmethod\n"
     "    def twice(x):\n"
     "        return 2 * x\n"
     "    @property\n"
     "    def half(self):\n"
     "        return self.v // 2\n"
     "\n"
     "@tag(\"outer\")\n"
     "@tag(\"inner\")\n"
     "def g(x):\n"
     "    return x + 1\n"
     "\n"
     "def f():\n"
     "    p = P.make(4)\n"
     "    return (g(1), calls, p.v, P.twice(5), p.twice(6), p.half)\n",
     "(2, ['inner', 'outer'], 12, 10, 12, 6)", NULL},
  {"enums: members, .name and .value, aliases, a class method on the enum, iteration",
     "from enum import Enum\n"
     "\n"
     "class Color(Enum):\n"
     "    RED = 1\n"
     "    GREEN = (2, \"g\")\n"
     "    DEFAULT = RED\n"
     "\n"
     "    @classmethod\n"
     "    def verify(cls, obj):\n"
     "        if obj is not None and not isinstance(obj, cls):\n"
     "            raise TypeError(\"no\")\n"
     "        return obj\n"
     "\n"
     "def f():\n"
     "    return (Color.RED.name, Color.RED.value, Color.GREEN.value, Color.DEFAULT is Color.RED, Color.DEFAULT.name,\n"
     "            Color.verify(None), Color.verify(Color.GREEN).name, [c.name for c in Color], isinstance(Color.RED, Color))\n",
     "('RED', 1, (2, 'g'), True, 'RED', None, 'GREEN', ['RED', 'GREEN'], True)", NULL},
  {"dataclasses: fields from annotations, defaults, inheritance with a subclass __init__ calling super()",
     "from dataclasses import dataclass, field\n"
     "import math\n"
     "\n"
     "@dataclass\n"
     "class Conf:\n"
     "    expand: float\n"
     "    kernel: int\n"
     "    block: object = None\n"
     "    extra: list = field(default_factory=list)\n"
     "\n"
     "    @staticmethod\n"
     "    def adjust(c, m):\n"
     "        return int(math.ceil(c * m))\n"
     "\n"
     "class MConf(Conf):\n"
     "    def __init__(self, expand, kernel, width_mult=1.0):\n"
     "        kernel = self.adjust(kernel, width_mult)\n"
     "        super().__init__(expand, kernel)\n"
     "\n"
     "def f():\n"
     "    a = Conf(1.5, 3, block=\"b\")\n"
     "    m = MConf(6, 5, width_mult=1.25)\n"
     "    return (a.expand, a.kernel, a.block, a.extra, m.kernel, m.block, isinstance(m, Conf))\n",
     "(1.5, 3, 'b', [], 7, None, True)", NULL},
  {"functools.partial with keyword overrides, and of a class; a partial of a partial",
     "from functools import partial\n"
     "\n"
     "class Norm:\n"
     "    def __init__(self, n, eps=1e-5, momentum=0.1):\n"
     "        self.args = (n, eps, momentum)\n"
     "\n"
     "def f():\n"
     "    p = partial(Norm, eps=0.001, momentum=0.01)\n"
     "    q = partial(p, momentum=0.5)\n"
     "    add = partial(lambda a, b, c=0: a + b + c, 10)\n"
     "    return (p(16).args, q(8).args, add(1), add(1, c=100))\n",
     "((16, 0.001, 0.01), (8, 0.001, 0.5), 11, 111)", NULL},
  {"collections: OrderedDict keeps order, namedtuple indexes, unpacks and names its fields",
     "from collections import OrderedDict, namedtuple\n"
     "\n"
     "Out = namedtuple(\"Out\", [\"logits\", \"aux2\", \"aux1\"])\n"
     "\n"
     "def f():\n"
     "    d = OrderedDict([(\"b\", 1), (\"a\", 2)])\n"
     "    d[\"c\"] = 3\n"
     "    o = Out(1, None, 3)\n"
     "    x, y, z = o\n"
     "    return (list(d.keys()), o.logits, o[2], x, y, z, len(o))\n",
     "(['b', 'a', 'c'], 1, 3, 1, None, 3, 3)", NULL},
  {"typed *args and **kwargs forwarded through several calls; keyword-only parameters",
     "from typing import Any\n"
     "\n"
     "def inner(a, b=2, *, c=3, **rest):\n"
     "    return (a, b, c, sorted(rest.items()))\n"
     "\n"
     "def middle(*args: Any, **kwargs: Any):\n"
     "    return inner(*args, **kwargs)\n"
     "\n"
     "def outer(x, **kwargs):\n"
     "    kwargs[\"c\"] = 30\n"
     "    return middle(x, **kwargs)\n"
     "\n"
     "def f():\n"
     "    return (middle(1), middle(1, 5, c=7, z=9), outer(4, b=8, q=1))\n",
     "((1, 2, 3, []), (1, 5, 7, [('z', 9)]), (4, 8, 30, [('q', 1)]))", NULL},
  {"defaults are evaluated once, when the def runs (a mutable default is shared)",
     "K = 1\n"
     "\n"
     "def g(x, acc=[], k=K):\n"
     "    acc.append(x)\n"
     "    return (len(acc), k)\n"
     "\n"
     "def f():\n"
     "    g(1)\n"
     "    return g(2)\n",
     "(2, 1)", NULL},
  {"f-strings, % formatting and str.format",
     "def f():\n"
     "    i, name, r = 3, \"layer\", 0.125\n"
     "    return (f\"block{i + 1}-{name}\", f\"{r:.2f}|{i:03d}|{name!r}|{r}\", \"denselayer%d\" % (i + 1),\n"
     "            \"%s_%02d %.1f %r\" % (name, 7, 2.25, \"x\"), \"{}-{:>4}-{name}\".format(1, \"ab\", name=\"n\"))\n",
     "('block4-layer', \"0.12|003|'layer'|0.125\", 'denselayer4', \"layer_07 2.2 'x'\", '1-  ab-n')", NULL},
  {"string methods",
     "def f():\n"
     "    s = \"efficientnet_b0\"\n"
     "    return (s.startswith(\"efficientnet_b\"), s.startswith((\"a\", \"eff\")), s.endswith(\"b0\"), s.replace(\"_\", \"-\"),\n"
     "            \"a b  c\".split(), \"a,b,,c\".split(\",\"), \"-\".join([\"x\", \"y\"]), s.upper(), \"  p \".strip(), s.find(\"net\"))\n",
     "(True, True, True, 'efficientnet-b0', ['a', 'b', 'c'], ['a', 'b', '', 'c'], 'x-y', 'EFFICIENTNET_B0', 'p', 9)", NULL},
  {"generator expressions, all, any, set, next, iter, zip, enumerate, sorted, reversed",
     "def f():\n"
     "    xs = [3, 1, 2, 3]\n"
     "    it = iter(xs)\n"
     "    first = next(it)\n"
     "    return (sum(x * 2 for x in xs), all(x > 0 for x in xs), any(x > 2 for x in xs), len(set(xs)), first, next(it),\n"
     "            next(iter([]), \"empty\"), list(zip(xs, \"abcd\")), [i for i, _ in enumerate(xs) if i], sorted(xs),\n"
     "            sorted(xs, reverse=True), list(reversed(xs)), {k: v for k, v in zip(\"ab\", xs)}, {x % 2 for x in xs} == {0, 1})\n",
     "(18, True, True, 3, 3, 1, 'empty', [(3, 'a'), (1, 'b'), (2, 'c'), (3, 'd')], [1, 2, 3], [1, 2, 3, 3], [3, 3, 2, 1], [3, 2, 1, 3], {'a': 3, 'b': 1}, True)", NULL},
  {"try/except runs the handler on an error, else and finally; raise in a branch not taken",
     "def risky(n):\n"
     "    if n < 0:\n"
     "        raise ValueError(\"negative\")\n"
     "    return n\n"
     "\n"
     "def f():\n"
     "    out = []\n"
     "    try:\n"
     "        out.append(risky(-1))\n"
     "    except ValueError:\n"
     "        out.append(\"caught\")\n"
     "    try:\n"
     "        out.append(risky(2))\n"
     "    except (TypeError, ValueError) as e:\n"
     "        out.append(\"no\")\n"
     "    else:\n"
     "        out.append(\"else\")\n"
     "    finally:\n"
     "        out.append(\"finally\")\n"
     "    assert len(out) == 4, \"four\"\n"
     "    return out\n",
     "['caught', 2, 'else', 'finally']", NULL},
  {"dict and list methods: pop, update, setdefault, {**d}, [*xs], copy",
     "def f():\n"
     "    d = {\"a\": 1, \"b\": 2}\n"
     "    p = d.pop(\"a\")\n"
     "    miss = d.pop(\"zz\", None)\n"
     "    d.update({\"c\": 3}, e=5)\n"
     "    d.setdefault(\"b\", 99)\n"
     "    e = {**d, \"f\": 6}\n"
     "    xs = [1, 2]\n"
     "    ys = [*xs, 3, *xs]\n"
     "    zs = ys.copy()\n"
     "    zs.reverse()\n"
     "    return (p, miss, d, e, ys, zs, ys.index(3), ys.count(2))\n",
     "(1, None, {'b': 2, 'c': 3, 'e': 5}, {'b': 2, 'c': 3, 'e': 5, 'f': 6}, [1, 2, 3, 1, 2], [2, 1, 3, 2, 1], 2, 2)", NULL},
  {"math, copy.copy of an object, copy.deepcopy of lists",
     "import copy\n"
     "import math\n"
     "\n"
     "class C:\n"
     "    def __init__(self):\n"
     "        self.v = [1]\n"
     "        self.w = 2\n"
     "\n"
     "def f():\n"
     "    a = C()\n"
     "    b = copy.copy(a)\n"
     "    b.w = 5\n"
     "    l = [[1], [2]]\n"
     "    m = copy.deepcopy(l)\n"
     "    m[0].append(9)\n"
     "    return (math.ceil(2.1), math.floor(-2.1), math.sqrt(16), round(math.log(100, 10), 6), round(math.log(math.e), 6),\n"
     "            a.w, b.w, a.v is b.v, l, m, math.pi > 3)\n",
     "(3, -3, 4.0, 2.0, 1.0, 2, 5, True, [[1], [2]], [[1, 9], [2]], True)", NULL},
  {"lambda, sorted with a key, map and filter",
     "def f():\n"
     "    sq = lambda x: x * x\n"
     "    pairs = [(\"b\", 2), (\"a\", 3), (\"c\", 1)]\n"
     "    return (sq(7), sorted(pairs, key=lambda p: p[1]), list(map(sq, [1, 2, 3])), list(filter(lambda x: x % 2, range(6))))\n",
     "(49, [('c', 1), ('b', 2), ('a', 3)], [1, 4, 9], [1, 3, 5])", NULL},
  {"nn.ModuleDict, modules(), named_modules(), children(), and nn.init on parameters",
     "import torch.nn as nn\n"
     "\n"
     "class Block(nn.ModuleDict):\n"
     "    def __init__(self, n):\n"
     "        super().__init__()\n"
     "        for i in range(n):\n"
     "            self.add_module(\"layer%d\" % (i + 1), nn.Conv2d(4, 4, 3, bias=i == 0))\n"
     "\n"
     "class Net(nn.Module):\n"
     "    def __init__(self):\n"
     "        super().__init__()\n"
     "        self.block = Block(2)\n"
     "        self.head = nn.Sequential(nn.ReLU(), nn.Linear(4, 2))\n"
     "        for m in self.modules():\n"
     "            if isinstance(m, nn.Conv2d):\n"
     "                nn.init.kaiming_normal_(m.weight, mode=\"fan_out\", nonlinearity=\"relu\")\n"
     "                if m.bias is not None:\n"
     "                    nn.init.constant_(m.bias, 0)\n"
     "            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):\n"
     "                nn.init.constant_(m.weight, 1)\n"
     "\n"
     "def f():\n"
     "    n = Net()\n"
     "    return ([k for k, _ in n.block.items()], [name for name, _ in n.named_modules()], len(list(n.children())),\n"
     "            type(n.block[\"layer2\"]).__name__, n.block.layer1.bias is None, n.block.layer2.bias is None, n.training)\n",
     "(['layer1', 'layer2'], ['', 'block', 'block.layer1', 'block.layer2', 'head', 'head.0', 'head.1'], 2, 'Conv2d', False, True, True)", NULL},
  {"constant tensors in __init__: RegNet's block widths",
     "import math\n"
     "import torch\n"
     "\n"
     "def f(depth=22, w_0=24, w_a=24.48, w_m=2.54, QUANT=8):\n"
     "    widths_cont = torch.arange(depth) * w_a + w_0\n"
     "    block_capacity = torch.round(torch.log(widths_cont / w_0) / math.log(w_m))\n"
     "    block_widths = (torch.round(torch.divide(w_0 * torch.pow(w_m, block_capacity), QUANT)) * QUANT).int().tolist()\n"
     "    splits = [w != wp for w, wp in zip(block_widths + [0], [0] + block_widths)]\n"
     "    depths = torch.diff(torch.tensor([d for d, t in enumerate(splits) if t])).int().tolist()\n"
     "    rates = [round(x.item(), 6) for x in torch.linspace(0, 0.2, 5)]\n"
     "    return (block_widths, depths, rates)\n",
     "([24, 64, 64, 152, 152, 152, 152, 152, 152, 152, 392, 392, 392, 392, 392, 392, 392, 392, 392, 392, 392, 392], [1, 2, 7, 12], [0.0, 0.05, 0.1, 0.15, 0.2])", NULL},

};

static void test_exprs(void) {
  for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++) {
    todo = exprs[i].todo;
    check_output(exprs[i].desc, run(CALL_F, exprs[i].src, NULL), exprs[i].want);
    todo = NULL;
  }
}

/* ---------------------------------------------------------- model sources */
static const char seed_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "\n"
  "class Net(nn.Module):\n"
  "\n"
  "    def __init__(self, num_channels=1):\n"
  "        super(Net, self).__init__()\n"
  "        self.conv1 = nn.Conv2d(num_channels, 40, 3, 1)\n"
  "        self.conv2 = nn.Conv2d(40, 40, 3, 1, groups=20)\n"
  "        self.fc = nn.Linear(5*5*40, 10)\n"
  "\n"
  "    def forward(self, x):\n"
  "        x = F.relu(self.conv1(x))\n"
  "        x = F.max_pool2d(x, 2, 2)\n"
  "        x = F.relu(self.conv2(x))\n"
  "        x = F.max_pool2d(x, 2, 2)\n"
  "        x = x.view(-1, 5*5*40)\n"
  "        x = self.fc(x)\n"
  "        return x\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char seed_fx[] =
  "Net(\n"
  "  (conv1): Conv2d(1, 40, kernel_size=(3, 3), stride=(1, 1))\n"
  "  (conv2): Conv2d(40, 40, kernel_size=(3, 3), stride=(1, 1), groups=20)\n"
  "  (fc): Linear(in_features=1000, out_features=10, bias=True)\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    conv1 = self.conv1(x);  x = None\n"
  "    relu = torch.nn.functional.relu(conv1, inplace = False);  conv1 = None\n"
  "    max_pool2d = torch.nn.functional.max_pool2d(relu, 2, stride = 2, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  relu = None\n"
  "    conv2 = self.conv2(max_pool2d);  max_pool2d = None\n"
  "    relu_1 = torch.nn.functional.relu(conv2, inplace = False);  conv2 = None\n"
  "    max_pool2d_1 = torch.nn.functional.max_pool2d(relu_1, 2, stride = 2, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  relu_1 = None\n"
  "    view = max_pool2d_1.view(-1, 1000);  max_pool2d_1 = None\n"
  "    fc = self.fc(view);  view = None\n"
  "    return fc\n"
  "    \n";

static const char resblock_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "\n"
  "class Bottleneck(nn.Module):\n"
  "    expansion = 4\n"
  "\n"
  "    def __init__(self, planes, stride=1):\n"
  "        super(Bottleneck, self).__init__()\n"
  "        width = planes // self.expansion\n"
  "        self.conv1 = nn.Conv2d(planes, width, kernel_size=1, bias=False)\n"
  "        self.bn1 = nn.BatchNorm2d(width, eps=1e-3)\n"
  "        self.conv2 = nn.Conv2d(width, planes, 3, stride, padding=1, bias=False)\n"
  "        self.relu = nn.ReLU(inplace=True)\n"
  "\n"
  "    def forward(self, x):\n"
  "        out = self.relu(self.bn1(self.conv1(x)))\n"
  "        out = self.conv2(out)\n"
  "        return self.relu(out + x)\n"
  "\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self, blocks=2, num_classes=10):\n"
  "        super().__init__()\n"
  "        self.layer1 = nn.Sequential(*[Bottleneck(8) for _ in range(blocks)])\n"
  "        self.pool = nn.AdaptiveAvgPool2d((1, 1))\n"
  "        self.fc = nn.Linear(8 * Bottleneck.expansion // 4, num_classes)\n"
  "\n"
  "    def forward(self, input):\n"
  "        x = self.layer1(input)\n"
  "        x = self.pool(x)\n"
  "        x = x.view(x.size(0), -1)\n"
  "        return self.fc(x)\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char resblock_fx[] =
  "Net(\n"
  "  (layer1): Module(\n"
  "    (0): Module(\n"
  "      (conv1): Conv2d(8, 2, kernel_size=(1, 1), stride=(1, 1), bias=False)\n"
  "      (bn1): BatchNorm2d(2, eps=0.001, momentum=0.1, affine=True, track_running_stats=True)\n"
  "      (relu): ReLU(inplace=True)\n"
  "      (conv2): Conv2d(2, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
  "    )\n"
  "    (1): Module(\n"
  "      (conv1): Conv2d(8, 2, kernel_size=(1, 1), stride=(1, 1), bias=False)\n"
  "      (bn1): BatchNorm2d(2, eps=0.001, momentum=0.1, affine=True, track_running_stats=True)\n"
  "      (relu): ReLU(inplace=True)\n"
  "      (conv2): Conv2d(2, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
  "    )\n"
  "  )\n"
  "  (pool): AdaptiveAvgPool2d(output_size=(1, 1))\n"
  "  (fc): Linear(in_features=8, out_features=10, bias=True)\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, input):\n"
  "    input_1 = input\n"
  "    layer1_0_conv1 = getattr(self.layer1, \"0\").conv1(input_1)\n"
  "    layer1_0_bn1 = getattr(self.layer1, \"0\").bn1(layer1_0_conv1);  layer1_0_conv1 = None\n"
  "    layer1_0_relu = getattr(self.layer1, \"0\").relu(layer1_0_bn1);  layer1_0_bn1 = None\n"
  "    layer1_0_conv2 = getattr(self.layer1, \"0\").conv2(layer1_0_relu);  layer1_0_relu = None\n"
  "    add = layer1_0_conv2 + input_1;  layer1_0_conv2 = input_1 = None\n"
  "    layer1_0_relu_1 = getattr(self.layer1, \"0\").relu(add);  add = None\n"
  "    layer1_1_conv1 = getattr(self.layer1, \"1\").conv1(layer1_0_relu_1)\n"
  "    layer1_1_bn1 = getattr(self.layer1, \"1\").bn1(layer1_1_conv1);  layer1_1_conv1 = None\n"
  "    layer1_1_relu = getattr(self.layer1, \"1\").relu(layer1_1_bn1);  layer1_1_bn1 = None\n"
  "    layer1_1_conv2 = getattr(self.layer1, \"1\").conv2(layer1_1_relu);  layer1_1_relu = None\n"
  "    add_1 = layer1_1_conv2 + layer1_0_relu_1;  layer1_1_conv2 = layer1_0_relu_1 = None\n"
  "    layer1_1_relu_1 = getattr(self.layer1, \"1\").relu(add_1);  add_1 = None\n"
  "    pool = self.pool(layer1_1_relu_1);  layer1_1_relu_1 = None\n"
  "    size = pool.size(0)\n"
  "    view = pool.view(size, -1);  pool = size = None\n"
  "    fc = self.fc(view);  view = None\n"
  "    return fc\n"
  "    \n";

static const char mobile_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "BASE = 4\n"
  "WIDTH = BASE * 2\n"
  "SETTINGS = [\n"
  "    # t, c, n, s\n"
  "    (1, 4, 1, 1),\n"
  "    (2, 8, 2, 2),\n"
  "]\n"
  "\n"
  "\n"
  "def conv_bn(cin, cout, stride=1, *, relu=True, **kw):\n"
  "    layers = [nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout)]\n"
  "    if relu:\n"
  "        layers.append(nn.ReLU6(inplace=True))\n"
  "    layers.insert(0, nn.Identity())\n"
  "    layers.extend(kw.get('extra', []))\n"
  "    return nn.Sequential(*layers)\n"
  "\n"
  "\n"
  "class Stack(nn.Sequential):\n"
  "    def __init__(self, *mods):\n"
  "        super(Stack, self).__init__(*mods)\n"
  "\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self, num_classes=10, width_mult=1.0):\n"
  "        super().__init__()\n"
  "        cin = int(WIDTH * width_mult)\n"
  "        feats = [conv_bn(1, cin, 2)]\n"
  "        for t, c, n, s in SETTINGS:\n"
  "            for i in range(n):\n"
  "                feats.append(conv_bn(cin, c, s if i == 0 else 1, relu=t > 1, extra=[nn.Dropout(0.0)]))\n"
  "                cin = c\n"
  "        last = feats.pop()\n"
  "        feats.append(last)\n"
  "        self.features = Stack(*feats)\n"
  "        self.heads = nn.ModuleList([nn.Linear(cin, num_classes) for _ in range(2)])\n"
  "        self.act = getattr(nn, 'ReLU')()\n"
  "        self.scale = getattr(self, 'missing', 3)\n"
  "\n"
  "    def forward(self, x):\n"
  "        x = self.features(x)\n"
  "        x = F.adaptive_avg_pool2d(x, 1)\n"
  "        x = x.view(-1, self.heads[0].in_features)\n"
  "        outs = []\n"
  "        for i, h in enumerate(self.heads):\n"
  "            outs.append(self.act(h(x)))\n"
  "        return outs[0] + outs[1]\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char mobile_fx[] =
  "Net(\n"
  "  (features): Module(\n"
  "    (0): Module(\n"
  "      (0): Identity()\n"
  "      (1): Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n"
  "      (2): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
  "      (3): ReLU6(inplace=True)\n"
  "    )\n"
  "    (1): Module(\n"
  "      (0): Identity()\n"
  "      (1): Conv2d(8, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
  "      (2): BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
  "      (3): Dropout(p=0.0, inplace=False)\n"
  "    )\n"
  "    (2): Module(\n"
  "      (0): Identity()\n"
  "      (1): Conv2d(4, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n"
  "      (2): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
  "      (3): ReLU6(inplace=True)\n"
  "      (4): Dropout(p=0.0, inplace=False)\n"
  "    )\n"
  "    (3): Module(\n"
  "      (0): Identity()\n"
  "      (1): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n"
  "      (2): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
  "      (3): ReLU6(inplace=True)\n"
  "      (4): Dropout(p=0.0, inplace=False)\n"
  "    )\n"
  "  )\n"
  "  (heads): Module(\n"
  "    (0): Linear(in_features=8, out_features=10, bias=True)\n"
  "    (1): Linear(in_features=8, out_features=10, bias=True)\n"
  "  )\n"
  "  (act): ReLU()\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    features_0_0 = getattr(getattr(self.features, \"0\"), \"0\")(x);  x = None\n"
  "    features_0_1 = getattr(getattr(self.features, \"0\"), \"1\")(features_0_0);  features_0_0 = None\n"
  "    features_0_2 = getattr(getattr(self.features, \"0\"), \"2\")(features_0_1);  features_0_1 = None\n"
  "    features_0_3 = getattr(getattr(self.features, \"0\"), \"3\")(features_0_2);  features_0_2 = None\n"
  "    features_1_0 = getattr(getattr(self.features, \"1\"), \"0\")(features_0_3);  features_0_3 = None\n"
  "    features_1_1 = getattr(getattr(self.features, \"1\"), \"1\")(features_1_0);  features_1_0 = None\n"
  "    features_1_2 = getattr(getattr(self.features, \"1\"), \"2\")(features_1_1);  features_1_1 = None\n"
  "    features_1_3 = getattr(getattr(self.features, \"1\"), \"3\")(features_1_2);  features_1_2 = None\n"
  "    features_2_0 = getattr(getattr(self.features, \"2\"), \"0\")(features_1_3);  features_1_3 = None\n"
  "    features_2_1 = getattr(getattr(self.features, \"2\"), \"1\")(features_2_0);  features_2_0 = None\n"
  "    features_2_2 = getattr(getattr(self.features, \"2\"), \"2\")(features_2_1);  features_2_1 = None\n"
  "    features_2_3 = getattr(getattr(self.features, \"2\"), \"3\")(features_2_2);  features_2_2 = None\n"
  "    features_2_4 = getattr(getattr(self.features, \"2\"), \"4\")(features_2_3);  features_2_3 = None\n"
  "    features_3_0 = getattr(getattr(self.features, \"3\"), \"0\")(features_2_4);  features_2_4 = None\n"
  "    features_3_1 = getattr(getattr(self.features, \"3\"), \"1\")(features_3_0);  features_3_0 = None\n"
  "    features_3_2 = getattr(getattr(self.features, \"3\"), \"2\")(features_3_1);  features_3_1 = None\n"
  "    features_3_3 = getattr(getattr(self.features, \"3\"), \"3\")(features_3_2);  features_3_2 = None\n"
  "    features_3_4 = getattr(getattr(self.features, \"3\"), \"4\")(features_3_3);  features_3_3 = None\n"
  "    adaptive_avg_pool2d = torch.nn.functional.adaptive_avg_pool2d(features_3_4, 1);  features_3_4 = None\n"
  "    view = adaptive_avg_pool2d.view(-1, 8);  adaptive_avg_pool2d = None\n"
  "    heads_0 = getattr(self.heads, \"0\")(view)\n"
  "    act = self.act(heads_0);  heads_0 = None\n"
  "    heads_1 = getattr(self.heads, \"1\")(view);  view = None\n"
  "    act_1 = self.act(heads_1);  heads_1 = None\n"
  "    add = act + act_1;  act = act_1 = None\n"
  "    return add\n"
  "    \n";

static const char names_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.conv_1 = nn.ReLU()\n"
  "        self.conv_2 = nn.ReLU()\n"
  "        self.convA = nn.ReLU()\n"
  "        self.input = nn.ReLU()\n"
  "        self.max = nn.ReLU()\n"
  "        self.x_007 = nn.ReLU()\n"
  "        self.layers = nn.Sequential(nn.ReLU(), nn.Sequential(nn.ReLU()))\n"
  "    def forward(self, input):\n"
  "        x = self.conv_1(input)\n"
  "        x = self.conv_1(x)\n"
  "        x = self.conv_2(x)\n"
  "        x = self.convA(x)\n"
  "        x = self.input(x)\n"
  "        x = self.max(x)\n"
  "        x = self.x_007(x)\n"
  "        x = self.x_007(x)\n"
  "        x = self.layers(x)\n"
  "        s = x.size()\n"
  "        n = s[1] * 2 - 1\n"
  "        m = x.shape[2] // 2\n"
  "        x = x.view(s[0], n + 1 - m * 0, -1)\n"
  "        return x\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char names_fx[] =
  "Net(\n"
  "  (conv_1): ReLU()\n"
  "  (conv_2): ReLU()\n"
  "  (convA): ReLU()\n"
  "  (input): ReLU()\n"
  "  (max): ReLU()\n"
  "  (x_007): ReLU()\n"
  "  (layers): Module(\n"
  "    (0): ReLU()\n"
  "    (1): Module(\n"
  "      (0): ReLU()\n"
  "    )\n"
  "  )\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, input):\n"
  "    input_1 = input\n"
  "    conv_1 = self.conv_1(input_1);  input_1 = None\n"
  "    conv_2 = self.conv_1(conv_1);  conv_1 = None\n"
  "    conv_3 = self.conv_2(conv_2);  conv_2 = None\n"
  "    conv_a = self.convA(conv_3);  conv_3 = None\n"
  "    input_2 = self.input(conv_a);  conv_a = None\n"
  "    max_1 = self.max(input_2);  input_2 = None\n"
  "    x_7 = self.x_007(max_1);  max_1 = None\n"
  "    x_8 = self.x_007(x_7);  x_7 = None\n"
  "    layers_0 = getattr(self.layers, \"0\")(x_8);  x_8 = None\n"
  "    layers_1_0 = getattr(getattr(self.layers, \"1\"), \"0\")(layers_0);  layers_0 = None\n"
  "    size = layers_1_0.size()\n"
  "    getitem = size[1]\n"
  "    mul = getitem * 2;  getitem = None\n"
  "    sub = mul - 1;  mul = None\n"
  "    getattr_1 = layers_1_0.shape\n"
  "    getitem_1 = getattr_1[2];  getattr_1 = None\n"
  "    floordiv = getitem_1 // 2;  getitem_1 = None\n"
  "    getitem_2 = size[0];  size = None\n"
  "    add = sub + 1;  sub = None\n"
  "    mul_1 = floordiv * 0;  floordiv = None\n"
  "    sub_1 = add - mul_1;  add = mul_1 = None\n"
  "    view = layers_1_0.view(getitem_2, sub_1, -1);  layers_1_0 = getitem_2 = sub_1 = None\n"
  "    return view\n"
  "    \n";

static const char ops_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.a = nn.Conv2d(1, 2, 1)\n"
  "        self.b = nn.Conv2d(1, 3, 1)\n"
  "        self.bn = nn.BatchNorm2d(5, momentum=None)\n"
  "        self.ht = nn.Hardtanh(0.0, 6.0)\n"
  "        self.mp = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)\n"
  "        self.ap = nn.AvgPool2d(2)\n"
  "        self.fl = nn.Flatten()\n"
  "        self.fc = nn.Linear(45, 10, bias=False)\n"
  "        self.sig = nn.Sigmoid()\n"
  "    def forward(self, x: torch.Tensor) -> torch.Tensor:\n"
  "        y = torch.cat([self.a(x), self.b(x)], 1)\n"
  "        y = self.bn(y)\n"
  "        y = F.relu(y, inplace=True)\n"
  "        y = F.hardtanh(y, min_val=0.0, max_val=6.0)\n"
  "        y = self.ht(y)\n"
  "        y = F.avg_pool2d(y, 2, stride=1)\n"
  "        y = self.mp(y)\n"
  "        y = y.contiguous()\n"
  "        y = torch.relu(y)\n"
  "        y = y.relu()\n"
  "        y = F.sigmoid(y)\n"
  "        y = torch.sigmoid(y)\n"
  "        y = self.ap(y)\n"
  "        z = y.flatten(1)\n"
  "        z = z.reshape(z.size(0), -1)\n"
  "        z = F.relu6(z)\n"
  "        n = z.dim()\n"
  "        z = torch.add(z, 0.5)\n"
  "        z = z.add(z)\n"
  "        return self.sig(self.fc(self.fl(y) + z))\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char ops_fx[] =
  "Net(\n"
  "  (a): Conv2d(1, 2, kernel_size=(1, 1), stride=(1, 1))\n"
  "  (b): Conv2d(1, 3, kernel_size=(1, 1), stride=(1, 1))\n"
  "  (bn): BatchNorm2d(5, eps=1e-05, momentum=None, affine=True, track_running_stats=True)\n"
  "  (ht): Hardtanh(min_val=0.0, max_val=6.0)\n"
  "  (mp): MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=True)\n"
  "  (ap): AvgPool2d(kernel_size=2, stride=2, padding=0)\n"
  "  (fl): Flatten(start_dim=1, end_dim=-1)\n"
  "  (fc): Linear(in_features=45, out_features=10, bias=False)\n"
  "  (sig): Sigmoid()\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x : torch.Tensor) -> torch.Tensor:\n"
  "    a = self.a(x)\n"
  "    b = self.b(x);  x = None\n"
  "    cat = torch.cat([a, b], 1);  a = b = None\n"
  "    bn = self.bn(cat);  cat = None\n"
  "    relu = torch.nn.functional.relu(bn, inplace = True);  bn = None\n"
  "    hardtanh = torch.nn.functional.hardtanh(relu, min_val = 0.0, max_val = 6.0, inplace = False);  relu = None\n"
  "    ht = self.ht(hardtanh);  hardtanh = None\n"
  "    avg_pool2d = torch._C._nn.avg_pool2d(ht, 2, stride = 1);  ht = None\n"
  "    mp = self.mp(avg_pool2d);  avg_pool2d = None\n"
  "    contiguous = mp.contiguous();  mp = None\n"
  "    relu_1 = torch.relu(contiguous);  contiguous = None\n"
  "    relu_2 = relu_1.relu();  relu_1 = None\n"
  "    sigmoid = relu_2.sigmoid();  relu_2 = None\n"
  "    sigmoid_1 = torch.sigmoid(sigmoid);  sigmoid = None\n"
  "    ap = self.ap(sigmoid_1);  sigmoid_1 = None\n"
  "    flatten = ap.flatten(1)\n"
  "    size = flatten.size(0)\n"
  "    reshape = flatten.reshape(size, -1);  flatten = size = None\n"
  "    relu6 = torch.nn.functional.relu6(reshape, inplace = False);  reshape = None\n"
  "    dim = relu6.dim()\n"
  "    add = torch.add(relu6, 0.5);  relu6 = None\n"
  "    add_1 = add.add(add);  add = None\n"
  "    fl = self.fl(ap);  ap = None\n"
  "    add_2 = fl + add_1;  fl = add_1 = None\n"
  "    fc = self.fc(add_2);  add_2 = None\n"
  "    sig = self.sig(fc);  fc = None\n"
  "    return sig\n"
  "    \n";

static const char activations_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.hs = nn.Hardswish(inplace=True)\n"
  "        self.hsig = nn.Hardsigmoid()\n"
  "        self.silu = nn.SiLU(True)\n"
  "        self.mish = nn.Mish()\n"
  "        self.gelu = nn.GELU(approximate='tanh')\n"
  "        self.lrelu = nn.LeakyReLU(0.2, inplace=True)\n"
  "        self.lrelu0 = nn.LeakyReLU(0)\n"
  "        self.elu = nn.ELU()\n"
  "        self.tanh = nn.Tanh()\n"
  "        self.sm = nn.Softmax(dim=1)\n"
  "        self.lsm = nn.LogSoftmax()\n"
  "        self.d2 = nn.Dropout2d(0.2, True)\n"
  "        self.d3 = nn.Dropout3d()\n"
  "        self.ad = nn.AlphaDropout(0.1)\n"
  "        self.fad = nn.FeatureAlphaDropout()\n"
  "        self.shuffle = nn.ChannelShuffle(2)\n"
  "        self.up = nn.Upsample(scale_factor=2)\n"
  "        self.up2 = nn.Upsample(size=(6, 4), mode='bilinear', align_corners=False)\n"
  "        self.d1 = nn.Dropout1d(p=0.3)\n"
  "        self.bn = nn.BatchNorm1d(4)\n"
  "\n"
  "    def forward(self, x):\n"
  "        for name in [\"hs\", \"hsig\", \"silu\", \"mish\", \"gelu\", \"lrelu\", \"lrelu0\", \"elu\", \"tanh\", \"sm\", \"lsm\",\n"
  "                     \"d2\", \"d3\", \"ad\", \"fad\", \"shuffle\", \"up\", \"up2\"]:\n"
  "            x = getattr(self, name)(x)\n"
  "        x = F.hardswish(x)\n"
  "        x = F.hardsigmoid(x, inplace=True)\n"
  "        x = F.silu(x)\n"
  "        x = F.mish(x)\n"
  "        x = F.gelu(x)\n"
  "        x = F.gelu(x, approximate='tanh')\n"
  "        x = F.leaky_relu(x, 0.2)\n"
  "        x = F.elu(x, alpha=0.5)\n"
  "        x = F.tanh(x)\n"
  "        x = torch.tanh(x).tanh()\n"
  "        x = F.softmax(x, 1)\n"
  "        x = F.log_softmax(x, dim=-1)\n"
  "        x = torch.softmax(x, 1).softmax(dim=-1)\n"
  "        x = F.dropout2d(x, 0.1, training=self.training)\n"
  "        x = F.dropout3d(x)\n"
  "        x = F.alpha_dropout(x)\n"
  "        x = F.feature_alpha_dropout(x, 0.2)\n"
  "        x = F.channel_shuffle(x, 2)\n"
  "        x = torch.channel_shuffle(x, 4)\n"
  "        x = F.interpolate(x, scale_factor=(0.5, 1.5))\n"
  "        y = self.d1(x.flatten(2))\n"
  "        y = F.dropout1d(y)\n"
  "        return self.bn(y.mean(2))\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char activations_fx[] =
  "Net(\n"
  "  (hs): Hardswish()\n"
  "  (hsig): Hardsigmoid()\n"
  "  (silu): SiLU(inplace=True)\n"
  "  (mish): Mish()\n"
  "  (gelu): GELU(approximate='tanh')\n"
  "  (lrelu): LeakyReLU(negative_slope=0.2, inplace=True)\n"
  "  (lrelu0): LeakyReLU(negative_slope=0)\n"
  "  (elu): ELU(alpha=1.0)\n"
  "  (tanh): Tanh()\n"
  "  (sm): Softmax(dim=1)\n"
  "  (lsm): LogSoftmax(dim=None)\n"
  "  (d2): Dropout2d(p=0.2, inplace=True)\n"
  "  (d3): Dropout3d(p=0.5, inplace=False)\n"
  "  (ad): AlphaDropout(p=0.1, inplace=False)\n"
  "  (fad): FeatureAlphaDropout(p=0.5, inplace=False)\n"
  "  (shuffle): ChannelShuffle(groups=2)\n"
  "  (up): Upsample(scale_factor=2.0, mode=nearest)\n"
  "  (up2): Upsample(size=(6, 4), mode=bilinear)\n"
  "  (d1): Dropout1d(p=0.3, inplace=False)\n"
  "  (bn): BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    hs = self.hs(x);  x = None\n"
  "    hsig = self.hsig(hs);  hs = None\n"
  "    silu = self.silu(hsig);  hsig = None\n"
  "    mish = self.mish(silu);  silu = None\n"
  "    gelu = self.gelu(mish);  mish = None\n"
  "    lrelu = self.lrelu(gelu);  gelu = None\n"
  "    lrelu0 = self.lrelu0(lrelu);  lrelu = None\n"
  "    elu = self.elu(lrelu0);  lrelu0 = None\n"
  "    tanh = self.tanh(elu);  elu = None\n"
  "    sm = self.sm(tanh);  tanh = None\n"
  "    lsm = self.lsm(sm);  sm = None\n"
  "    d2 = self.d2(lsm);  lsm = None\n"
  "    d3 = self.d3(d2);  d2 = None\n"
  "    ad = self.ad(d3);  d3 = None\n"
  "    fad = self.fad(ad);  ad = None\n"
  "    shuffle = self.shuffle(fad);  fad = None\n"
  "    up = self.up(shuffle);  shuffle = None\n"
  "    up2 = self.up2(up);  up = None\n"
  "    hardswish = torch.nn.functional.hardswish(up2, inplace = False);  up2 = None\n"
  "    hardsigmoid = torch.nn.functional.hardsigmoid(hardswish, inplace = True);  hardswish = None\n"
  "    silu_1 = torch.nn.functional.silu(hardsigmoid, inplace = False);  hardsigmoid = None\n"
  "    mish_1 = torch.nn.functional.mish(silu_1, inplace = False);  silu_1 = None\n"
  "    gelu_1 = torch._C._nn.gelu(mish_1);  mish_1 = None\n"
  "    gelu_2 = torch._C._nn.gelu(gelu_1, approximate = 'tanh');  gelu_1 = None\n"
  "    leaky_relu = torch.nn.functional.leaky_relu(gelu_2, negative_slope = 0.2, inplace = False);  gelu_2 = None\n"
  "    elu_1 = torch.nn.functional.elu(leaky_relu, alpha = 0.5, inplace = False);  leaky_relu = None\n"
  "    tanh_1 = elu_1.tanh();  elu_1 = None\n"
  "    tanh_2 = torch.tanh(tanh_1);  tanh_1 = None\n"
  "    tanh_3 = tanh_2.tanh();  tanh_2 = None\n"
  "    softmax = torch.nn.functional.softmax(tanh_3, dim = 1, _stacklevel = 3, dtype = None);  tanh_3 = None\n"
  "    log_softmax = torch.nn.functional.log_softmax(softmax, dim = -1, _stacklevel = 3, dtype = None);  softmax = None\n"
  "    softmax_1 = torch.softmax(log_softmax, 1);  log_softmax = None\n"
  "    softmax_2 = softmax_1.softmax(dim = -1);  softmax_1 = None\n"
  "    dropout2d = torch.nn.functional.dropout2d(softmax_2, p = 0.1, training = False, inplace = False);  softmax_2 = None\n"
  "    dropout3d = torch.nn.functional.dropout3d(dropout2d, p = 0.5, training = True, inplace = False);  dropout2d = None\n"
  "    alpha_dropout = torch.nn.functional.alpha_dropout(dropout3d, p = 0.5, training = False, inplace = False);  dropout3d = None\n"
  "    feature_alpha_dropout = torch.nn.functional.feature_alpha_dropout(alpha_dropout, p = 0.2, training = False, inplace = False);  alpha_dropout = None\n"
  "    channel_shuffle = torch.channel_shuffle(feature_alpha_dropout, 2);  feature_alpha_dropout = None\n"
  "    channel_shuffle_1 = torch.channel_shuffle(channel_shuffle, 4);  channel_shuffle = None\n"
  "    interpolate = torch.nn.functional.interpolate(channel_shuffle_1, size = None, scale_factor = (0.5, 1.5), mode = 'nearest', align_corners = None, recompute_scale_factor = None, antialias = False);  channel_shuffle_1 = None\n"
  "    flatten = interpolate.flatten(2);  interpolate = None\n"
  "    d1 = self.d1(flatten);  flatten = None\n"
  "    dropout1d = torch.nn.functional.dropout1d(d1, p = 0.5, training = True, inplace = False);  d1 = None\n"
  "    mean = dropout1d.mean(2);  dropout1d = None\n"
  "    bn = self.bn(mean);  mean = None\n"
  "    return bn\n"
  "    \n";

static const char tensor_ops_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def forward(self, x):\n"
  "        w = x.mean((2, 3), keepdim=True)\n"
  "        a = torch.mul(x, w) * x.mean(1, keepdim=True)\n"
  "        b = x.mul(2) - 0.5 * x / 6.0\n"
  "        c = torch.sub(x, w) + torch.div(x, 2) + x.div(w) + x.sub(1)\n"
  "        d = 1 - x.mean([2, 3]).view(2, 4, 1, 1) * x\n"
  "        t = torch.transpose(x, 1, 2).transpose(-1, 0)\n"
  "        p = x.permute(0, 2, 3, 1) + torch.permute(x, (0, 2, 3, 1)) + x.permute([0, 2, 3, 1])\n"
  "        c1 = torch.chunk(x, 3, 1)\n"
  "        c2 = x.chunk(4, dim=-1)\n"
  "        s1 = torch.split(x, 3, dim=1)\n"
  "        s2 = x.split([1, 3], 1)\n"
  "        m = torch.mean(x) + x.mean(dim=[2, 3]) + torch.mean(x, 1, True).sum() + torch.sum(x, [2, 3]) + x.sum(-1, keepdim=True).sum()\n"
  "        v = torch.transpose(x.view(2, 2, 2, 6, 6), 1, 2).contiguous().view(2, -1, 6, 6)\n"
  "        q = x.unsqueeze(1).squeeze() + torch.unsqueeze(w, -1).squeeze(4) + torch.squeeze(w, 2).unsqueeze(2)\n"
  "        return (a, b, c, d, t, p, c1[0], c1[-1], c2[1:3], s1[1], s2[1:], m, v, q, x.size(1) / 2)\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char tensor_ops_fx[] =
  "Net()\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    mean = x.mean((2, 3), keepdim = True)\n"
  "    mul = torch.mul(x, mean)\n"
  "    mean_1 = x.mean(1, keepdim = True)\n"
  "    mul_1 = mul * mean_1;  mul = mean_1 = None\n"
  "    mul_2 = x.mul(2)\n"
  "    mul_3 = 0.5 * x\n"
  "    truediv = mul_3 / 6.0;  mul_3 = None\n"
  "    sub = mul_2 - truediv;  mul_2 = truediv = None\n"
  "    sub_1 = torch.sub(x, mean)\n"
  "    div = torch.div(x, 2)\n"
  "    add = sub_1 + div;  sub_1 = div = None\n"
  "    div_1 = x.div(mean)\n"
  "    add_1 = add + div_1;  add = div_1 = None\n"
  "    sub_2 = x.sub(1)\n"
  "    add_2 = add_1 + sub_2;  add_1 = sub_2 = None\n"
  "    mean_2 = x.mean([2, 3])\n"
  "    view = mean_2.view(2, 4, 1, 1);  mean_2 = None\n"
  "    mul_4 = view * x;  view = None\n"
  "    sub_3 = 1 - mul_4;  mul_4 = None\n"
  "    transpose = torch.transpose(x, 1, 2)\n"
  "    transpose_1 = transpose.transpose(-1, 0);  transpose = None\n"
  "    permute = x.permute(0, 2, 3, 1)\n"
  "    permute_1 = torch.permute(x, (0, 2, 3, 1))\n"
  "    add_3 = permute + permute_1;  permute = permute_1 = None\n"
  "    permute_2 = x.permute([0, 2, 3, 1])\n"
  "    add_4 = add_3 + permute_2;  add_3 = permute_2 = None\n"
  "    chunk = torch.chunk(x, 3, 1)\n"
  "    chunk_1 = x.chunk(4, dim = -1)\n"
  "    split = torch.functional.split(x, 3, dim = 1)\n"
  "    split_1 = x.split([1, 3], 1)\n"
  "    mean_3 = torch.mean(x)\n"
  "    mean_4 = x.mean(dim = [2, 3])\n"
  "    add_5 = mean_3 + mean_4;  mean_3 = mean_4 = None\n"
  "    mean_5 = torch.mean(x, 1, True)\n"
  "    sum_1 = mean_5.sum();  mean_5 = None\n"
  "    add_6 = add_5 + sum_1;  add_5 = sum_1 = None\n"
  "    sum_2 = torch.sum(x, [2, 3])\n"
  "    add_7 = add_6 + sum_2;  add_6 = sum_2 = None\n"
  "    sum_3 = x.sum(-1, keepdim = True)\n"
  "    sum_4 = sum_3.sum();  sum_3 = None\n"
  "    add_8 = add_7 + sum_4;  add_7 = sum_4 = None\n"
  "    view_1 = x.view(2, 2, 2, 6, 6)\n"
  "    transpose_2 = torch.transpose(view_1, 1, 2);  view_1 = None\n"
  "    contiguous = transpose_2.contiguous();  transpose_2 = None\n"
  "    view_2 = contiguous.view(2, -1, 6, 6);  contiguous = None\n"
  "    unsqueeze = x.unsqueeze(1)\n"
  "    squeeze = unsqueeze.squeeze();  unsqueeze = None\n"
  "    unsqueeze_1 = torch.unsqueeze(mean, -1)\n"
  "    squeeze_1 = unsqueeze_1.squeeze(4);  unsqueeze_1 = None\n"
  "    add_9 = squeeze + squeeze_1;  squeeze = squeeze_1 = None\n"
  "    squeeze_2 = torch.squeeze(mean, 2);  mean = None\n"
  "    unsqueeze_2 = squeeze_2.unsqueeze(2);  squeeze_2 = None\n"
  "    add_10 = add_9 + unsqueeze_2;  add_9 = unsqueeze_2 = None\n"
  "    getitem = chunk[0]\n"
  "    getitem_1 = chunk[-1];  chunk = None\n"
  "    getitem_2 = chunk_1[slice(1, 3, None)];  chunk_1 = None\n"
  "    getitem_3 = split[1];  split = None\n"
  "    getitem_4 = split_1[slice(1, None, None)];  split_1 = None\n"
  "    size = x.size(1);  x = None\n"
  "    truediv_1 = size / 2;  size = None\n"
  "    return (mul_1, sub, add_2, sub_3, transpose_1, add_4, getitem, getitem_1, getitem_2, getitem_3, getitem_4, add_8, view_2, add_10, truediv_1)\n"
  "    \n";

static const char helpers_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "def block(x, conv, act=True, *, scale=1):\n"
  "    x = conv(x)\n"
  "    if act:\n"
  "        x = F.relu(x)\n"
  "    for _ in range(scale - 1):\n"
  "        x = x + x\n"
  "    return x\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.c1 = nn.Conv2d(2, 4, 3, padding='same')\n"
  "        self.c2 = nn.Conv2d(4, 4, (1, 3), stride=(1, 2), dilation=1, groups=2, bias=False)\n"
  "    def forward(self, x):\n"
  "        a = block(x, self.c1, scale=2)\n"
  "        b = block(a, conv=self.c2, act=False)\n"
  "        c = torch.cat((b, b), dim=1)\n"
  "        d = c.view((-1, 8 * 6 * 2))\n"
  "        e = c.size()[1]\n"
  "        f = c.flatten(start_dim=1)\n"
  "        return d, f, {'e': f}\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char helpers_fx[] =
  "Net(\n"
  "  (c1): Conv2d(2, 4, kernel_size=(3, 3), stride=(1, 1), padding=same)\n"
  "  (c2): Conv2d(4, 4, kernel_size=(1, 3), stride=(1, 2), groups=2, bias=False)\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    c1 = self.c1(x);  x = None\n"
  "    relu = torch.nn.functional.relu(c1, inplace = False);  c1 = None\n"
  "    add = relu + relu;  relu = None\n"
  "    c2 = self.c2(add);  add = None\n"
  "    cat = torch.cat((c2, c2), dim = 1);  c2 = None\n"
  "    view = cat.view((-1, 96))\n"
  "    size = cat.size()\n"
  "    getitem = size[1];  size = None\n"
  "    flatten = cat.flatten(start_dim = 1);  cat = None\n"
  "    return (view, flatten, {'e': flatten})\n"
  "    \n";

static const char sizes_py[] =
  "import torch.nn as nn\n"
  "\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.fc = nn.Linear(4, 3)\n"
  "\n"
  "    def forward(self, x):\n"
  "        n = x.size(0)\n"
  "        c = x.shape[1]\n"
  "        x = x.view(n, c * 2, -1)\n"
  "        return self.fc(x)\n";

/* print(torch.fx.symbolic_trace(Net())) with PyTorch 1.13 (tests/fx_reference.py), pasted. */
static const char sizes_fx[] =
  "Net(\n"
  "  (fc): Linear(in_features=4, out_features=3, bias=True)\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    size = x.size(0)\n"
  "    getattr_1 = x.shape\n"
  "    getitem = getattr_1[1];  getattr_1 = None\n"
  "    mul = getitem * 2;  getitem = None\n"
  "    view = x.view(size, mul, -1);  x = size = mul = None\n"
  "    fc = self.fc(view);  view = None\n"
  "    return fc\n"
  "    \n";

/* x.size()[2:]: slicing a size (expected text printed by torch.fx 1.13) */
static const char slice_py[] =
  "import torch\n"
  "import torch.nn as nn\n"
  "import torch.nn.functional as F\n"
  "\n"
  "class Net(nn.Module):\n"
  "    def __init__(self):\n"
  "        super().__init__()\n"
  "        self.conv = nn.Conv2d(1, 4, 3)\n"
  "        self.fc = nn.Linear(4, 2)\n"
  "\n"
  "    def forward(self, x):\n"
  "        x = self.conv(x)\n"
  "        hw = x.size()[2:]\n"
  "        x = F.adaptive_avg_pool2d(x, 1)\n"
  "        x = x.view(x.size(0), -1)\n"
  "        return self.fc(x)\n"
;
static const char slice_fx[] =
  "Net(\n"
  "  (conv): Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1))\n"
  "  (fc): Linear(in_features=4, out_features=2, bias=True)\n"
  ")\n"
  "\n"
  "\n"
  "\n"
  "def forward(self, x):\n"
  "    conv = self.conv(x);  x = None\n"
  "    size = conv.size()\n"
  "    getitem = size[slice(2, None, None)];  size = None\n"
  "    adaptive_avg_pool2d = torch.nn.functional.adaptive_avg_pool2d(conv, 1);  conv = None\n"
  "    size_1 = adaptive_avg_pool2d.size(0)\n"
  "    view = adaptive_avg_pool2d.view(size_1, -1);  adaptive_avg_pool2d = size_1 = None\n"
  "    fc = self.fc(view);  view = None\n"
  "    return fc\n"
  "    \n"
;

/* ----------------------------------------------------------- FX printing */
static void test_fx(void) {
  check_output("fx: seed net (F.relu, F.max_pool2d, view(-1, 5*5*40), groups) matches torch.fx",
               run(EMIT_FX, seed_py, NULL), seed_fx);
  check_output("fx: bottleneck blocks in nn.Sequential(*[...]): class attribute, super(Cls, self), "
               "relu reuse, nested names, input placeholder renamed, matches torch.fx",
               run(EMIT_FX, resblock_py, &(Opts){.shape = {1, 8, 6, 6}}), resblock_fx);
  check_output("fx: Sequential subclass, ModuleList iterated, settings table, kwargs, getattr default, "
               "matches torch.fx",
               run(EMIT_FX, mobile_py, &(Opts){.shape = {1, 1, 16, 16}}), mobile_fx);
  check_output("fx: FX naming (conv_1 -> conv_2, convA -> conv_a, builtins renamed, x_007 -> x_7) and size "
               "arithmetic matches torch.fx",
               run(EMIT_FX, names_py, &(Opts){.shape = {1, 1, 4, 4}}), names_fx);
  check_output("fx: torch/F/Tensor ops, annotations, Hardtanh/MaxPool/BatchNorm reprs match torch.fx",
               run(EMIT_FX, ops_py, &(Opts){.shape = {1, 1, 12, 12}}), ops_fx);
  check_output("fx: Hardswish ... Upsample, ChannelShuffle, BatchNorm1d modules and their functionals match torch.fx",
               run(EMIT_FX, activations_py, &(Opts){.shape = {2, 4, 6, 6}}), activations_fx);
  check_output("fx: mul/sub/div and * - / with broadcasting, transpose, permute, chunk, split, mean/sum over dims, "
               "squeeze, unsqueeze, 5-D view match torch.fx",
               run(EMIT_FX, tensor_ops_py, &(Opts){.shape = {2, 4, 6, 6}}), tensor_ops_fx);
  /* PyTorch's shapes (FX ShapeProp on a random input), node by node; chunk(3)
   * of 4 is two pieces of 2, chunk(4) of 6 three pieces of 2. */
  check_output("shapes: broadcasting, transposes, uneven chunks, splits, reductions, a chunk's pieces and slices",
               run(SHAPES, tensor_ops_py, &(Opts){.shape = {2, 4, 6, 6}}),
               "x [2, 4, 6, 6]; mean [2, 4, 1, 1]; mul [2, 4, 6, 6]; mean_1 [2, 1, 6, 6]; mul_1 [2, 4, 6, 6]; "
               "mul_2 [2, 4, 6, 6]; mul_3 [2, 4, 6, 6]; truediv [2, 4, 6, 6]; sub [2, 4, 6, 6]; "
               "sub_1 [2, 4, 6, 6]; div [2, 4, 6, 6]; add [2, 4, 6, 6]; div_1 [2, 4, 6, 6]; add_1 [2, 4, 6, 6]; "
               "sub_2 [2, 4, 6, 6]; add_2 [2, 4, 6, 6]; mean_2 [2, 4]; view [2, 4, 1, 1]; mul_4 [2, 4, 6, 6]; "
               "sub_3 [2, 4, 6, 6]; transpose [2, 6, 4, 6]; transpose_1 [6, 6, 4, 2]; permute [2, 6, 6, 4]; "
               "permute_1 [2, 6, 6, 4]; add_3 [2, 6, 6, 4]; permute_2 [2, 6, 6, 4]; add_4 [2, 6, 6, 4]; "
               "chunk ([2, 2, 6, 6], [2, 2, 6, 6]); chunk_1 ([2, 4, 6, 2], [2, 4, 6, 2], [2, 4, 6, 2]); "
               "split ([2, 3, 6, 6], [2, 1, 6, 6]); split_1 ([2, 1, 6, 6], [2, 3, 6, 6]); mean_3 []; "
               "mean_4 [2, 4]; add_5 [2, 4]; mean_5 [2, 1, 6, 6]; sum_1 []; add_6 [2, 4]; sum_2 [2, 4]; "
               "add_7 [2, 4]; sum_3 [2, 4, 6, 1]; sum_4 []; add_8 [2, 4]; view_1 [2, 2, 2, 6, 6]; "
               "transpose_2 [2, 2, 2, 6, 6]; contiguous [2, 2, 2, 6, 6]; view_2 [2, 4, 6, 6]; "
               "unsqueeze [2, 1, 4, 6, 6]; squeeze [2, 4, 6, 6]; unsqueeze_1 [2, 4, 1, 1, 1]; "
               "squeeze_1 [2, 4, 1, 1]; add_9 [2, 4, 6, 6]; squeeze_2 [2, 4, 1]; unsqueeze_2 [2, 4, 1, 1]; "
               "add_10 [2, 4, 6, 6]; getitem [2, 2, 6, 6]; getitem_1 [2, 2, 6, 6]; "
               "getitem_2 ([2, 4, 6, 2], [2, 4, 6, 2]); getitem_3 [2, 1, 6, 6]; getitem_4 ([2, 3, 6, 6],); "
               "size = 4; truediv_1 = 2.0; output");
  check_output("fx: module-level helper with defaults and keyword-only args, padding='same', tuple/dict "
               "output, matches torch.fx",
               run(EMIT_FX, helpers_py, &(Opts){.shape = {1, 2, 6, 6}}), helpers_fx);
  check_output("fx: x.size(0), x.shape[1] and view(n, c * 2, -1) match torch.fx",
               run(EMIT_FX, sizes_py, &(Opts){.shape = {2, 4, 2, 4}}), sizes_fx);
  check_output("fx: x.size()[2:] records getitem with a slice, matches torch.fx",
               run(EMIT_FX, slice_py, &(Opts){.shape = {1, 1, 28, 28}}), slice_fx);
}

/* ------------------------------------------------------ table, json, graph */
static void test_table_json(void) {
  /* Shapes checked by hand: 64 elements viewed as (2, 8, -1) -> [2, 8, 4];
   * Linear(4, 3) on the last dimension -> [2, 8, 3]. */
  check_output("graph table: sizes are '= 2', '= (2, 4, 2, 4)', '= 4', '= 8'; view infers -1",
               run(EMIT_TABLE, sizes_py, &(Opts){.shape = {2, 4, 2, 4}}),
               "opcode         name       target            args                kwargs  shape\n"
               "-------------  ---------  ----------------  ------------------  ------  --------------\n"
               "placeholder    x          x                 ()                  {}      [2, 4, 2, 4]\n"
               "call_method    size       size              (x, 0)              {}      = 2\n"
               "call_function  getattr_1  getattr           (x, 'shape')        {}      = (2, 4, 2, 4)\n"
               "call_function  getitem    operator.getitem  (getattr_1, 1)      {}      = 4\n"
               "call_function  mul        operator.mul      (getitem, 2)        {}      = 8\n"
               "call_method    view       view              (x, size, mul, -1)  {}      [2, 8, 4]\n"
               "call_module    fc         fc                (view,)             {}      [2, 8, 3]\n"
               "output         output     output            fc                  {}      \n");
  /* Lines and columns checked by hand against sizes_py. */
  check_output("json: nodes with shapes, static values and source positions",
               run(EMIT_JSON, sizes_py, &(Opts){.path = "sizes.py", .shape = {2, 4, 2, 4}}),
               "{\n"
               "  \"class\": \"Net\",\n"
               "  \"file\": \"sizes.py\",\n"
               "  \"nodes\": [\n"
               "    {\"op\": \"placeholder\", \"name\": \"x\", \"target\": \"x\", \"args\": \"()\", \"kwargs\": \"{}\", \"shape\": [2, 4, 2, 4], \"line\": 9, \"col\": 23},\n"
               "    {\"op\": \"call_method\", \"name\": \"size\", \"target\": \"size\", \"args\": \"(x, 0)\", \"kwargs\": \"{}\", \"value\": \"2\", \"line\": 10, \"col\": 13},\n"
               "    {\"op\": \"call_function\", \"name\": \"getattr_1\", \"target\": \"getattr\", \"args\": \"(x, 'shape')\", \"kwargs\": \"{}\", \"value\": \"(2, 4, 2, 4)\", \"line\": 11, \"col\": 13},\n"
               "    {\"op\": \"call_function\", \"name\": \"getitem\", \"target\": \"operator.getitem\", \"args\": \"(getattr_1, 1)\", \"kwargs\": \"{}\", \"value\": \"4\", \"line\": 11, \"col\": 13},\n"
               "    {\"op\": \"call_function\", \"name\": \"mul\", \"target\": \"operator.mul\", \"args\": \"(getitem, 2)\", \"kwargs\": \"{}\", \"value\": \"8\", \"line\": 12, \"col\": 23},\n"
               "    {\"op\": \"call_method\", \"name\": \"view\", \"target\": \"view\", \"args\": \"(x, size, mul, -1)\", \"kwargs\": \"{}\", \"shape\": [2, 8, 4], \"line\": 12, \"col\": 13},\n"
               "    {\"op\": \"call_module\", \"name\": \"fc\", \"target\": \"fc\", \"args\": \"(view,)\", \"kwargs\": \"{}\", \"shape\": [2, 8, 3], \"line\": 13, \"col\": 16},\n"
               "    {\"op\": \"output\", \"name\": \"output\", \"target\": \"output\", \"args\": \"fc\", \"kwargs\": \"{}\", \"line\": 9, \"col\": 5}\n"
               "  ]\n"
               "}\n");

  /* The Graph itself: shapes (conv 28 -> 26, pool -> 13, conv -> 11, pool
   * -> 5, view(-1, 1000) -> [1, 1000]), users, module links. */
  Result r = run(EMIT_FX, seed_py, NULL);
  Graph *g = r.graph;
  bool good = r.ok && g && g->n == 10;
  static const char *names[] = {"x", "conv1", "relu", "max_pool2d", "conv2", "relu_1", "max_pool2d_1", "view", "fc", "output"};
  static const int shapes[][4] = {{1, 1, 28, 28}, {1, 40, 26, 26}, {1, 40, 26, 26}, {1, 40, 13, 13}, {1, 40, 11, 11},
                                  {1, 40, 11, 11}, {1, 40, 5, 5}, {1, 1000}, {1, 10}};
  static const int ndims[] = {4, 4, 4, 4, 4, 4, 4, 2, 2};
  for (int i = 0; good && i < 10; i++) {
    Node *n = g->nodes[i];
    good = !strcmp(n->name, names[i]) && n->index == i && n->nusers == (i < 9);
    if (good && i < 9)
      good = n->is_tensor && n->ndim == ndims[i] && !memcmp(n->shape, shapes[i], sizeof(int) * (size_t)ndims[i]) &&
             n->users[0] == g->nodes[i + 1];
  }
  good = good && g->nodes[1]->op == N_CALL_MODULE && g->nodes[1]->module && !strcmp(g->nodes[1]->module->path, "conv1") &&
         g->nodes[2]->op == N_CALL_FUNCTION && g->nodes[7]->op == N_CALL_METHOD && g->nodes[9]->op == N_OUTPUT &&
         g->nodes[8]->def->id == OP_LINEAR && g->nodes[1]->loc.line == 15 && g->nodes[1]->loc.col == 20;
  if (!ok(good, "graph: seed net node names, shapes, users, module paths and source positions") && r.ok) {
    Buf b = {0};
    emit_table(&b, g);
    diag_text("table", buf_str(&b));
  }

  /* Pooling and conv arithmetic on an odd size, checked by hand:
   * 12 -conv k3 s2 p1-> 6 -maxpool k3 s2 p1 ceil-> 4 (ceil((6+2-3)/2)+1 = 4,
   * and (4-1)*2 = 6 < 6+1 keeps it) -avgpool 2-> 2 -flatten-> 8*2*2 = 32. */
  check_output("shapes: strided conv, ceil_mode max pool, avg pool, flatten",
               run(SHAPES,
                   "import torch\nimport torch.nn as nn\n\n\nclass Net(nn.Module):\n"
                   "    def __init__(self):\n        super().__init__()\n"
                   "        self.c = nn.Conv2d(3, 8, 3, stride=2, padding=1)\n"
                   "        self.mp = nn.MaxPool2d(3, 2, 1, ceil_mode=True)\n"
                   "        self.ap = nn.AvgPool2d(2)\n"
                   "        self.fc = nn.Linear(32, 5)\n"
                   "    def forward(self, x):\n"
                   "        x = self.ap(self.mp(self.c(x)))\n"
                   "        return self.fc(torch.flatten(x, 1))\n",
                   &(Opts){.shape = {2, 3, 12, 12}}),
               "x [2, 3, 12, 12]; c [2, 8, 6, 6]; mp [2, 8, 4, 4]; ap [2, 8, 2, 2]; flatten [2, 32]; fc [2, 5]; output");
  /* PyTorch drops a last window that would start in the padding: 3 with
   * k2 s2 p1 ceil gives ceil(3/2)+1 = 3 windows, the third starting at
   * 4 >= 3+1, so 2 (torch says [1, 1, 2, 2]). */
  check_output("shapes: ceil_mode pooling drops a window starting in the padding",
               run(SHAPES,
                   NET_HEAD
                   "        self.p = nn.MaxPool2d(2, 2, 1, ceil_mode=True)\n"
                   "    def forward(self, x):\n"
                   "        return self.p(x)\n",
                   &(Opts){.shape = {1, 1, 3, 3}}),
               "x [1, 1, 3, 3]; p [1, 1, 2, 2]; output");
}

/* ------------------------------------------------------------------ errors */
#define EXPECT_ERROR(desc, opts, text, line, col, msg)                                 \
  do {                                                                                 \
    const char *src_ = (text);                                                         \
    check_error(desc, run(EMIT_FX, src_, opts), src_, line, col, msg);                 \
  } while (0)

static void test_errors(void) {
  EXPECT_ERROR("error: Linear in_features mismatch, at the module call", NULL,
               NET_HEAD
               "        self.fc = nn.Linear(10, 2)\n"
               "    def forward(self, x):\n"
               "        return self.fc(x.view(-1, 784))\n",
               11, 16, "shape mismatch: Linear expects 10 input features, got input of shape [1, 784]");
  EXPECT_ERROR("error: Conv2d input channel mismatch, at the inner call", NULL,
               NET_HEAD
               "        self.c1 = nn.Conv2d(1, 8, 3)\n"
               "        self.c2 = nn.Conv2d(16, 8, 3)\n"
               "    def forward(self, x):\n"
               "        return F.relu(self.c2(F.relu(self.c1(x))))\n",
               12, 23, "shape mismatch: Conv2d expects 16 input channels, got input of shape [1, 8, 26, 26]");
  EXPECT_ERROR("error: view(-1, N) with N not dividing the element count", NULL,
               NET_HEAD
               "        self.fc = nn.Linear(785, 2)\n"
               "    def forward(self, x):\n"
               "        x = x.view(-1, 785)\n"
               "        return self.fc(x)\n",
               11, 13, "cannot view a tensor of shape [1, 1, 28, 28] (784 elements) with -1 and 785 other elements");
  EXPECT_ERROR("error: view to a shape of another size", NULL,
               NET_HEAD
               "        self.relu = nn.ReLU()\n"
               "    def forward(self, x):\n"
               "        return self.relu(x.view(2, 393))\n",
               11, 26, "cannot view a tensor of shape [1, 1, 28, 28] (784 elements) to [2, 393]");
  EXPECT_ERROR("error: data-dependent if on a tensor, at the condition", NULL,
               NET_HEAD
               "        self.relu = nn.ReLU()\n"
               "    def forward(self, x):\n"
               "        if x.sum() > 0:\n"
               "            x = self.relu(x)\n"
               "        return x\n",
               11, 12, "data-dependent control flow");
  EXPECT_ERROR("error: data-dependent conditional expression on a tensor", NULL,
               NET_HEAD
               "        self.relu = nn.ReLU()\n"
               "    def forward(self, x):\n"
               "        return self.relu(x) if x.mean() else x\n",
               11, 32, "data-dependent control flow");
  EXPECT_ERROR("error: unknown torch.nn module", NULL,
               NET_HEAD
               "        self.c = nn.Conv9d(1, 2, 3)\n"
               "    def forward(self, x):\n"
               "        return self.c(x)\n",
               9, 18, "unknown module 'nn.Conv9d'");
  EXPECT_ERROR("error: unknown name in __init__", NULL,
               NET_HEAD
               "        self.fc = nn.Linear(10, NUM_CLASSES)\n"
               "    def forward(self, x):\n"
               "        return self.fc(x)\n",
               9, 33, "name 'NUM_CLASSES' is not defined");
  EXPECT_ERROR("error: unknown name in forward", NULL,
               NET_HEAD
               "        self.relu = nn.ReLU()\n"
               "    def forward(self, x):\n"
               "        return self.relu(y)\n",
               11, 26, "name 'y' is not defined");
  static const char helper[] =
    NET_HEAD
    "        self.relu = nn.ReLU()\n"   /* 9 */
    "    def helper(self, a, b):\n"     /* 10 */
    "        return self.relu(a)\n"     /* 11 */
    "    def forward(self, x):\n";      /* 12 */
  EXPECT_ERROR("error: user method called with a required argument missing", NULL,
               format("%s        return self.helper(x)\n", helper), 13, 16, "helper() missing required argument 'b'");
  EXPECT_ERROR("error: user method called with too many positional arguments", NULL,
               format("%s        return self.helper(x, 1, 2)\n", helper), 13, 16,
               "helper() takes 3 positional arguments but 4 were given");
  EXPECT_ERROR("error: user method called with an unexpected keyword", NULL,
               format("%s        return self.helper(x, 1, c=1)\n", helper), 13, 16,
               "helper() got an unexpected keyword argument 'c'");
  EXPECT_ERROR("error: user method given an argument twice", NULL,
               format("%s        return self.helper(x, a=1)\n", helper), 13, 16,
               "helper() got multiple values for argument 'a'");
  EXPECT_ERROR("error: torch.nn module call with two tensors", NULL,
               format("%s        return self.relu(x, x)\n", helper), 13, 16,
               "ReLU.forward() takes exactly one tensor (2 given)");
  EXPECT_ERROR("error: torch.nn constructor with an unknown keyword", NULL,
               NET_HEAD
               "        self.relu = nn.ReLU(bogus=1)\n"
               "    def forward(self, x):\n"
               "        return self.relu(x)\n",
               9, 21, "ReLU() got an unexpected keyword argument 'bogus'");
  EXPECT_ERROR("error: F function with too many arguments", NULL,
               format("%s        return F.relu(x, True, 3)\n", helper), 13, 16,
               "relu() takes 2 positional arguments but 3 were given");
  EXPECT_ERROR("error: infinite recursion stops at the recursion depth limit", NULL,
               NET_HEAD
               "        self.body = self.make(1)\n"
               "    def make(self, n):\n"
               "        return self.make(n + 1)\n"
               "    def forward(self, x):\n"
               "        return self.body(x)\n",
               11, 16, "recursion too deep");
  EXPECT_ERROR("error: a module-level constant defined in terms of itself", NULL,
               "import torch.nn as nn\n"
               "A = B + 1\n"
               "B = A * 2\n"
               "\n"
               "class Net(nn.Module):\n"
               "    def __init__(self):\n"
               "        super().__init__()\n"
               "        self.fc = nn.Linear(A, 2)\n"
               "    def forward(self, x):\n"
               "        return self.fc(x)\n",
               3, 5, "name 'A' is defined in terms of itself");
  EXPECT_ERROR("error: syntax error (missing colon) from parse_source", NULL,
               NET_HEAD
               "        self.relu = nn.ReLU()\n"
               "    def forward(self, x)\n"
               "        return self.relu(x)\n",
               10, 5, "syntax error");
  EXPECT_ERROR("error: module kept in a plain list is not a submodule", NULL,
               NET_HEAD
               "        self.acts = [nn.ReLU()]\n"
               "    def forward(self, x):\n"
               "        return self.acts[0](x)\n",
               11, 16, "not registered as a submodule");
  EXPECT_ERROR("error: tuple unpacking with the wrong count", NULL,
               NET_HEAD
               "        a, b = (1, 2, 3)\n"
               "    def forward(self, x):\n"
               "        return x\n",
               9, 9, "cannot unpack 3 values into 2 targets");
  EXPECT_ERROR("error: integer division by zero", NULL,
               NET_HEAD
               "        self.fc = nn.Linear(10 // (2 - 2), 1)\n"
               "    def forward(self, x):\n"
               "        return self.fc(x)\n",
               9, 29, "division or modulo by zero");
  EXPECT_ERROR("error: list index out of range", NULL,
               NET_HEAD
               "        self.c = [nn.ReLU()][1]\n"
               "    def forward(self, x):\n"
               "        return self.c(x)\n",
               9, 18, "index 1 out of range");
  EXPECT_ERROR("error: forward() returning no tensor, at the def", NULL,
               NET_HEAD
               "        self.k = 3\n"
               "    def forward(self, x):\n"
               "        return self.k\n",
               10, 5, "forward() returns int, not a tensor");
  EXPECT_ERROR("error: unknown tensor method", NULL,
               format("%s        return x.frobnicate()\n", helper), 13, 16, "unknown tensor method 'frobnicate'");
  EXPECT_ERROR("error: tensor multiplication of shapes that do not broadcast", NULL,
               format("%s        return x * x.flatten(1)\n", helper), 13, 16,
               "mul of tensors of shapes [1, 1, 28, 28] and [1, 784], which do not broadcast");
  EXPECT_ERROR("error: an operator qgen does not trace on tensors", NULL,
               format("%s        return x %% 2\n", helper), 13, 16, "operator '%' on a tensor is not supported");
  EXPECT_ERROR("error: iterating over a tensor", NULL,
               format("%s        for c in x:\n            pass\n        return x\n", helper), 13, 18,
               "iterating over a tensor");
  EXPECT_ERROR("error: nn.Sequential of a non-module", NULL,
               NET_HEAD
               "        self.s = nn.Sequential(nn.ReLU(), 3)\n"
               "    def forward(self, x):\n"
               "        return self.s(x)\n",
               9, 18, "int is not a Module subclass");
  EXPECT_ERROR("error: bad torch.nn hyperparameter, inside a module-level helper", NULL,
               "import torch.nn as nn\n"
               "\n"
               "def make(cin):\n"
               "    return nn.Conv2d(cin, 8, 3, padding_mode='reflect')\n"
               "\n"
               "class Net(nn.Module):\n"
               "    def __init__(self):\n"
               "        super().__init__()\n"
               "        self.c = make(1)\n"
               "    def forward(self, x):\n"
               "        return self.c(x)\n",
               4, 12, "padding_mode='zeros' only");
  EXPECT_ERROR("error: --arg naming no constructor parameter, at the class", &(Opts){.args = {"bogus=1"}},
               NET_HEAD
               "        self.relu = nn.ReLU()\n"
               "    def forward(self, x):\n"
               "        return self.relu(x)\n",
               6, 1, "__init__() got an unexpected keyword argument 'bogus'");
  EXPECT_ERROR("error: an nn.Module subclass without forward(), at the class", NULL,
               "import torch.nn as nn\n"
               "\n"
               "class Half(nn.Module):\n"
               "    pass\n",
               3, 1, "class 'Half' has no forward() method");
  EXPECT_ERROR("error: --class naming a class that is not a module", &(Opts){.cls = "Helper"},
               "import torch.nn as nn\n"
               "\n"
               "class Helper:\n"
               "    def forward(self, x):\n"
               "        return x\n",
               3, 1, "class 'Helper' is not an nn.Module subclass");
}

/* ------------------------------------------------------ model semantics */
static void test_models(void) {
  static const char args_src[] =
    "import torch.nn as nn\n"
    "\n"
    "class Net(nn.Module):\n"
    "    def __init__(self, num_classes=10, width=4, act=True):\n"
    "        super().__init__()\n"
    "        self.conv = nn.Conv2d(1, width, 3)\n"
    "        self.act = nn.ReLU() if act else nn.Identity()\n"
    "        self.fc = nn.Linear(width * 26 * 26, num_classes)\n"
    "    def forward(self, x):\n"
    "        return self.fc(self.act(self.conv(x)).view(1, -1))\n";
  check_output("--arg defaults: conv 4 channels, 10 classes, ReLU",
               run(SHAPES, args_src, NULL),
               "x [1, 1, 28, 28]; conv [1, 4, 26, 26]; act [1, 4, 26, 26]; view [1, 2704]; fc [1, 10]; output");
  check_output("--arg values replace constructor defaults (ints, bools)",
               run(EMIT_FX, args_src, &(Opts){.args = {"num_classes=5", "width=2", "act=False"}}),
               /* torch.fx 1.13's print of Net(num_classes=5, width=2, act=False) */
               "Net(\n"
               "  (conv): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))\n"
               "  (act): Identity()\n"
               "  (fc): Linear(in_features=1352, out_features=5, bias=True)\n"
               ")\n\n\n\n"
               "def forward(self, x):\n"
               "    conv = self.conv(x);  x = None\n"
               "    act = self.act(conv);  conv = None\n"
               "    view = act.view(1, -1);  act = None\n"
               "    fc = self.fc(view);  view = None\n"
               "    return fc\n"
               "    \n");

  static const char pick_src[] =
    "import torch.nn as nn\n"
    "\n"
    "class Net(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.b = Block()\n"
    "    def forward(self, x):\n"
    "        return self.b(x)\n"
    "\n"
    "class Block(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.relu = nn.ReLU()\n"
    "    def forward(self, x):\n"
    "        return self.relu(x)\n"
    "\n"
    "class Plain:\n"
    "    pass\n";
  Result r = run(SHAPES, pick_src, NULL);
  ok(r.ok && r.graph && !strcmp(r.graph->class_name, "Net") && !strcmp(r.out, "x [1, 1, 28, 28]; b_relu [1, 1, 28, 28]; output"),
     "model class: the module no other class refers to, even if defined first");
  r = run(SHAPES, pick_src, &(Opts){.cls = "Block"});
  ok(r.ok && r.graph && !strcmp(r.graph->class_name, "Block") && !strcmp(r.out, "x [1, 1, 28, 28]; relu [1, 1, 28, 28]; output"),
     "model class: --class picks another one");

  /* torch.fx refuses the `if` (a Proxy as a condition); qgen knows sizes statically. */
  check_output("module reuse in a loop: relu, relu_1, relu_2; Python ints from x.size()/x.dim() steer if",
               run(SHAPES,
                   NET_HEAD
                   "        self.relu = nn.ReLU()\n"
                   "    def forward(self, x):\n"
                   "        for _ in range(3):\n"
                   "            x = self.relu(x)\n"
                   "        if x.dim() == 4 and x.size(1) == 1:\n"
                   "            x = x.view(x.size(0), -1)\n"
                   "        return x\n",
                   NULL),
               "x [1, 1, 28, 28]; relu [1, 1, 28, 28]; relu_1 [1, 1, 28, 28]; relu_2 [1, 1, 28, 28]; dim = 4; size = 1; "
               "size_1 = 1; view [1, 784]; output");

  /* Names and shapes as torch.fx + ShapeProp give them for the same source. */
  check_output("ModuleList: len(), negative index, slice, zip and enumerate in forward",
               run(SHAPES,
                   NET_HEAD
                   "        self.convs = nn.ModuleList([nn.Conv2d(1, 1, 1) for _ in range(3)])\n"
                   "        self.acts = nn.ModuleList()\n"
                   "        for i in range(len(self.convs)):\n"
                   "            self.acts.append(nn.ReLU())\n"
                   "    def forward(self, x):\n"
                   "        x = self.convs[-1](x)\n"
                   "        for i, (c, a) in enumerate(zip(self.convs[:2], self.acts)):\n"
                   "            x = a(c(x)) if i < len(self.acts) - 2 else c(x)\n"
                   "        return x\n",
                   NULL),
               "x [1, 1, 28, 28]; convs_2 [1, 1, 28, 28]; convs_0 [1, 1, 28, 28]; acts_0 [1, 1, 28, 28]; "
               "convs_1 [1, 1, 28, 28]; output");

  /* Names and shapes as torch.fx + ShapeProp give them for the same source. */
  check_output("isinstance() and getattr() with a default steer __init__ over submodules",
               run(SHAPES,
                   NET_HEAD
                   "        mods = [nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Conv2d(2, 3, 3), nn.Sigmoid()]\n"
                   "        keep = [m for m in mods if isinstance(m, nn.Conv2d) or getattr(m, 'inplace', True) is False]\n"
                   "        self.body = nn.Sequential(*keep)\n"
                   "    def forward(self, x):\n"
                   "        return self.body(x)\n",
                   NULL),
               "x [1, 1, 28, 28]; body_0 [1, 2, 26, 26]; body_1 [1, 2, 26, 26]; body_2 [1, 3, 24, 24]; output");

  check_output("super().__init__() through a base class that has no __init__ of its own",
               run(SHAPES,
                   "import torch.nn as nn\n"
                   "\n"
                   "class Base(nn.Module):\n"
                   "    def forward(self, x):\n"
                   "        return self.body(x)\n"
                   "\n"
                   "class Net(Base):\n"
                   "    def __init__(self):\n"
                   "        super().__init__()\n"
                   "        self.body = nn.ReLU()\n",
                   NULL),
               "x [1, 1, 28, 28]; body [1, 1, 28, 28]; output");

  check_output("nn.Sequential subclass without __init__, and nested Sequential names",
               run(EMIT_FX,
                   "import torch.nn as nn\n"
                   "\n"
                   "class Seq(nn.Sequential):\n"
                   "    pass\n"
                   "\n"
                   "class Net(nn.Module):\n"
                   "    def __init__(self):\n"
                   "        super().__init__()\n"
                   "        self.layer1 = Seq(nn.Sequential(nn.ReLU()), Seq(nn.Identity(), nn.ReLU()))\n"
                   "    def forward(self, x):\n"
                   "        return self.layer1(x)\n",
                   NULL),
               /* printed by torch.fx 1.13 for the same source */
               "Net(\n"
               "  (layer1): Module(\n"
               "    (0): Module(\n"
               "      (0): ReLU()\n"
               "    )\n"
               "    (1): Module(\n"
               "      (0): Identity()\n"
               "      (1): ReLU()\n"
               "    )\n"
               "  )\n"
               ")\n"
               "\n\n\n"
               "def forward(self, x):\n"
               "    layer1_0_0 = getattr(getattr(self.layer1, \"0\"), \"0\")(x);  x = None\n"
               "    layer1_1_0 = getattr(getattr(self.layer1, \"1\"), \"0\")(layer1_0_0);  layer1_0_0 = None\n"
               "    layer1_1_1 = getattr(getattr(self.layer1, \"1\"), \"1\")(layer1_1_0);  layer1_1_0 = None\n"
               "    return layer1_1_1\n"
               "    \n");

  check_output("nested module path layer1.0.conv1: node layer1_0_conv1, target getattr(self.layer1, \"0\").conv1",
               run(EMIT_FX,
                   "import torch.nn as nn\n"
                   "\n"
                   "class Block(nn.Module):\n"
                   "    def __init__(self):\n"
                   "        super(Block, self).__init__()\n"
                   "        self.conv1 = nn.Conv2d(1, 1, 1)\n"
                   "    def forward(self, x):\n"
                   "        return self.conv1(x)\n"
                   "\n"
                   "class Net(nn.Module):\n"
                   "    def __init__(self):\n"
                   "        super(Net, self).__init__()\n"
                   "        self.layer1 = nn.Sequential(Block())\n"
                   "    def forward(self, x):\n"
                   "        return self.layer1(x)\n",
                   NULL),
               /* printed by torch.fx 1.13 for the same source */
               "Net(\n"
               "  (layer1): Module(\n"
               "    (0): Module(\n"
               "      (conv1): Conv2d(1, 1, kernel_size=(1, 1), stride=(1, 1))\n"
               "    )\n"
               "  )\n"
               ")\n"
               "\n\n\n"
               "def forward(self, x):\n"
               "    layer1_0_conv1 = getattr(self.layer1, \"0\").conv1(x);  x = None\n"
               "    return layer1_0_conv1\n"
               "    \n");

  /* After an error deep in nested calls (dangling frames), a new
   * interpreter starts clean: zero-argument super() needs the frame. */
  run(EMIT_FX,
      NET_HEAD
      "        self.body = self.make(1)\n"
      "    def make(self, n):\n"
      "        return self.make(n + 1)\n"
      "    def forward(self, x):\n"
      "        return self.body(x)\n",
      NULL);
  check_output("after a recursion error, the next model traces as before", run(EMIT_FX, resblock_py,
               &(Opts){.shape = {1, 8, 6, 6}}), resblock_fx);
}

/* ---------------------------------------------------------------- lowering */
#define EXPECT_LOWER_ERROR(desc, opts, text, line, col, msg)                           \
  do {                                                                                 \
    const char *src_ = (text);                                                         \
    check_error(desc, run(LOWERED, src_, opts), src_, line, col, msg);                 \
  } while (0)

static const Buffer *find_buffer(const Program *p, const char *name, bool scratch) {
  for (int i = 0; p && i < p->nbuffers; i++) {
    const Buffer *x = &p->buffers[i];
    const char *n = x->value ? x->value->node->name : x->scratch_of->node->name;
    if (!strcmp(n, name) && !x->value == scratch)
      return x;
  }
  return NULL;
}

static const Step *find_step(const Program *p, const char *name) {
  for (int i = 0; p && i < p->nsteps; i++)
    if (!strcmp(p->steps[i].node->name, name))
      return &p->steps[i];
  return NULL;
}

static void test_lower(void) {
  static const Opts rank5 = {.shape = {1, 3, 8, 8, 2}};
  EXPECT_LOWER_ERROR("lower: the C takes 2D to 4D inputs, at forward's argument", &rank5,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return self.r(x)\n",
                     10, 23, "the C inference takes an N x C x H x W, N x C x L or N x F input; this one has 5 dimensions");
  EXPECT_LOWER_ERROR("lower: Linear on a 1-D input (no batch dimension), at the call", NULL,
                     NET_HEAD
                     "        self.fc = nn.Linear(784, 4)\n"
                     "    def forward(self, x):\n"
                     "        return self.fc(x.flatten())\n",
                     11, 16, "the C inference needs a batch dimension before Linear's features (input of rank 1)");
  EXPECT_LOWER_ERROR("lower: torch.cat along the batch, at the call", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return torch.cat([self.r(x), x], 0)\n",
                     11, 16, "the C inference does not concatenate along the batch dimension");

  EXPECT_LOWER_ERROR("lower: the quotient of two tensors, at the operator", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return self.r(x) / x\n",
                     11, 16, "qgen quantizes truediv of a tensor and a number only, not of two tensors");
  EXPECT_LOWER_ERROR("lower: a number divided by a tensor", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return 1.0 / self.r(x)\n",
                     11, 16, "not a number divided by a tensor");
  EXPECT_LOWER_ERROR("lower: torch.clamp with neither bound", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return torch.clamp(self.r(x))\n",
                     11, 16, "clamp needs at least one of min and max");
  EXPECT_LOWER_ERROR("lower: a clamp bound that is a tensor", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return x.clamp(0.0, self.r(x))\n",
                     11, 16, "qgen quantizes clamp with number bounds, not Tensor");
  EXPECT_LOWER_ERROR("lower: softmax along the batch", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return F.softmax(self.r(x), dim=0)\n",
                     11, 16, "the C inference computes softmax within an image, not along dimension 0");
  EXPECT_LOWER_ERROR("lower: a tensor divided by zero", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return torch.div(self.r(x), 0)\n",
                     11, 16, "division by zero");
  EXPECT_LOWER_ERROR("lower: a product of tensors of two ranks", NULL,
                     NET_HEAD
                     "        self.r = nn.ReLU()\n"
                     "    def forward(self, x):\n"
                     "        return self.r(x).view(28, 28) * x\n",
                     11, 16, "broadcasts mul of tensors of one rank and batch size only; here [28, 28] and [1, 1, 28, 28]");
  {
    Result se = run(LOWERED,
                    NET_HEAD
                    "        self.conv = nn.Conv2d(1, 4, 3)\n"
                    "        self.pool = nn.AdaptiveAvgPool2d(1)\n"
                    "    def forward(self, x):\n"
                    "        y = self.conv(x)\n"
                    "        return F.hardsigmoid(self.pool(y)) * (y + 3)\n",
                    NULL);
    const Step *mul = find_step(se.prog, "mul"), *add = find_step(se.prog, "add"), *hs = find_step(se.prog, "hardsigmoid");
    ok(se.ok && mul && add && hs && mul->kind == STEP_MUL && add->kind == STEP_LUT && !strcmp(add->fn, "add") &&
           hs->kind == STEP_LUT && !strcmp(hs->fn, "hardsigmoid") && mul->binary.n[1] == 4 && mul->binary.n[2] == 26 &&
           mul->binary.n[3] == 26 && mul->binary.sa[1] == 1 && mul->binary.sa[2] == 0 && mul->binary.sa[3] == 0 &&
           mul->binary.sb[1] == 676 && mul->binary.sb[2] == 26 && mul->binary.sb[3] == 1 && add->nslots == 1 &&
           add->slots[0].dims[0] == 256,
       "lower: an SE gate times a map is a broadcasting mul; x + 3 and hardsigmoid are tables");
  }

  /* conv -> bn -> relu -> max pool: one step computes all four (between
   * the input's and the output's) */
  Result r = run(LOWERED,
                 NET_HEAD
                 "        self.conv = nn.Conv2d(1, 4, 3)\n"
                 "        self.bn = nn.BatchNorm2d(4)\n"
                 "    def forward(self, x):\n"
                 "        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)\n",
                 NULL);
  const Step *conv = find_step(r.prog, "conv"), *pool = find_step(r.prog, "max_pool2d");
  ok(r.ok && r.prog->nsteps == 4 && conv && pool && conv->kind == STEP_CONV && conv->conv_pool == pool &&
         pool->pooled_by == conv && conv->out->at == PLACE_FUSED && conv->out->store == pool->out &&
         pool->out->at == PLACE_OWN && !find_buffer(r.prog, "relu", false) && pool->scratch == 0 &&
         conv->conv.kh == 3 && conv->conv.oh == 26 && pool->pool.g.kh == 2 && pool->pool.g.sh == 2,
     "lower: a conv's BatchNorm, ReLU and max pool are one step; only the pool's output is stored");

  /* fc1's chain ends after fc2's step: its output, written at fc1's step,
   * must outlive fc2's scratch (the C calls fc1's kernel at its head). */
  r = run(LOWERED,
          NET_HEAD
          "        self.fc1 = nn.Linear(8, 256)\n"
          "        self.fc2 = nn.Linear(8, 4)\n"
          "    def forward(self, x):\n"
          "        y = self.fc1(x)\n"
          "        z = self.fc2(x)\n"
          "        return torch.cat([F.relu(y), z], 1)\n",
          &(Opts){.shape = {1, 8}});
  const Buffer *y = find_buffer(r.prog, "relu", false), *s2 = find_buffer(r.prog, "fc2", true);
  bool good = r.ok && y && s2 && (s2->offset >= y->offset + y->bytes || y->offset >= s2->offset + s2->bytes);
  if (!ok(good, "lower: a fused chain's buffer is live from its head's step: no later scratch shares it"))
    diag_text("buffers", r.out);
}

/* ---------------------------------------------------- known bugs (TODO) */
static void test_known_bugs(void) {
  check_output("a submodule attribute set back to None is no longer called",
               run(SHAPES,
                   NET_HEAD
                   "        self.down = nn.Conv2d(1, 1, 1)\n"
                   "        self.down = None\n"
                   "        self.relu = nn.ReLU()\n"
                   "    def forward(self, x):\n"
                   "        if self.down is not None:\n"
                   "            x = self.down(x)\n"
                   "        return self.relu(x)\n",
                   NULL),
               "x [1, 1, 28, 28]; relu [1, 1, 28, 28]; output");

  EXPECT_ERROR("error: assigning a submodule before super().__init__()", NULL,
               "import torch.nn as nn\n"
               "\n"
               "class Net(nn.Module):\n"
               "    def __init__(self):\n"
               "        self.conv1 = nn.Conv2d(1, 8, 3)\n"
               "    def forward(self, x):\n"
               "        return self.conv1(x)\n",
               5, 9, "__init__");

  check_output("a @staticmethod called through self",
               run(SHAPES,
                   "import torch.nn as nn\n"
                   "\n"
                   "class Net(nn.Module):\n"
                   "    def __init__(self):\n"
                   "        super().__init__()\n"
                   "        self.body = self._make(1, 2)\n"
                   "    @staticmethod\n"
                   "    def _make(cin, cout):\n"
                   "        return nn.Conv2d(cin, cout, 3)\n"
                   "    def forward(self, x):\n"
                   "        return self.body(x)\n",
                   NULL),
               "x [1, 1, 28, 28]; body [1, 2, 26, 26]; output");
  todo = NULL;
}

int main(void) {
  ops_init();
  test_exprs();
  test_fx();
  test_table_json();
  test_errors();
  test_models();
  test_lower();
  test_known_bugs();
  printf("1..%d\n", ntests);
  if (ntodo_failed)
    printf("# %d known bug%s (TODO)\n", ntodo_failed, ntodo_failed == 1 ? "" : "s");
  if (nfailed)
    printf("# %d of %d tests failed\n", nfailed, ntests);
  arena_free_all();
  return nfailed ? 1 : 0;
}
