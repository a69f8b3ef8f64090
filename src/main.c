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
  "      --model EXPR         the model: a Python expression evaluated in the file's\n"
  "                           namespace, such as 'resnet18()' or \"ResNet(Block, [2, 2])\"\n"
  "                           (default: a '# qgen: model=EXPR' comment in the file, else\n"
  "                           the nn.Module subclass no other class instantiates)\n"
  "      --class NAME         the model class; with --arg NAME=VALUE (repeatable, VALUE a\n"
  "                           Python literal), the same as --model 'NAME(NAME=VALUE, ...)'\n"
  "      --input-shape N,C,H,W  the input's shape (default: a '# qgen: input-shape=...'\n"
  "                           comment in the file); --emit fx needs none unless forward()\n"
  "                           depends on it, code generation always does\n"
  "  -I DIR                   look for imported modules in DIR too (repeatable; after the\n"
  "                           input file's package root, before $PYTHONPATH)\n"
  "      --stub-dir DIR       stubs (modules qgen runs instead of the real ones) in DIR\n"
  "      --bits B             quantize()'s default num_bits, 2 to 8 (default 8; the C's\n"
  "                           tables are sized for it)\n"
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
  ImportOptions imports;
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
  enum { O_EMIT = 256, O_CLASS, O_ARG, O_SHAPE, O_WEIGHTS, O_DEPFILE, O_TEMPLATES, O_VERSION, O_BITS, O_MODEL, O_STUBS };
  static const struct option longopts[] = {
    {"output", required_argument, 0, 'o'}, {"emit", required_argument, 0, O_EMIT},
    {"model", required_argument, 0, O_MODEL}, {"stub-dir", required_argument, 0, O_STUBS},
    {"class", required_argument, 0, O_CLASS}, {"arg", required_argument, 0, O_ARG},
    {"input-shape", required_argument, 0, O_SHAPE}, {"weights", required_argument, 0, O_WEIGHTS},
    {"depfile", required_argument, 0, O_DEPFILE}, {"template-dir", required_argument, 0, O_TEMPLATES},
    {"bits", required_argument, 0, O_BITS}, {"help", no_argument, 0, 'h'}, {"version", no_argument, 0, O_VERSION}, {0, 0, 0, 0}};
  Options o = {0};
  o.emit_opt.template_dir = getenv("QGEN_TEMPLATE_DIR");
  o.emit_opt.bits = 8;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":o:hI:", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': o.output = optarg; break;
    case O_MODEL: o.model.expr = optarg; break;
    case 'I':
      if (o.imports.ndirs == 32)
        usage_error("too many -I options%s", "");
      o.imports.dirs[o.imports.ndirs++] = optarg;
      break;
    case O_STUBS:
      if (o.imports.nstub_dirs == 16)
        usage_error("too many --stub-dir options%s", "");
      o.imports.stub_dirs[o.imports.nstub_dirs++] = optarg;
      break;
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
      if (shape_numel(o.shape, o.ndim) > QGEN_MAX_NUMEL)
        usage_error("--input-shape '%s' is past qgen's limit of 2147483647 elements per tensor", optarg);
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
  if (o.model.expr && (o.model.class_name || o.model.nargs))
    usage_error("--model names the model already; --class and --arg are another way to%s", "");
  if (optind != argc - 1)
    usage_error(optind < argc ? "expected one model file, got more: '%s'" : "expected a model file%s",
                optind < argc ? argv[optind + 1] : "");
  o.input = argv[optind];
  return o;
}

