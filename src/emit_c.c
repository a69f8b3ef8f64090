/* emit_c.c: the C inference, from templates/model_q.c and model_q.h.
 * The kernels (templates/qgen_kernels.c) are pasted in; what is generated
 * is the tensor table the weights file must match, the shapes, the arena
 * plan, the parameter checks of init, and one kernel call per node. */
#include "qgen.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  Graph *g;
  const EmitOptions *opt;
  const char *model, *MODEL;   /* "net", "NET" */
  Node **order;                /* quantized modules, in export() order */
  int norder;
  int ntensors;
  int64_t arena, total;
  int64_t *scratch_off;        /* by node index */
  int64_t *scratch_size;
} C;

static const char *upper(const char *s) {
  char *u = arena_strdup(s);
  for (char *p = u; *p; p++)
    *p = (char)toupper((unsigned char)*p);
  return u;
}

static int64_t per_image(const Node *n) {
  return n->ndim > 1 ? shape_numel(n->shape, n->ndim) / n->shape[0] : shape_numel(n->shape, n->ndim);
}

/* The node whose buffer holds n's codes. */
static Node *storage(Node *n) {
  if (n->alias)
    n = n->alias;
  if (n->fused_into)
    n = n->fused_into;
  if (n->q == Q_CONV && n->tail->c_pool)
    return n->tail->c_pool;
  return n->tail ? n->tail : n;
}

static const char *buf_of(C *c, Node *n) { return format("a + %s_OFF_%s", c->MODEL, upper(storage(n)->name)); }

/* ---------------------------------------------------------- geometry */
/* A convolution's geometry: a Conv2d's, or a standalone BatchNorm2d's,
 * which the C computes as a depthwise 1x1 convolution. */
typedef struct {
  int64_t c, h, w, o, oh, ow, kh, kw, groups, sh, sw, ph, pw, dh, dw;
} Geom;

static Geom geom(Node *n) {
  Node *in = node_input(n, 0);
  Geom g = {in->shape[1], in->shape[2], in->shape[3], n->shape[1], n->shape[2], n->shape[3], 1, 1, in->shape[1],
            1, 1, 0, 0, 1, 1};
  if (n->q == Q_BATCHNORM)
    return g;
  Value **p = n->module->params;
  const OpDef *op = n->def;
  Value *ks = param(op, p, "kernel_size"), *st = param(op, p, "stride"), *dl = param(op, p, "dilation");
  Value *pad = param(op, p, "padding");
  g.kh = ks->list->items[0]->i, g.kw = ks->list->items[1]->i;
  g.sh = st->list->items[0]->i, g.sw = st->list->items[1]->i;
  g.dh = dl->list->items[0]->i, g.dw = dl->list->items[1]->i;
  g.groups = as_int(param(op, p, "groups"), "groups", n->loc);
  if (pad->kind == V_STR) {
    bool same = !strcmp(pad->s, "same");
    g.ph = same ? g.dh * (g.kh - 1) / 2 : 0;
    g.pw = same ? g.dw * (g.kw - 1) / 2 : 0;
  } else {
    g.ph = pad->list->items[0]->i;
    g.pw = pad->list->items[1]->i;
  }
  return g;
}

static bool is_conv(const Node *n) { return n->q == Q_CONV || n->q == Q_BATCHNORM; }

/* ----------------------------------------------------------- tensors */
typedef struct {
  const char *field, *dtype;
  int ndim;
  int64_t dims[4];
  const char *doc;
} Entry;

