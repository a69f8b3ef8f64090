/* emit_py.c: the rewritten Python. The user's file is copied byte for byte;
 * two things are added: an import of the runtime after the file's imports,
 * and, at the end of the model class, the methods printed from the lowered
 * program (quantize, quantize_forward, freeze, quantize_inference, export),
 * one statement per step, each with a comment pointing to its source line. */
#include "qgen.h"
#include <string.h>

typedef struct {
  Buf *b;
  const char *ind;     /* the class body's indentation */
  const Program *p;
  const char *file;    /* the input's base name, for comments */
} Py;

static void line(Py *p, int depth, const Node *n, const char *fmt, ...) PRINTF(4, 5);
static void line(Py *p, int depth, const Node *n, const char *fmt, ...) {
  for (int i = 0; i < depth; i++)
    buf_puts(p->b, p->ind);
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(p->b, fmt, ap);
  va_end(ap);
  if (n && n->loc.line)
    buf_printf(p->b, "  # %s:%u", p->file, n->loc.line);
  buf_putc(p->b, '\n');
}

static const char *repr(const Value *v) {
  Buf b = {0};
  v_repr(&b, v);
  return buf_str(&b);
}

/* The activation tuple the runtime takes: None, ('relu',), ('relu6',), ('hardtanh', lo, hi). */
static const char *act_tuple(Act a) {
  switch (a.kind) {
  case ACT_NONE: return "None";
  case ACT_RELU: return "('relu',)";
  case ACT_RELU6: return "('relu6',)";
  case ACT_HARDTANH: return format("('hardtanh', %s, %s)", repr(a.lo), repr(a.hi));
  }
  unreachable();
}

static const char *submodule(const Node *n) { return format("self.get_submodule(%s)", repr(v_str(n->target))); }

/* The step's hyperparameters, as the runtime module's first arguments. */
static const char *hyper(const Step *s) {
  Buf b = {0};
  for (int i = 0; i < s->nhyper; i++)
    buf_printf(&b, "%s%s", i ? ", " : "", repr(s->hyper[i]));
  return buf_str(&b);
}

/* The runtime module of a step. */
static const char *qmodule_ctor(const Step *s) {
  const char *d = s->spatial == 1 ? "1d" : "2d";
  switch (s->kind) {
  case STEP_QUANTIZE: return "qgen_rt.QInput(num_bits)";
  case STEP_CONV:
    if (s->spread.bytes)
      return format("qgen_rt.QConvTranspose2d(%s, %s, num_bits, per_channel, act=%s)", submodule(s->node),
                    s->fused_bn ? submodule(s->fused_bn) : "None", act_tuple(s->act));
    return format("qgen_rt.QConv%s(%s, %s, num_bits, per_channel, act=%s)", d, submodule(s->node),
                  s->fused_bn ? submodule(s->fused_bn) : "None", act_tuple(s->act));
  case STEP_LINEAR:
    return format("qgen_rt.QLinear(%s, num_bits, per_channel, act=%s)", submodule(s->node), act_tuple(s->act));
  case STEP_BATCHNORM:
    return format("qgen_rt.QBatchNorm%s(%s, num_bits, per_channel, act=%s)", d, submodule(s->node), act_tuple(s->act));
  case STEP_CLAMP: return format("qgen_rt.QReLU(%s)", act_tuple(s->act));
  case STEP_MAXPOOL:
    return s->pool.adaptive ? format("qgen_rt.QAdaptiveMaxPool2d(%s)", hyper(s)) : format("qgen_rt.QMaxPool%s(%s)", d, hyper(s));
  case STEP_PAD: return format("qgen_rt.QPad(%s)", hyper(s));
  case STEP_PRELU: return format("qgen_rt.QPReLU(%s, num_bits, act=%s)", submodule(s->node), act_tuple(s->act));
  case STEP_AVGPOOL: return format("qgen_rt.QAvgPool%s(%s)", d, hyper(s));
  case STEP_ADAPTIVE_AVGPOOL: return format("qgen_rt.QAdaptiveAvgPool%s(%s)", d, hyper(s));
  case STEP_ADD: return format("qgen_rt.QAdd(num_bits, act=%s%s)", act_tuple(s->act), s->binary.sub ? ", sub=True" : "");
  case STEP_CAT: return format("qgen_rt.QCat(%s, num_bits)", hyper(s));
  case STEP_MUL: return format("qgen_rt.QMul(num_bits, act=%s)", act_tuple(s->act));
  case STEP_PERMUTE: return format("qgen_rt.QPermute(%s)", hyper(s));
  case STEP_MEAN: return format("qgen_rt.QMean(%s)", hyper(s));
  case STEP_UPSAMPLE: return format("qgen_rt.QUpsample(%s)", hyper(s));
  case STEP_SOFTMAX:
    return format("qgen_rt.QSoftmax(%s, num_bits%s)", hyper(s), s->softmax.log ? ", log=True" : "");
  case STEP_LUT:
    return format("qgen_rt.QLut('%s', num_bits%s%s, act=%s)", s->fn, s->nhyper ? ", " : "", hyper(s), act_tuple(s->act));
  default: unreachable();
  }
}

