/* main.c: the pipeline, top to bottom:
 *   options -> load -> parse -> evaluate __init__ -> trace forward
 *   -> print the graph (--emit fx|graph|json)
 *   -> or: quantization passes -> lowered program -> rewritten Python,
 *      runtime, C -> files */
#include "config.h"
#include "qgen.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
  "usage: qgen [options] MODEL.py\n"
  "\n"
  "Reads a PyTorch model's source, traces its forward() without running Python,\n"
  "and writes the model quantized: DIR/STEM_q.py (calibrate, train, freeze,\n"
  "simulate, export), DIR/qgen_runtime.py, and DIR/STEM_q.c + .h (integer C).\n"
  "\n"
  "  -o, --output PATH        output directory (default: .); with --emit fx|graph|json,\n"
  "                           the file to write instead of standard output\n"
  "      --emit KIND          code (default), fx (what print(torch.fx.symbolic_trace(m))\n"
  "                           prints), graph (a node table with shapes), json\n"
  "      --class NAME         the model class (default: the nn.Module subclass that no\n"
  "                           other class in the file instantiates)\n"
  "      --arg NAME=VALUE     a constructor argument (repeatable); VALUE is a Python literal\n"
  "      --input-shape N,C,H,W  the input's shape (default: a '# qgen: input-shape=...'\n"
  "                           comment in the file, else 1,1,28,28)\n"
  "      --bits B             quantize()'s default num_bits, 2 to 8 (default 8; the C's\n"
  "                           sigmoid tables are sized for it)\n"
  "      --weights FILE       embed this weights file (written by export()) in the C\n"
  "      --depfile FILE       write a Make/Ninja depfile for the outputs\n"
  "      --template-dir DIR   use templates from DIR instead of the built-in ones\n"
  "                           (also $QGEN_TEMPLATE_DIR)\n"
  "  -h, --help               this text\n"
  "      --version            qgen's version\n";

typedef enum { EMIT_CODE, EMIT_FX, EMIT_GRAPH, EMIT_JSON } EmitKind;

typedef struct {
  const char *input;
  const char *output;
  const char *depfile;
  EmitKind emit;
  ModelOptions model;
  EmitOptions emit_opt;
  int shape[MAX_DIMS];
  int ndim;
} Options;

static void NORETURN usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "qgen: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'qgen --help'.\n");
  exit(2);
}

static int parse_shape(const char *s, int *shape) {
  int n = 0;
  while (*s) {
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v <= 0 || v > 1 << 20 || n == 4)
      return -1;
    shape[n++] = (int)v;
    s = end;
    if (*s == ',' || *s == 'x')
      s++;
    else if (*s)
      return -1;
  }
  return n;
}

static Options parse_options(int argc, char **argv) {
  enum { O_EMIT = 256, O_CLASS, O_ARG, O_SHAPE, O_WEIGHTS, O_DEPFILE, O_TEMPLATES, O_VERSION, O_BITS };
  static const struct option longopts[] = {
    {"output", required_argument, 0, 'o'}, {"emit", required_argument, 0, O_EMIT},
    {"class", required_argument, 0, O_CLASS}, {"arg", required_argument, 0, O_ARG},
    {"input-shape", required_argument, 0, O_SHAPE}, {"weights", required_argument, 0, O_WEIGHTS},
    {"depfile", required_argument, 0, O_DEPFILE}, {"template-dir", required_argument, 0, O_TEMPLATES},
    {"bits", required_argument, 0, O_BITS}, {"help", no_argument, 0, 'h'}, {"version", no_argument, 0, O_VERSION}, {0, 0, 0, 0}};
  Options o = {0};
  o.emit_opt.template_dir = getenv("QGEN_TEMPLATE_DIR");
  o.emit_opt.bits = 8;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': o.output = optarg; break;
    case O_EMIT:
      if (!strcmp(optarg, "code")) o.emit = EMIT_CODE;
      else if (!strcmp(optarg, "fx")) o.emit = EMIT_FX;
      else if (!strcmp(optarg, "graph")) o.emit = EMIT_GRAPH;
      else if (!strcmp(optarg, "json")) o.emit = EMIT_JSON;
      else usage_error("unknown --emit kind '%s' (code, fx, graph or json)", optarg);
      break;
    case O_CLASS: o.model.class_name = optarg; break;
    case O_ARG: {
      const char *eq = strchr(optarg, '=');
      if (!eq || eq == optarg)
        usage_error("--arg wants NAME=VALUE, got '%s'", optarg);
      if (o.model.nargs == 32)
        usage_error("too many --arg options%s", "");
      o.model.arg_names[o.model.nargs] = arena_strndup(optarg, (size_t)(eq - optarg));
      o.model.arg_values[o.model.nargs++] = eq + 1;
      break;
    }
    case O_SHAPE:
      if ((o.ndim = parse_shape(optarg, o.shape)) < 1)
        usage_error("--input-shape wants up to 4 positive sizes such as 1,1,28,28, got '%s'", optarg);
      break;
    case O_WEIGHTS: o.emit_opt.weights = optarg; break;
    case O_BITS: {
      char *end;
      long b = strtol(optarg, &end, 10);
      if (*end || b < 2 || b > 8)
        usage_error("--bits wants a number of bits from 2 to 8, got '%s'", optarg);
      o.emit_opt.bits = (int)b;
      break;
    }
    case O_DEPFILE: o.depfile = optarg; break;
    case O_TEMPLATES: o.emit_opt.template_dir = optarg; break;
    case 'h': fputs(usage, stdout); exit(0);
    case O_VERSION: puts("qgen " PACKAGE_VERSION); exit(0);
    case ':': usage_error("option '%s' needs an argument", argv[optind - 1]);
    default: usage_error("unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind != argc - 1)
    usage_error(optind < argc ? "expected one model file, got more: '%s'" : "expected a model file%s",
                optind < argc ? argv[optind + 1] : "");
  o.input = argv[optind];
  return o;
}

/* "# qgen: input-shape=1,3,32,32" in the source. */
static void shape_from_source(const Source *src, Options *o) {
  const char *key = "# qgen: input-shape=";
  const char *p = strstr(src->text, key);
  if (!p)
    return;
  const char *s = p + strlen(key);
  size_t n = strcspn(s, " \t\r\n");
  if ((o->ndim = parse_shape(arena_strndup(s, n), o->shape)) < 1)
    error_at(loc_of_byte(src, (uint32_t)(s - src->text)), "bad input shape '%.*s' (want N,C,H,W)", (int)n, s);
}

/* ------------------------------------------------------------ outputs */
typedef struct {
  const char *path;
  Buf text;
} Output;

static Output outputs[8];
static int noutputs;

static Buf *output(const char *path) {
  outputs[noutputs].path = path;
  return &outputs[noutputs++].text;
}

/* Every output goes to PATH.tmp first; only when all are written are they
 * renamed, so a failed run leaves nothing half-written. */
static void write_outputs(void) {
  for (int i = 0; i < noutputs; i++) {
    const char *tmp = format("%s.tmp", outputs[i].path);
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(outputs[i].text.data, 1, outputs[i].text.len, f) != outputs[i].text.len || fclose(f)) {
      int e = errno;
      remove(tmp);
      for (int k = 0; k < i; k++)
        remove(format("%s.tmp", outputs[k].path));
      fatal("cannot write %s: %s", outputs[i].path, strerror(e));
    }
  }
  for (int i = 0; i < noutputs; i++)
    if (rename(format("%s.tmp", outputs[i].path), outputs[i].path))
      fatal("cannot rename %s.tmp: %s", outputs[i].path, strerror(errno));
}