static int fields_of(C *c, Node *n, Entry *f) {
  int k = 0;
  switch (n->q) {
  case Q_INPUT:
    f[k++] = (Entry){"i", "QG_I32", 1, {3}, "zp, qmin, qmax"};
    f[k++] = (Entry){"f", "QG_F32", 1, {1}, "scale"};
    break;
  case Q_CONV: case Q_BATCHNORM: case Q_LINEAR: {
    int64_t o;
    f[k++] = (Entry){"i", "QG_I32", 1, {4}, "zp_in, zp_out, act_min, act_max"};
    if (is_conv(n)) {
      Geom g = geom(n);
      o = g.o;
      f[k++] = (Entry){"w", "QG_I8", 4, {g.o, g.c / g.groups, g.kh, g.kw}, NULL};
    } else {
      o = per_image(n);
      f[k++] = (Entry){"w", "QG_I8", 2, {o, per_image(node_input(n, 0))}, NULL};
    }
    f[k++] = (Entry){"b", "QG_I32", 1, {o}, "bias at s_in * s_w"};
    f[k++] = (Entry){"m", "QG_I32", 1, {o}, "multipliers"};
    f[k++] = (Entry){"s", "QG_I32", 1, {o}, "shifts"};
    break;
  }
  case Q_ADD:
    f[k++] = (Entry){"i", "QG_I32", 1, {12}, "zp1, zp2, zp_out, left_shift, m1, sh1, m2, sh2, mo, sho, act_min, act_max"};
    break;
  case Q_CAT:
    f[k++] = (Entry){"i", "QG_I32", 1, {4 + 3 * node_ninputs(n)}, "zp_out, qmin, qmax, n, then zp, m, sh per input"};
    break;
  case Q_RELU: case Q_RELU6: case Q_HARDTANH:
    f[k++] = (Entry){"i", "QG_I32", 1, {2}, "act_min, act_max"};
    break;
  case Q_AVGPOOL: case Q_ADAPTIVE_AVGPOOL:
    f[k++] = (Entry){"i", "QG_I32", 1, {1}, "zp_in"};
    break;
  case Q_SIGMOID:
    f[k++] = (Entry){"lut", "QG_U8", 1, {1 << c->opt->bits}, "sigmoid table"};
    break;
  default:
    break;
  }
  return k;
}

static void emit_tensors(Buf *b, C *c) {
  Buf en = {0}, tab = {0};
  Entry f[8];
  c->ntensors = 0;
  for (int i = 0; i < c->norder; i++) {
    Node *n = c->order[i];
    int k = fields_of(c, n, f);
    for (int j = 0; j < k; j++) {
      buf_printf(&en, "    %s_T_%s_%s,\n", c->MODEL, upper(n->name), upper(f[j].field));
      buf_printf(&tab, "    {\"%s.%s\", %s, %d, {", n->name, f[j].field, f[j].dtype, f[j].ndim);
      for (int d = 0; d < 4; d++)
        buf_printf(&tab, "%s%lld", d ? ", " : "", (long long)f[j].dims[d]);
      buf_printf(&tab, "}},%s%s%s\n", f[j].doc ? "  /* " : "", f[j].doc ? f[j].doc : "", f[j].doc ? " */" : "");
      c->ntensors++;
    }
  }
  buf_printf(&en, "    %s_T_OUTPUT_F\n", c->MODEL);
  buf_printf(&tab, "    {\"output.f\", QG_F32, 1, {2, 0, 0, 0}}  /* scale, zp */\n");
  c->ntensors++;
  buf_printf(b, "enum {\n%s};\n", buf_str(&en));
  buf_printf(b, "#define %s_T_IN_I %s_T_%s_I\n#define %s_T_IN_F %s_T_%s_F\n\n", c->MODEL, c->MODEL,
             upper(c->g->nodes[0]->name), c->MODEL, c->MODEL, upper(c->g->nodes[0]->name));
  buf_printf(b, "/* The weights file's table, as export() writes it. */\n");
  buf_printf(b, "static const qg_tensor_spec %s_tensors[%s_NTENSORS] = {\n%s};\n", c->model, c->MODEL, buf_str(&tab));
}

/* ------------------------------------------------------------ shapes */
static void conv_shape(Buf *b, Node *n) {
  Geom g = geom(n);
  buf_printf(b, "%lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld",
             (long long)g.c, (long long)g.h, (long long)g.w, (long long)g.o, (long long)g.oh, (long long)g.ow,
             (long long)g.kh, (long long)g.kw, (long long)g.groups, (long long)g.sh, (long long)g.sw, (long long)g.ph,
             (long long)g.pw, (long long)g.dh, (long long)g.dw);
}


static int64_t pair_item(Value *v, int k, Loc loc) {
  v = unwrap_const(v);
  if (v_is_seq(v))
    v = v->list->items[v->list->n == 1 ? 0 : k];
  return as_int(v, "pool parameter", loc);
}