/* The step's inputs by name, or (suffix ".qo") their parameters' modules. */
static const char *inputs(const Step *s, const char *suffix) {
  Buf b = {0};
  for (int k = 0; k < s->nin; k++) {
    const Tensor *in = s->in[k];
    if (suffix)
      buf_printf(&b, "%sself.q_%s%s", k ? ", " : "", in->qsrc->node->name, suffix);
    else
      buf_printf(&b, "%s%s", k ? ", " : "", in->node->name);
  }
  return buf_str(&b);
}

static const char *statement(const Step *s) {
  Buf b = {0};
  if (s->alias)
    buf_printf(&b, "%s = %s", s->node->name, s->in[0]->node->name);   /* eval: the function returns its input */
  else
    node_statement(&b, s->stmt);
  return buf_str(&b);
}

/* forward() with fake quantization: each runtime module in its node's place. */
static void emit_quantize_forward(Py *p) {
  for (int i = 0; i < p->p->nsteps; i++) {
    const Step *s = &p->p->steps[i];
    const Node *n = s->node;
    if (s->kind == STEP_QUANTIZE)
      line(p, 2, n, "%s = self.q_%s(%s)", n->name, n->name, n->target);
    else if (s->module)
      line(p, 2, n, "%s = self.q_%s(%s)", s->out->node->name, n->name, inputs(s, NULL));
    else
      line(p, 2, s->kind == STEP_DEQUANTIZE ? NULL : n, "%s", statement(s));
  }
}

/* The integer inference: the same steps on codes. */
static void emit_quantize_inference(Py *p) {
  for (int i = 0; i < p->p->nsteps; i++) {
    const Step *s = &p->p->steps[i];
    const Node *n = s->node;
    if (s->kind == STEP_QUANTIZE)
      line(p, 2, n, "%s = self.q_%s.quantize(%s)", n->name, n->name, n->target);
    else if (s->module)
      line(p, 2, n, "%s = self.q_%s.infer(%s)", s->out->node->name, n->name, inputs(s, NULL));
    else if (s->kind == STEP_IDENTITY)
      line(p, 2, n, "%s = %s", n->name, s->in[0]->node->name);
    else if (s->kind == STEP_DEQUANTIZE)
      line(p, 2, NULL, "return self.q_%s.qo.dequantize(%s)", s->in[0]->qsrc->node->name, s->in[0]->node->name);
    else
      line(p, 2, n, "%s", statement(s));
  }
}