/* "# qgen: KEY=VALUE" in the source: VALUE's offset, or NULL. */
static const char *comment_value(const Source *src, const char *key, size_t *len, bool to_eol) {
  const char *p = strstr(src->text, format("# qgen: %s=", key));
  if (!p)
    return NULL;
  const char *s = p + strlen(key) + 9;
  *len = to_eol ? strcspn(s, "\r\n") : strcspn(s, " \t\r\n");
  while (to_eol && *len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
    (*len)--;
  return s;
}

/* "# qgen: input-shape=1,3,32,32" in the source. */
static void shape_from_source(const Source *src, Options *o) {
  size_t n;
  const char *s = comment_value(src, "input-shape", &n, false);
  if (s && (o->ndim = parse_shape(arena_strndup(s, n), o->shape)) < 1)
    error_at(loc_of_byte(src, (uint32_t)(s - src->text)), "bad input shape '%.*s' (want N,C,H,W)", (int)n, s);
  if (s)
    shape_check(o->shape, o->ndim, loc_of_byte(src, (uint32_t)(s - src->text)));
}

/* The --model expression as a source of its own; from a `# qgen: model=`
 * comment, placed (in parentheses) at its line and column in the file, so
 * that errors point into the comment. */
static const Source *model_source(const Source *src, const Options *o) {
  if (o->model.expr)
    return source_from_string("--model", o->model.expr);
  size_t n;
  const char *s = o->model.class_name ? NULL : comment_value(src, "model", &n, true);
  if (!s)
    return NULL;
  Loc at = loc_of_byte(src, (uint32_t)(s - src->text));
  Buf b = {0};
  for (uint32_t i = 1; i < at.line; i++)
    buf_putc(&b, '\n');
  buf_putc(&b, '(');
  for (uint32_t i = 2; i < at.col; i++)
    buf_putc(&b, ' ');
  buf_printf(&b, "%.*s)", (int)n, s);
  Source *e = source_from_string(src->path, buf_str(&b));
  e->display = src;
  return e;
}

/* Code needs the input's shape; say which, from the first layer. */
static void NORETURN shape_needed(Graph *g, Loc model_loc) {
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->op != N_CALL_MODULE || !n->module || !n->module->params)
      continue;
    const OpDef *d = n->def;
    if (d->id == OP_CONV2D)
      error_at(model_loc, "generating code needs the input's shape, and none was given: the first conv takes "
                          "%lld channels, so give --input-shape 1,%lld,H,W (or a '# qgen: input-shape=1,%lld,H,W' comment)",
               (long long)param(d, n->module->params, "in_channels")->i, (long long)param(d, n->module->params, "in_channels")->i,
               (long long)param(d, n->module->params, "in_channels")->i);
    if (d->id == OP_LINEAR)
      error_at(model_loc, "generating code needs the input's shape, and none was given: the first layer is a Linear "
                          "of %lld features, so give --input-shape 1,%lld",
               (long long)param(d, n->module->params, "in_features")->i, (long long)param(d, n->module->params, "in_features")->i);
    break;
  }
  error_at(model_loc, "generating code needs the input's shape, and none was given: give --input-shape N,C,H,W "
                      "or a '# qgen: input-shape=N,C,H,W' comment in the model file");
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
  /* every file the model's imports read, and stubs from --stub-dir */
  const char *files[1024];
  int n = module_files(files, 1024);
  for (int i = 0; i < n; i++)
    buf_printf(d, " %s", files[i]);
  if (o->emit_opt.weights)
    buf_printf(d, " %s", o->emit_opt.weights);
  if (o->emit_opt.template_dir && o->emit == EMIT_CODE) {
    static const char *templates[] = {"qgen_runtime.py", "model_q.c", "model_q.h"};
    for (size_t i = 0; i < sizeof templates / sizeof *templates; i++)
      buf_printf(d, " %s/%s", o->emit_opt.template_dir, templates[i]);
    for (const char *const *k = kernel_templates; *k; k++)
      buf_printf(d, " %s/%s", o->emit_opt.template_dir, *k);
  }
  buf_putc(d, '\n');
}

/* The pipeline from a loaded source to the outputs, all in memory
 * (outputs[], written by main); *parsed is set as soon as there is a tree,
 * so that a caller that traps errors can free it. The fuzz harness
 * (tests/fuzz/fuzz_pipeline.c) runs the same stages on many inputs. */
static void compile(Options *o, Source *src, Parsed **parsed) {
  *parsed = parse_source(src);
  if (!o->ndim)
    shape_from_source(src, o);

  Interp *in = interp_new(*parsed, &o->imports);
  Loc model_loc;
  Value *model = build_model(in, &o->model, model_source(src, o), &model_loc);
  Graph *g = trace_forward(in, model, o->shape, o->ndim, model_loc);
  if (!o->ndim && o->emit == EMIT_CODE)
    shape_needed(g, model_loc);

  if (o->emit != EMIT_CODE) {
    Buf *b = output(o->output ? o->output : "-");
    if (o->emit == EMIT_FX)
      emit_fx(b, g);
    else if (o->emit == EMIT_GRAPH)
      emit_table(b, g);
    else
      emit_json(b, g);
    if (o->depfile)
      write_depfile(o, o->output ? o->output : "-");
  } else {
    EmitOptions *eo = &o->emit_opt;
    pass_quantize_plan(g);
    Program *prog = lower(g, eo->bits);
    if (eo->weights && !(eo->weights_data = source_load(eo->weights)))
      fatal("cannot read weights %s", eo->weights);
    eo->stem = stem_of(o->input);
    const char *dir = o->output ? o->output : ".";
    const char *py = format("%s/%s_q.py", dir, eo->stem);
    emit_python(output(py), prog, eo);
    emit_runtime_py(output(format("%s/qgen_runtime.py", dir)), eo);
    Buf *c_source = output(format("%s/%s_q.c", dir, eo->stem));
    emit_c(c_source, output(format("%s/%s_q.h", dir, eo->stem)), prog, eo);
    if (o->depfile)
      write_depfile(o, py);
  }
}

#ifndef QGEN_NO_MAIN
int main(int argc, char **argv) {
  Options o = parse_options(argc, argv);
  ops_init();

  Source *src = source_load(o.input);
  if (!src)
    fatal("cannot read %s: %s", o.input, strerror(errno));
  Parsed *parsed;
  compile(&o, src, &parsed);
  if (o.emit != EMIT_CODE && !o.output) {
    fwrite(outputs[0].text.data, 1, outputs[0].text.len, stdout);
  } else {
    if (o.emit == EMIT_CODE) {
      const char *dir = o.output ? o.output : ".";
      struct stat st;
      if (stat(dir, &st) && mkdir(dir, 0777) && errno != EEXIST)
        fatal("cannot create directory %s: %s", dir, strerror(errno));
    }
    write_outputs();
  }
  modules_free();
  parse_free(parsed);
  arena_free_all();
  return 0;
}
#endif