static void pool_shape(Buf *b, Node *n) {
  Node *in = node_input(n, 0);
  const OpDef *op = n->def;
  Value *ks = param(op, n->params, "kernel_size"), *st = unwrap_const(param(op, n->params, "stride"));
  if (st->kind == V_NONE || (v_is_seq(st) && st->list->n == 0))
    st = ks;
  bool has_dl = false;
  for (int i = 0; i < op->nparams; i++)
    has_dl |= !strcmp(op->pname[i], "dilation");
  Value *pad = param(op, n->params, "padding"), *dl = has_dl ? param(op, n->params, "dilation") : v_int(1);
  int r = in->ndim - 3;
  buf_printf(b, "%d, %d, %d, %d, %d, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld", in->shape[r], in->shape[r + 1],
             in->shape[r + 2], n->shape[r + 1], n->shape[r + 2], (long long)pair_item(ks, 0, n->loc),
             (long long)pair_item(ks, 1, n->loc), (long long)pair_item(st, 0, n->loc), (long long)pair_item(st, 1, n->loc),
             (long long)pair_item(pad, 0, n->loc), (long long)pair_item(pad, 1, n->loc), (long long)pair_item(dl, 0, n->loc),
             (long long)pair_item(dl, 1, n->loc));
}

static const char *source_text(Node *n) {
  size_t len;
  const char *s = source_line(n->loc.src, n->loc.line, &len);
  while (len && (*s == ' ' || *s == '\t'))
    s++, len--;
  Buf b = {0};
  for (size_t i = 0; i < len; i++)
    if (!(s[i] == '*' && i + 1 < len && s[i + 1] == '/'))
      buf_putc(&b, s[i]);
  return buf_str(&b);
}

static const char *where(C *c, Node *n) {
  const char *file = base_name(n->loc.src->path);
  return format("%s:%u  %s", file, n->loc.line, source_text(n));
}

static void emit_params(Buf *b, C *c) {
  for (int i = 0; i < c->g->n; i++) {
    Node *n = c->g->nodes[i];
    if (!node_is_qmodule(n))
      continue;
    if (is_conv(n)) {
      buf_printf(b, "static const qg_conv_shape %s_%s_shape = {  /* %s */\n    ", c->model, n->name, where(c, n));
      conv_shape(b, n);
      buf_puts(b, "};\n");
    }
    if (n->q == Q_MAXPOOL || n->q == Q_AVGPOOL) {
      buf_printf(b, "static const qg_pool_shape %s_%s_shape = {  /* %s */\n    ", c->model, n->name, where(c, n));
      pool_shape(b, n);
      buf_puts(b, "};\n");
    }
  }
}

/* ------------------------------------------------------------- arena */
/* Scratch bytes each kernel needs (the kernels' own formulas, restated;
 * init checks them against qg_conv2d_scratch and qg_linear_scratch). */
static int64_t align64(int64_t n) { return (n + 63) & ~(int64_t)63; }

static int64_t scratch_bytes(Node *n) {
  if (!node_is_qmodule(n))
    return 0;
  if (is_conv(n)) {
    Geom g = geom(n);
    int64_t hp = (g.oh - 1) * g.sh + (g.kh - 1) * g.dh + 1, wp = (g.ow - 1) * g.sw + (g.kw - 1) * g.dw + 1;
    int64_t wq = (wp + g.sw - 1) / g.sw;
    int64_t cap = (((g.oh * wq + 16) + 63) & ~(int64_t)63) + 64;
    int64_t taps = g.c / g.groups * g.kh * g.kw;
    Node *pool = n->tail->c_pool;
    int64_t ohw = pool ? (int64_t)pool->shape[2] * pool->shape[3] : 0;
    int64_t stage = (ohw > 960 ? (ohw + 15) & ~(int64_t)15 : 960) + 64;
    return align64(taps * 4) + 2 * align64(cap * 4) + align64(cap) + align64(stage * 4) +
           align64((g.c * g.sw * hp * wq + 16) * 2);
  }
  if (n->q == Q_LINEAR)
    return align64(per_image(node_input(n, 0)) * 2) + align64(per_image(n) * 4);
  if (n->q == Q_MAXPOOL && node_input(n, 0)->c_pool != n)
    return align64(node_input(n, 0)->shape[node_input(n, 0)->ndim - 1]);
  return 0;
}