static void emit_methods(Py *p) {
  const Program *prog = p->p;
  const Step *steps = prog->steps;
  line(p, 1, NULL, "# ---- generated by qgen from %s (%s): do not edit below ----", p->file, prog->class_name);
  line(p, 1, NULL, "QGEN_FINGERPRINT = 0x%016llx", (unsigned long long)prog->fingerprint);
  buf_putc(p->b, '\n');

  line(p, 1, NULL, "def quantize(self, num_bits=%d, per_channel=True):", prog->bits);
  line(p, 2, NULL, "\"\"\"Wrap this model's modules in quantized ones (observers, fake quantization).\"\"\"");
  for (int i = 0; i < prog->nsteps; i++)
    if (steps[i].module)
      line(p, 2, steps[i].node, "self.q_%s = %s", steps[i].node->name, qmodule_ctor(&steps[i]));
  line(p, 2, NULL, "self.train(self.training)  # the new modules follow the model's mode");
  buf_putc(p->b, '\n');

  line(p, 1, NULL, "def quantize_forward(self, %s):", steps[0].node->target);
  line(p, 2, NULL, "\"\"\"forward() with fake quantization: calibration (no_grad, eval) and QAT (train).\"\"\"");
  emit_quantize_forward(p);
  buf_putc(p->b, '\n');

  line(p, 1, NULL, "def freeze(self):");
  line(p, 2, NULL, "\"\"\"Turn the observed ranges into integer parameters.\"\"\"");
  for (int i = 0; i < prog->nsteps; i++)
    if (steps[i].module)
      line(p, 2, NULL, "self.q_%s.freeze(%s)", steps[i].node->name, inputs(&steps[i], ".qo"));
  buf_putc(p->b, '\n');

  line(p, 1, NULL, "def quantize_inference(self, %s):", steps[0].node->target);
  line(p, 2, NULL, "\"\"\"Integer-only inference, exactly as the generated C: float in, float out.\"\"\"");
  emit_quantize_inference(p);
  buf_putc(p->b, '\n');

  line(p, 1, NULL, "def export(self, path):");
  line(p, 2, NULL, "\"\"\"Write the integer parameters for the C inference (format: docs/quantization.md).\"\"\"");
  line(p, 2, NULL, "qgen_rt.export(path, self.QGEN_FINGERPRINT, [");
  for (int i = 0; i < prog->norder; i++)
    line(p, 3, NULL, "('%s', self.q_%s),", prog->order[i]->wname ? prog->order[i]->wname : prog->order[i]->node->name,
         prog->order[i]->node->name);
  line(p, 2, NULL, "])");
}

/* The user's text from byte a to b, with the program's edits applied: a
 * relative import made absolute keeps what it was in a comment. */
static void put_source(Buf *b, const Program *prog, uint32_t a, uint32_t z) {
  const char *t = prog->src->text;
  for (int i = 0; i < prog->nedits; i++) {
    const TextEdit *e = &prog->edits[i];
    if (e->start < a || e->end > z)
      continue;
    buf_putn(b, t + a, e->start - a);
    buf_puts(b, e->text);
    a = e->end;
    /* the rest of the statement's line, then the note */
    const char *eol = strchr(t + a, '\n');
    uint32_t line_end = eol ? (uint32_t)(eol - t) : (uint32_t)prog->src->len;
    if (line_end > z)
      line_end = z;
    buf_putn(b, t + a, line_end - a);
    buf_printf(b, "  # qgen: was %.*s", (int)(e->end - e->start), t + e->start);
    a = line_end;
  }
  buf_putn(b, t + a, z - a);
}

void emit_python(Buf *b, const Program *prog, const EmitOptions *opt) {
  const Parsed *parsed = prog->parsed;
  const Source *src = parsed->src;
  TSNode cls = prog->cls->node;
  TSNode body = field(cls, FLD_body);
  uint32_t col = ts_node_start_point(ts_node_named_child(body, 0)).column;
  size_t line_len;
  const char *first = source_line(src, ts_node_start_point(ts_node_named_child(body, 0)).row + 1, &line_len);
  Py p = {b, arena_strndup(first, col), prog, base_name(src->path)};

  /* after the last top-level import, the runtime's import */
  uint32_t import_end = 0;
  for (uint32_t i = 0; i < ts_node_named_child_count(parsed->root); i++) {
    TSNode s = ts_node_named_child(parsed->root, i);
    if ((sym(s) == SYM_import_statement || sym(s) == SYM_import_from_statement ||
         sym(s) == SYM_future_import_statement) && ts_node_start_byte(s) < ts_node_start_byte(cls))
      import_end = ts_node_end_byte(s);
  }
  uint32_t class_end = ts_node_end_byte(cls);
  put_source(b, prog, 0, import_end);
  buf_puts(b, import_end ? "\n" : "");
  buf_puts(b, "import qgen_runtime as qgen_rt  # added by qgen: the quantization runtime");
  buf_puts(b, import_end ? "" : "\n");
  put_source(b, prog, import_end, class_end);
  buf_puts(b, "\n\n");
  emit_methods(&p);
  buf_printf(b, "%s# ---- end of qgen's code ----", p.ind);
  put_source(b, prog, class_end, (uint32_t)src->len);
  if (class_end == src->len)
    buf_putc(b, '\n');
}

void emit_runtime_py(Buf *b, const EmitOptions *opt) { buf_puts(b, template_text("qgen_runtime.py", opt)); }