static const char *stem_of(const char *path) {
  const char *base = base_name(path);
  size_t n = strlen(base);
  if (n > 3 && !strcmp(base + n - 3, ".py"))
    n -= 3;
  return arena_strndup(base, n);
}

static void write_depfile(const Options *o, const char *first_target) {
  Buf *d = output(o->depfile);
  buf_printf(d, "%s:", first_target);
  buf_printf(d, " %s", o->input);
  if (o->emit_opt.weights)
    buf_printf(d, " %s", o->emit_opt.weights);
  if (o->emit_opt.template_dir && o->emit == EMIT_CODE) {
    static const char *templates[] = {"qgen_runtime.py", "qgen_kernels.c", "model_q.c", "model_q.h"};
    for (size_t i = 0; i < sizeof templates / sizeof *templates; i++)
      buf_printf(d, " %s/%s", o->emit_opt.template_dir, templates[i]);
  }
  buf_putc(d, '\n');
}

int main(int argc, char **argv) {
  Options o = parse_options(argc, argv);
  ops_init();

  Source *src = source_load(o.input);
  if (!src)
    fatal("cannot read %s: %s", o.input, strerror(errno));
  Parsed *parsed = parse_source(src);
  if (!o.ndim)
    shape_from_source(src, &o);
  if (!o.ndim) {
    static const int fashion_mnist[4] = {1, 1, 28, 28};
    memcpy(o.shape, fashion_mnist, sizeof fashion_mnist);
    o.ndim = 4;
  }

  Interp *in = interp_new(parsed);
  interp_exec_module(in);
  ClassDef *cls = find_model_class(in, o.model.class_name);
  Value *model = instantiate_model(in, cls, &o.model);
  Graph *g = trace_forward(in, model, o.shape, o.ndim, node_loc(src, cls->node));

  if (o.emit != EMIT_CODE) {
    Buf *b = o.output ? output(o.output) : &(Buf){0};
    if (o.emit == EMIT_FX)
      emit_fx(b, g);
    else if (o.emit == EMIT_GRAPH)
      emit_table(b, g);
    else
      emit_json(b, g);
    if (o.depfile)
      write_depfile(&o, o.output ? o.output : "-");
    if (o.output)
      write_outputs();
    else
      fwrite(b->data, 1, b->len, stdout);
  } else {
    EmitOptions *eo = &o.emit_opt;
    pass_quantize_plan(g);
    Program *prog = lower(g, eo->bits);
    if (eo->weights && !(eo->weights_data = source_load(eo->weights)))
      fatal("cannot read weights %s", eo->weights);
    eo->stem = stem_of(o.input);
    const char *dir = o.output ? o.output : ".";
    struct stat st;
    if (stat(dir, &st) && mkdir(dir, 0777) && errno != EEXIST)
      fatal("cannot create directory %s: %s", dir, strerror(errno));
    const char *py = format("%s/%s_q.py", dir, eo->stem);
    emit_python(output(py), prog, parsed, eo);
    emit_runtime_py(output(format("%s/qgen_runtime.py", dir)), eo);
    Buf *c_source = output(format("%s/%s_q.c", dir, eo->stem));
    emit_c(c_source, output(format("%s/%s_q.h", dir, eo->stem)), prog, eo);
    if (o.depfile)
      write_depfile(&o, py);
    write_outputs();
  }
  parse_free(parsed);
  arena_free_all();
  return 0;
}