/* A max pool that is its conv's only reader is computed by the conv
 * kernel (qg_conv2d with a pool shape): the conv's output never exists. */
static void fuse_pools(Graph *g) {
  for (int i = 0; i < g->n; i++) {
    Node *m = g->nodes[i];
    if (m->q != Q_MAXPOOL || m->fused_into || node_input(m, 0)->ndim != 4)
      continue;
    Node *t = node_input(m, 0), *h = t->fused_into ? t->fused_into : t;
    if (h->q == Q_CONV && t->nusers == 1 && h->tail == t)
      t->c_pool = m;
  }
}

static void emit_arena(Buf *b, C *c) {
  Graph *g = c->g;
  buf_printf(b, "/* Offsets of the buffers in the arena (bytes), assigned by lifetime. */\n");
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->buffer >= 0 && (node_is_qmodule(n) ? n->tail == n : (bool)n->fused_into) && storage(n) == n)
      buf_printf(b, "#define %s_OFF_%s %d  /* %lld bytes */\n", c->MODEL, upper(n->name), n->buffer, (long long)per_image(n));
    if (c->scratch_size[i])
      buf_printf(b, "#define %s_OFF_%s_SCRATCH %lld  /* %lld bytes, during %s only */\n", c->MODEL, upper(n->name),
                 (long long)c->scratch_off[i], (long long)c->scratch_size[i], n->name);
  }
  buf_printf(b, "#define %s_OFF_IN %s_OFF_%s\n", c->MODEL, c->MODEL, upper(storage(g->nodes[0])->name));
  buf_printf(b, "#define %s_OFF_OUT %s_OFF_%s\n", c->MODEL, c->MODEL, upper(storage(node_input(g->nodes[g->n - 1], 0))->name));
}

