/* fuzz.h: what the qgen fuzz harnesses share (see README.md here).
 *
 * The harness is built with main.c itself (QGEN_NO_MAIN drops main()), so
 * that it runs the very stages and helpers the command line runs:
 * parse_source, the `# qgen:` comments, build_model, trace_forward, then
 * every emitter into memory.  A user error unwinds to the harness's
 * error_trap; its diagnostic goes to an in-memory stream and must be
 * located ("FILE:LINE:COL: error:"), or the harness aborts (a finding).
 * After each input the trees and module cache are freed and the arena is
 * released back to the mark made after ops_init, so that LeakSanitizer sees
 * anything that outlives an input. */
#define QGEN_NO_MAIN
#include "../../src/main.c"

#include <stdint.h>

static ArenaMark fuzz_mark;
static char fuzz_diag_buf[1 << 16];
static FILE *fuzz_diag;
static Parsed *fuzz_parsed;   /* static: it must survive the longjmp */

static void fuzz_init(void) {
  static bool done;
  if (done)
    return;
  done = true;
  ops_init();
  fuzz_mark = arena_mark();
  fuzz_diag = fmemopen(fuzz_diag_buf, sizeof fuzz_diag_buf, "w");
  if (!fuzz_diag)
    abort();
  setvbuf(fuzz_diag, NULL, _IONBF, 0);
  error_stream = getenv("QGEN_FUZZ_STDERR") ? stderr : fuzz_diag;
}

/* A diagnostic must say where: PATH:LINE:COL: error: (PATH one of the
 * input's files, or --model).  Anything else is a finding. */
static void fuzz_check_diag(void) {
  if (error_stream != fuzz_diag)
    return;
  fflush(fuzz_diag);
  long n = ftell(fuzz_diag);
  if (n <= 0) {
    fprintf(stderr, "qgen fuzz: an error with no diagnostic\n");
    abort();
  }
  fuzz_diag_buf[n < (long)sizeof fuzz_diag_buf ? n : (long)sizeof fuzz_diag_buf - 1] = 0;
  const char *p = fuzz_diag_buf;
  const char *colon = strchr(p, ':');
  unsigned line, col;
  char kind[8];
  if (!colon || sscanf(colon, ":%u:%u: %7[a-z]:", &line, &col, kind) != 3 || strcmp(kind, "error") || line < 1 ||
      col < 1) {
    fprintf(stderr, "qgen fuzz: an error without a location:\n%s\n", fuzz_diag_buf);
    abort();
  }
}

/* Compile src as `qgen` would, with every emitter: --emit fx, graph and
 * json, then (when there is an input shape) the code.  Returns 0 when the
 * model compiled, 1 on a (located) user error. */
static int fuzz_compile(Source *src, const ImportOptions *imports) {
  static Options o;
  static jmp_buf jb;
  memset(&o, 0, sizeof o);
  o.input = src->path;
  o.emit_opt.bits = 8;
  if (imports)
    o.imports = *imports;
  fuzz_parsed = NULL;
  noutputs = 0;
  memset(outputs, 0, sizeof outputs);
  error_capture = NULL;
  rewind(fuzz_diag);
  error_trap = &jb;
  int failed = 0;
  if (setjmp(jb) == 0) {
    fuzz_parsed = parse_source(src);
    shape_from_source(src, &o);
    Interp *in = interp_new(fuzz_parsed, &o.imports);
    Loc model_loc;
    Value *model = build_model(in, &o.model, model_source(src, &o), &model_loc);
    Graph *g = trace_forward(in, model, o.shape, o.ndim, model_loc);
    emit_fx(output("fx"), g);
    emit_table(output("graph"), g);
    emit_json(output("json"), g);
    if (o.ndim) {
      EmitOptions *eo = &o.emit_opt;
      pass_quantize_plan(g);
      Program *prog = lower(g, eo->bits);
      eo->stem = stem_of(o.input);
      emit_python(output("py"), prog, eo);
      emit_runtime_py(output("runtime"), eo);
      Buf *c = output("c");
      emit_c(c, output("h"), prog, eo);
    }
  } else {
    failed = 1;
    fuzz_check_diag();
  }
  error_trap = NULL;
  error_capture = NULL;
  modules_free();
  parse_free(fuzz_parsed);
  fuzz_parsed = NULL;
  arena_release(fuzz_mark);
  return failed;
}

/* A source from the fuzzer's bytes (copied: qgen wants it NUL-terminated). */
static Source *fuzz_source(const char *path, const uint8_t *data, size_t size) {
  char *text = arena_alloc(size + 1);
  memcpy(text, data, size);
  return source_from_buffer(path, text, size);
}