/* -------------------------------------------------------------- init */
static void emit_init(Buf *b, C *c) {
  const char *M = c->MODEL;
  buf_puts(b, "    /* every parameter in its range: nothing the kernels read can make them misbehave */\n");
  buf_printf(b, "    if (qg_check_range(t[%s_T_IN_I], 3, 0, 255) || qg_rd_i32(t[%s_T_IN_I], 1) > qg_rd_i32(t[%s_T_IN_I], 0)\n"
                "        || qg_rd_i32(t[%s_T_IN_I], 0) > qg_rd_i32(t[%s_T_IN_I], 2) || %s_check_f32(t[%s_T_IN_F], 0, 0)\n"
                "        || %s_check_f32(t[%s_T_OUTPUT_F], 0, 0) || %s_check_f32(t[%s_T_OUTPUT_F], 1, 1))\n"
                "        return QG_E_PARAM;\n",
             M, M, M, M, M, c->model, M, c->model, M, c->model, M);
  for (int i = 0; i < c->norder; i++) {
    Node *n = c->order[i];
    const char *t = format("%s_T_%s_I", c->MODEL, upper(n->name));
    switch (n->q) {
    case Q_CONV: case Q_BATCHNORM: {
      Geom g = geom(n);
      buf_printf(b, "    if (%s_check_weighted(t, %s, %lld, %lld))  /* %s */\n        return QG_E_PARAM;\n", c->model, t,
                 (long long)g.o, (long long)(g.c / g.groups * g.kh * g.kw), n->name);
      buf_printf(b, "    if (qg_conv2d_scratch(&%s_%s_shape, %s%s) > %lld)\n        return QG_E_ARENA;\n", c->model, n->name,
                 n->tail->c_pool ? "&" : "NULL", n->tail->c_pool ? format("%s_%s_shape", c->model, n->tail->c_pool->name) : "",
                 (long long)c->scratch_size[n->index]);
      break;
    }
    case Q_LINEAR:
      buf_printf(b, "    if (%s_check_weighted(t, %s, %lld, %lld))  /* %s */\n        return QG_E_PARAM;\n", c->model, t,
                 (long long)per_image(n), (long long)per_image(node_input(n, 0)), n->name);
      buf_printf(b, "    if (qg_linear_scratch(%lld, %lld) > %lld)\n        return QG_E_ARENA;\n",
                 (long long)per_image(node_input(n, 0)), (long long)per_image(n), (long long)c->scratch_size[n->index]);
      break;
    case Q_ADD:
      buf_printf(b, "    if (qg_check_range(t[%s], 3, 0, 255) || qg_check_range(t[%s] + 12, 1, 0, 20)  /* %s */\n"
                    "        || qg_check_range(t[%s] + 16, 6, -31, INT32_MAX) || qg_check_range(t[%s] + 20, 1, -31, 31)\n"
                    "        || qg_check_range(t[%s] + 28, 1, -31, 31) || qg_check_range(t[%s] + 36, 1, -31, 31)\n"
                    "        || qg_check_range(t[%s] + 40, 2, 0, 255) || qg_rd_i32(t[%s], 10) > qg_rd_i32(t[%s], 11))\n"
                    "        return QG_E_PARAM;\n",
                 t, t, n->name, t, t, t, t, t, t, t);
      break;
    case Q_CAT:
      buf_printf(b, "    if (qg_check_range(t[%s], 3, 0, 255) || qg_rd_i32(t[%s], 3) != %d)  /* %s */\n        return QG_E_PARAM;\n",
                 t, t, node_ninputs(n), n->name);
      for (int k = 0; k < node_ninputs(n); k++)
        buf_printf(b, "    if (qg_check_range(t[%s] + %d, 1, 0, 255) || qg_check_range(t[%s] + %d, 1, 0, INT32_MAX)\n"
                      "        || qg_check_range(t[%s] + %d, 1, -31, 31))\n        return QG_E_PARAM;\n",
                   t, 16 + 12 * k, t, 20 + 12 * k, t, 24 + 12 * k);
      break;
    case Q_RELU: case Q_RELU6: case Q_HARDTANH:
      buf_printf(b, "    if (qg_check_range(t[%s], 2, 0, 255) || qg_rd_i32(t[%s], 0) > qg_rd_i32(t[%s], 1))  /* %s */\n"
                    "        return QG_E_PARAM;\n", t, t, t, n->name);
      break;
    case Q_AVGPOOL: case Q_ADAPTIVE_AVGPOOL:
      buf_printf(b, "    if (qg_check_range(t[%s], 1, 0, 255))  /* %s */\n        return QG_E_PARAM;\n", t, n->name);
      break;
    default:
      break;
    }
  }
}

/* ----------------------------------------------------------- forward */
static void emit_forward(Buf *b, C *c) {
  Graph *g = c->g;
  const char *M = c->MODEL, *m = c->model;
  bool first = true;
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->fused_into || n->q == Q_INPUT || n->q == Q_OUTPUT)
      continue;
    if (!first)
      buf_putc(b, '\n');
    first = false;
    buf_printf(b, "    /* %s", where(c, n));
    if (n->fused_act || n->fused_bn)
      buf_printf(b, "\n     * (%s%s%s fused)", n->fused_bn ? n->fused_bn->name : "", n->fused_bn && n->fused_act ? ", " : "",
                 n->fused_act ? n->fused_act->name : "");
    if (n->q == Q_MAXPOOL && node_input(n, 0)->c_pool == n) {
      buf_printf(b, ": computed by the conv before it */\n");
      continue;
    }
    if (!node_is_qmodule(n)) {
      buf_printf(b, ": %s, no code */\n", n->q == Q_SIZE ? "a static value" : "same codes, same layout");
      continue;
    }
    buf_puts(b, " */\n");
    const char *t = format("%s_T_%s_I", c->MODEL, upper(n->name));
    Node *in = node_input(n, 0);
    const char *out = buf_of(c, n), *src = buf_of(c, in);
    const char *scratch = format("a + %s_OFF_%s_SCRATCH", M, upper(n->name));
    int64_t size = per_image(n);
    switch (n->q) {
    case Q_CONV: case Q_BATCHNORM: {
      buf_printf(b, "    %s_qparams(&q, t, %s);\n", m, t);
      Node *pool = n->tail->c_pool;
      buf_printf(b, "    qg_conv2d(&%s_%s_shape, &q, %s%s, %s, %s, %s);\n", m, n->name, pool ? "&" : "NULL",
                 pool ? format("%s_%s_shape", m, pool->name) : "", src, out, scratch);
      break;
    }
    case Q_LINEAR:
      buf_printf(b, "    %s_qparams(&q, t, %s);\n", m, t);
      buf_printf(b, "    qg_linear(&q, %s, %s, %lld, %lld, %s);\n", src, out, (long long)per_image(in), (long long)size, scratch);
      break;
    case Q_MAXPOOL:
      buf_printf(b, "    qg_maxpool2d(&%s_%s_shape, %s, %s, %s);\n", m, n->name, src, out, scratch);
      break;
    case Q_AVGPOOL:
      buf_printf(b, "    qg_avgpool2d(&%s_%s_shape, %d, %lld, qg_rd_i32(t[%s], 0), 0, %d, %s, %s);\n", m, n->name,
                 v_truthy(unwrap_const(param(n->def, n->params, "count_include_pad"))),
                 (long long)(unwrap_const(param(n->def, n->params, "divisor_override"))->kind == V_NONE
                                 ? 0 : as_int(param(n->def, n->params, "divisor_override"), "divisor_override", n->loc)),
                 t, (1 << c->opt->bits) - 1, src, out);
      break;
    case Q_ADAPTIVE_AVGPOOL: {
      int r = in->ndim - 3;
      buf_printf(b, "    qg_adaptive_avgpool2d(%d, %d, %d, %d, %d, %s, %s);\n", in->shape[r], in->shape[r + 1],
                 in->shape[r + 2], n->shape[r + 1], n->shape[r + 2], src, out);
      break;
    }
    case Q_ADD:
      buf_printf(b, "    %s_ints(v, t[%s], 12);\n", m, t);
      buf_printf(b, "    qg_add(v, %s, %s, %s, %lld);\n", src, buf_of(c, node_input(n, 1)), out, (long long)size);
      break;
    case Q_CAT: {
      int k = node_ninputs(n), dim = (int)as_int(param(n->def, n->params, "dim"), "dim", n->loc);
      if (dim < 0)
        dim += n->ndim;
      int64_t outer = 1;
      for (int d = 1; d < dim; d++)
        outer *= n->shape[d];
      buf_printf(b, "    {\n        const uint8_t *in[%d] = {", k);
      for (int j = 0; j < k; j++)
        buf_printf(b, "%s%s", j ? ", " : "", buf_of(c, node_input(n, j)));
      buf_printf(b, "};\n        static const int32_t inner[%d] = {", k);
      for (int j = 0; j < k; j++) {
        Node *x = node_input(n, j);
        buf_printf(b, "%s%lld", j ? ", " : "", (long long)(per_image(x) / outer));
      }
      buf_printf(b, "};\n        int32_t zp[%d], mul[%d], sh[%d];\n        int j;\n", k, k, k);
      buf_printf(b, "        %s_ints(v, t[%s], %d);\n", m, t, 4 + 3 * k);
      buf_printf(b, "        for (j = 0; j < %d; j++) {\n            zp[j] = v[4 + 3 * j];\n            mul[j] = v[5 + 3 * j];\n"
                    "            sh[j] = v[6 + 3 * j];\n        }\n", k);
      buf_printf(b, "        qg_cat(%lld, %d, in, inner, zp, mul, sh, v[0], v[1], v[2], %s);\n    }\n", (long long)outer, k, out);
      break;
    }
    case Q_RELU: case Q_RELU6: case Q_HARDTANH:
      buf_printf(b, "    qg_clamp(%s, %s, %lld, qg_rd_i32(t[%s], 0), qg_rd_i32(t[%s], 1));\n", src, out, (long long)size, t, t);
      break;
    case Q_SIGMOID:
      buf_printf(b, "    qg_lut(%s, %s, %lld, t[%s_T_%s_LUT]);\n", src, out, (long long)size, M, upper(n->name));
      break;
    default:
      unreachable();
    }
  }
}

/* --weights FILE: the weights as a const array, for flash. */
static void emit_embedded(Buf *b, C *c) {
  if (!c->opt->weights) {
    buf_puts(b, "/* (no embedded weights: qgen --weights FILE puts them here) */\n");
    return;
  }
  Source *w = source_load(c->opt->weights);
  if (!w)
    fatal("cannot read weights %s", c->opt->weights);
  buf_printf(b, "/* ------------------------------------- the weights, embedded by qgen */\n"
                "#define %s_EMBEDDED 1\n"
                "/* %s, %zu bytes */\nstatic const unsigned char %s_weights[%zu] = {", c->MODEL,
             base_name(c->opt->weights), w->len, c->model, w->len);
  for (size_t i = 0; i < w->len; i++)
    buf_printf(b, "%s%u,", i % 16 ? " " : "\n    ", (unsigned char)w->text[i]);
  buf_printf(b, "\n};\n\nint %s_init_embedded(void)\n{\n    return %s_init(%s_weights, sizeof %s_weights);\n}\n",
             c->model, c->model, c->model, c->model);
}

/* ------------------------------------------------------------- graph */
static void emit_graph_doc(Buf *b, C *c) {
  Graph *g = c->g;
  buf_printf(b, " * Graph (one image; codes are uint8):\n");
  buf_printf(b, " *   %-16s %-14s %-22s %10s %8s\n", "node", "source", "op", "bytes", "offset");
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->q == Q_OUTPUT)
      continue;
    const char *file = base_name(n->loc.src->path);
    const char *op = n->op == N_PLACEHOLDER ? "quantize" : n->def->name;
    const char *off = storage(n) == n && n->buffer >= 0 ? format("%d", n->buffer) : "-";
    if (n->fused_into)
      off = format("(in %s)", n->fused_into->name);
    else if (n->q == Q_PASS || n->q == Q_IDENTITY)
      off = format("= %s", storage(n)->name);
    else if (n->q == Q_SIZE)
      off = "static";
    else if (is_conv(n) && n->tail->c_pool)
      off = format("(-> %s)", n->tail->c_pool->name);
    buf_printf(b, " *   %-16s %-14s %-22s %10lld %8s\n", n->name, format("%s:%u", file, n->loc.line), op,
               n->is_tensor ? (long long)per_image(n) : 0LL, off);
  }
  buf_printf(b, " * Arena: %lld bytes of activations and scratch, planned by lifetime (the sum of\n"
                " * all of them, unshared, would be %lld bytes).",
             (long long)c->arena, (long long)c->total);
}

/* ------------------------------------------------------------ driver */
static C *plan(Graph *g, const EmitOptions *opt) {
  C *c = arena_alloc(sizeof *c);
  c->g = g;
  c->opt = opt;
  c->model = opt->stem;
  for (const char *s = c->model; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_'))
      c->model = "model";
  if (isdigit((unsigned char)c->model[0]))
    c->model = format("m_%s", c->model);
  c->MODEL = upper(c->model);
  c->order = arena_alloc(sizeof(Node *) * (size_t)g->n);
  c->norder = qmodule_order(g, c->order);
  c->scratch_off = arena_alloc(sizeof(int64_t) * (size_t)g->n);
  c->scratch_size = arena_alloc(sizeof(int64_t) * (size_t)g->n);
  Node *x = g->nodes[0];
  if (x->ndim != 4 && x->ndim != 2)
    error_at(x->loc, "the C inference takes an N x C x H x W or N x F input; this one has %d dimensions", x->ndim);
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->q == Q_LINEAR && node_input(n, 0)->ndim != 2)
      error_at(n->loc, "the C inference supports Linear on N x F inputs only");
    if (n->q == Q_CAT && as_int(param(n->def, n->params, "dim"), "dim", n->loc) % n->ndim == 0)
      error_at(n->loc, "the C inference does not concatenate along the batch dimension");
  }
  fuse_pools(g);
  pass_memory_plan(g, scratch_bytes, c->scratch_off, &c->arena, &c->total);
  for (int i = 0; i < g->n; i++)
    c->scratch_size[i] = scratch_bytes(g->nodes[i]);
  return c;
}

typedef struct {
  C *c;
  const char *file;
} Fill;

static void fill(Buf *b, const char *marker, void *ctx) {
  Fill *f = ctx;
  C *c = f->c;
  Graph *g = c->g;
  if (!strcmp(marker, "stem")) buf_puts(b, c->opt->stem);
  else if (!strcmp(marker, "class")) buf_puts(b, g->class_name);
  else if (!strcmp(marker, "file")) buf_puts(b, f->file);
  else if (!strcmp(marker, "MODEL")) buf_puts(b, c->MODEL);
  else if (!strcmp(marker, "model")) buf_puts(b, c->model);
  else if (!strcmp(marker, "GRAPH")) emit_graph_doc(b, c);
  else if (!strcmp(marker, "KERNELS")) buf_puts(b, template_text("qgen_kernels.c", c->opt));
  else if (!strcmp(marker, "TENSORS")) emit_tensors(b, c);
  else if (!strcmp(marker, "PARAMS")) emit_params(b, c);
  else if (!strcmp(marker, "ARENA")) emit_arena(b, c);
  else if (!strcmp(marker, "INIT")) emit_init(b, c);
  else if (!strcmp(marker, "FORWARD")) {
    /* the locals the calls below need, and no others */
    bool weighted = false;
    int ints = 0;
    for (int i = 0; i < g->n; i++) {
      Node *n = g->nodes[i];
      if (!node_is_qmodule(n))
        continue;
      weighted |= n->q == Q_CONV || n->q == Q_BATCHNORM || n->q == Q_LINEAR;
      int k = n->q == Q_ADD ? 12 : n->q == Q_CAT ? 4 + 3 * node_ninputs(n) : 0;
      ints = k > ints ? k : ints;
    }
    if (weighted)
      buf_puts(b, "    qg_qparams q;\n");
    if (ints)
      buf_printf(b, "    int32_t v[%d];\n", ints);
    buf_puts(b, "\n");
    emit_forward(b, c);
  } else if (!strcmp(marker, "EMBEDDED")) emit_embedded(b, c);
  else if (!strcmp(marker, "SHAPES")) {
    Node *x = g->nodes[0], *y = node_input(g->nodes[g->n - 1], 0);
    if (x->ndim == 4)
      buf_printf(b, "#define %s_IN_C %d\n#define %s_IN_H %d\n#define %s_IN_W %d\n", c->MODEL, x->shape[1], c->MODEL,
                 x->shape[2], c->MODEL, x->shape[3]);
    buf_printf(b, "#define %s_IN_SIZE %lld  /* floats (or codes) of one input */\n", c->MODEL, (long long)per_image(x));
    buf_printf(b, "#define %s_OUT_SIZE %lld  /* floats (or codes) of one output */\n", c->MODEL, (long long)per_image(y));
    buf_printf(b, "#define %s_FINGERPRINT 0x%016llxULL  /* of the graph: export() writes it */\n", c->MODEL,
               (unsigned long long)graph_fingerprint(g));
    int n = 1;
    Entry fl[8];
    for (int i = 0; i < c->norder; i++)
      n += fields_of(c, c->order[i], fl);
    buf_printf(b, "#define %s_NTENSORS %d  /* entries of the weights file's table */\n", c->MODEL, n);
  } else if (!strcmp(marker, "EMBEDDED_DECL")) {
    if (c->opt->weights)
      buf_printf(b, "/* init from the weights compiled into %s_q.c */\nint %s_init_embedded(void);\n", c->opt->stem, c->model);
  } else if (!strcmp(marker, "ARENA_DOC"))
    buf_printf(b, "/* Activations and kernel scratch, planned by lifetime: %lld bytes (the sum of\n"
                  " * them all, unshared, is %lld bytes); plus the state (the tensor pointers\n"
                  " * bound by init), rounded up to 64 bytes. */\n#define %s_ACT_BYTES %lld\n",
               (long long)c->arena, (long long)c->total, c->MODEL, (long long)c->arena);
  else
    fatal("template marker @@%s@@ is unknown", marker);
}

/* The .c and the .h, from one plan. */
void emit_c(Buf *source, Buf *header, Graph *g, const EmitOptions *opt) {
  C *c = plan(g, opt);
  Fill f = {c, base_name(g->src->path)};
  template_expand(source, template_text("model_q.c", opt), fill, &f);
  template_expand(header, template_text("model_q.h", opt), fill, &f);
}
