/* emit_c.c: the C inference, from templates/model_q.c and model_q.h: the
 * lowered program (lower.c), printed. The kernels (templates/kernels/)
 * are pasted in; what is printed is the tensor table the weights file must
 * match, the shapes, the arena plan, the parameter checks of init, and one
 * kernel call per step. */
#include "qgen.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const Program *p;
  const EmitOptions *opt;
  const char *model, *MODEL;   /* "net", "NET" */
  const char *file;            /* the model's file name, for the banners */
} C;

static const char *upper(const char *s) {
  char *u = arena_strdup(s);
  for (char *p = u; *p; p++)
    *p = (char)toupper((unsigned char)*p);
  return u;
}

/* A value's codes: its buffer in the arena. */
static const char *buf_of(C *c, const Tensor *t) { return format("a + %s_OFF_%s", c->MODEL, upper(t->store->node->name)); }

/* A weights-file tensor's index: NET_T_CONV1_W. */
static const char *slot_enum(C *c, const Slot *s) {
  return format("%s_T_%s_%s", c->MODEL, upper(s->owner), upper(s->field));
}

/* ----------------------------------------------------------- tensors */
static void emit_tensors(Buf *b, C *c) {
  static const char *const dtype[] = {[DT_I32] = "QG_I32", [DT_F32] = "QG_F32", [DT_I8] = "QG_I8", [DT_U8] = "QG_U8"};
  const Program *p = c->p;
  Buf en = {0}, tab = {0};
  for (int i = 0; i < p->nslots; i++) {
    const Slot *f = &p->slots[i];
    const char *comma = i + 1 < p->nslots ? "," : "";
    buf_printf(&en, "    %s%s\n", slot_enum(c, f), comma);
    buf_printf(&tab, "    {\"%s.%s\", %s, %d, {", f->owner, f->field, dtype[f->dtype], f->ndim);
    for (int d = 0; d < 4; d++)
      buf_printf(&tab, "%s%lld", d ? ", " : "", (long long)f->dims[d]);
    buf_printf(&tab, "}}%s%s%s%s\n", comma, f->doc ? "  /* " : "", f->doc ? f->doc : "", f->doc ? " */" : "");
  }
  const Slot *in = p->steps[0].slots;
  buf_printf(b, "enum {\n%s};\n", buf_str(&en));
  buf_printf(b, "#define %s_T_IN_I %s\n#define %s_T_IN_F %s\n\n", c->MODEL, slot_enum(c, &in[0]), c->MODEL, slot_enum(c, &in[1]));
  buf_printf(b, "/* The weights file's table, as export() writes it. */\n");
  buf_printf(b, "static const qg_tensor_spec %s_tensors[%s_NTENSORS] = {\n%s};\n", c->model, c->MODEL, buf_str(&tab));
}

/* ------------------------------------------------------------ shapes */
static void conv_shape(Buf *b, const ConvGeom *g) {
  buf_printf(b, "%lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld",
             (long long)g->c, (long long)g->h, (long long)g->w, (long long)g->o, (long long)g->oh, (long long)g->ow,
             (long long)g->kh, (long long)g->kw, (long long)g->groups, (long long)g->sh, (long long)g->sw,
             (long long)g->ph, (long long)g->pw, (long long)g->dh, (long long)g->dw);
}

static void pool_shape(Buf *b, const PoolGeom *g) {
  buf_printf(b, "%lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld", (long long)g->c,
             (long long)g->h, (long long)g->w, (long long)g->oh, (long long)g->ow, (long long)g->kh, (long long)g->kw,
             (long long)g->sh, (long long)g->sw, (long long)g->ph, (long long)g->pw, (long long)g->dh, (long long)g->dw);
}

static const char *source_text(const Node *n) {
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

static const char *where(const Step *s) {
  return format("%s:%u  %s", base_name(s->node->loc.src->path), s->node->loc.line, source_text(s->node));
}

static void emit_params(Buf *b, C *c) {
  for (int i = 0; i < c->p->nsteps; i++) {
    const Step *s = &c->p->steps[i];
    if (s->kind == STEP_CONV || s->kind == STEP_BATCHNORM) {
      buf_printf(b, "static const qg_conv_shape %s_%s_shape = {  /* %s */\n    ", c->model, s->node->name, where(s));
      conv_shape(b, &s->conv);
      buf_puts(b, "};\n");
    }
    if (s->kind == STEP_ADD || s->kind == STEP_MUL) {
      const int64_t *n = s->binary.n, *a = s->binary.sa, *sb = s->binary.sb;
      buf_printf(b, "static const qg_bcast_shape %s_%s_shape = {  /* %s */\n    "
                    "{%lld, %lld, %lld, %lld}, {%lld, %lld, %lld, %lld}, {%lld, %lld, %lld, %lld}};\n",
                 c->model, s->node->name, where(s), (long long)n[0], (long long)n[1], (long long)n[2], (long long)n[3],
                 (long long)a[0], (long long)a[1], (long long)a[2], (long long)a[3], (long long)sb[0], (long long)sb[1],
                 (long long)sb[2], (long long)sb[3]);
    }
    if (s->kind == STEP_MAXPOOL || s->kind == STEP_AVGPOOL) {
      buf_printf(b, "static const qg_pool_shape %s_%s_shape = {  /* %s */\n    ", c->model, s->node->name, where(s));
      pool_shape(b, &s->pool.g);
      buf_puts(b, "};\n");
    }
  }
}

/* ------------------------------------------------------------- arena */
static void emit_arena(Buf *b, C *c) {
  const Program *p = c->p;
  buf_printf(b, "/* Offsets of the buffers in the arena (bytes), assigned by lifetime. */\n");
  for (int i = 0; i < p->nbuffers; i++) {
    const Buffer *x = &p->buffers[i];
    if (x->value)
      buf_printf(b, "#define %s_OFF_%s %lld  /* %lld bytes */\n", c->MODEL, upper(x->value->node->name),
                 (long long)x->offset, (long long)x->bytes);
    else if (x->packed)
      buf_printf(b, "#define %s_OFF_%s_PACKED %lld  /* %lld bytes, %s's weights packed by init */\n", c->MODEL,
                 upper(x->scratch_of->node->name), (long long)x->offset, (long long)x->bytes, x->scratch_of->node->name);
    else
      buf_printf(b, "#define %s_OFF_%s_SCRATCH %lld  /* %lld bytes, during %s only */\n", c->MODEL,
                 upper(x->scratch_of->node->name), (long long)x->offset, (long long)x->bytes, x->scratch_of->node->name);
  }
  buf_printf(b, "#define %s_OFF_IN %s_OFF_%s\n", c->MODEL, c->MODEL, upper(p->steps[0].out->store->node->name));
  buf_printf(b, "#define %s_OUTPUT_OFF %s_OFF_%s  /* the output's codes */\n", c->MODEL, c->MODEL, upper(p->steps[p->nsteps - 1].in[0]->store->node->name));
}

/* -------------------------------------------------------------- init */
static const char *pool_shape_ref(C *c, const Step *pool) {
  return pool ? format("&%s_%s_shape", c->model, pool->node->name) : "NULL";
}

static void emit_init(Buf *b, C *c) {
  const char *M = c->MODEL;
  buf_puts(b, "    /* every parameter in its range: nothing the kernels read can make them misbehave */\n");
  buf_printf(b, "    if (qg_check_range(t[%s_T_IN_I], 3, 0, 255) || qg_rd_i32(t[%s_T_IN_I], 1) > qg_rd_i32(t[%s_T_IN_I], 0)\n"
                "        || qg_rd_i32(t[%s_T_IN_I], 0) > qg_rd_i32(t[%s_T_IN_I], 2) || %s_check_f32(t[%s_T_IN_F], 0, 0)\n"
                "        || %s_check_f32(t[%s_T_OUTPUT_F], 0, 0) || %s_check_f32(t[%s_T_OUTPUT_F], 1, 1))\n"
                "        return QG_E_PARAM;\n",
             M, M, M, M, M, c->model, M, c->model, M, c->model, M);
  for (int i = 0; i < c->p->norder; i++) {
    const Step *s = c->p->order[i];
    const char *t = s->nslots ? slot_enum(c, &s->slots[0]) : NULL, *name = s->node->name;
    switch (s->kind) {
    case STEP_CONV: case STEP_BATCHNORM: {
      const ConvGeom *g = &s->conv;
      buf_printf(b, "    if (%s_check_weighted(t, %s, %lld, %lld))  /* %s */\n        return QG_E_PARAM;\n", c->model, t,
                 (long long)g->o, (long long)(g->c / g->groups * g->kh * g->kw), name);
      buf_printf(b, "    if (qg_conv2d_work(&%s_%s_shape, %s) > %lld || qg_conv2d_packed(&%s_%s_shape) > %lld)\n"
                    "        return QG_E_ARENA;\n", c->model, name, pool_shape_ref(c, s->conv_pool),
                 (long long)(s->scratch - s->spread.bytes),
                 c->model, name, (long long)s->packed);
      if (s->packed > 0) {
        buf_printf(b, "    {   /* %s: its weights in the kernel's tile order, once */\n        qg_qparams q;\n", name);
        buf_printf(b, "        %s_qparams(&q, t, %s);\n", c->model, t);
        buf_printf(b, "        qg_conv2d_pack(&%s_%s_shape, &q, %s, %s_arena + %s_OFF_%s_PACKED);\n    }\n", c->model, name,
                   pool_shape_ref(c, s->conv_pool), c->model, c->MODEL, upper(name));
      }
      break;
    }
    case STEP_LINEAR:
      buf_printf(b, "    if (%s_check_weighted(t, %s, %lld, %lld))  /* %s */\n        return QG_E_PARAM;\n", c->model, t,
                 (long long)s->linear.out, (long long)s->linear.in, name);
      buf_printf(b, "    if (qg_linear_scratch(%lld, %lld) > %lld)\n        return QG_E_ARENA;\n",
                 (long long)s->linear.in, (long long)s->linear.out, (long long)s->scratch);
      break;
    case STEP_ADD:
      buf_printf(b, "    if (qg_check_range(t[%s], 3, 0, 255) || qg_check_range(t[%s] + 12, 1, 0, 20)  /* %s */\n"
                    "        || qg_check_range(t[%s] + 16, 6, -31, INT32_MAX) || qg_check_range(t[%s] + 20, 1, -31, 31)\n"
                    "        || qg_check_range(t[%s] + 28, 1, -31, 31) || qg_check_range(t[%s] + 36, 1, -31, 31)\n"
                    "        || qg_check_range(t[%s] + 40, 2, 0, 255) || qg_rd_i32(t[%s], 10) > qg_rd_i32(t[%s], 11))\n"
                    "        return QG_E_PARAM;\n",
                 t, t, name, t, t, t, t, t, t, t);
      break;
    case STEP_CAT:
      buf_printf(b, "    if (qg_check_range(t[%s], 3, 0, 255) || qg_rd_i32(t[%s], 3) != %d)  /* %s */\n        return QG_E_PARAM;\n",
                 t, t, s->nin, name);
      for (int k = 0; k < s->nin; k++)
        buf_printf(b, "    if (qg_check_range(t[%s] + %d, 1, 0, 255) || qg_check_range(t[%s] + %d, 1, 0, INT32_MAX)\n"
                      "        || qg_check_range(t[%s] + %d, 1, -31, 31))\n        return QG_E_PARAM;\n",
                   t, 16 + 12 * k, t, 20 + 12 * k, t, 24 + 12 * k);
      break;
    case STEP_MUL:
      buf_printf(b, "    if (qg_check_range(t[%s], 3, 0, 255) || qg_check_range(t[%s] + 12, 1, 0, INT32_MAX)  /* %s */\n"
                    "        || qg_check_range(t[%s] + 16, 1, -31, 31) || qg_check_range(t[%s] + 20, 2, 0, 255)\n"
                    "        || qg_rd_i32(t[%s], 5) > qg_rd_i32(t[%s], 6))\n        return QG_E_PARAM;\n",
                 t, t, name, t, t, t, t);
      break;
    case STEP_CLAMP:
      buf_printf(b, "    if (qg_check_range(t[%s], 2, 0, 255) || qg_rd_i32(t[%s], 0) > qg_rd_i32(t[%s], 1))  /* %s */\n"
                    "        return QG_E_PARAM;\n", t, t, t, name);
      break;
    case STEP_SOFTMAX: {
      /* e[0] == 2^23 and e in [0, 2^23]: the sum is never 0 and fits 64 bits */
      int64_t codes = s->slots[0].dims[0];
      buf_printf(b, "    if (qg_rd_i32(t[%s], 0) != 1 << 23 || qg_check_range(t[%s], %lld, 0, 1 << 23))  /* %s */\n"
                    "        return QG_E_PARAM;\n", t, t, (long long)codes, name);
      if (s->softmax.log) {
        const char *ta = slot_enum(c, &s->slots[1]), *tt = slot_enum(c, &s->slots[2]), *ti = slot_enum(c, &s->slots[3]);
        buf_printf(b, "    if (qg_check_range(t[%s], %lld, 0, INT32_MAX) || qg_check_range(t[%s], 256, 0, INT32_MAX)\n"
                      "        || qg_check_range(t[%s], 3, 0, 255) || qg_check_range(t[%s] + 12, 1, 0, INT32_MAX)\n"
                      "        || qg_rd_i32(t[%s], 1) > qg_rd_i32(t[%s], 2))\n        return QG_E_PARAM;\n",
                   ta, (long long)codes, tt, ti, ti, ti, ti);
      }
      break;
    }
    case STEP_AVGPOOL: case STEP_ADAPTIVE_AVGPOOL: case STEP_PAD:
      buf_printf(b, "    if (qg_check_range(t[%s], 1, 0, 255))  /* %s */\n        return QG_E_PARAM;\n", t, name);
      break;
    default:
      break;
    }
  }
}

/* ----------------------------------------------------------- forward */
/* torch.cat: per image, `outer` runs of each input's `inner` codes, each
 * input requantized to the output's parameters. */
static void emit_cat(Buf *b, C *c, const Step *s, const char *t, const char *out) {
  int k = s->nin;
  buf_printf(b, "    {\n        const uint8_t *in[%d] = {", k);
  for (int j = 0; j < k; j++)
    buf_printf(b, "%s%s", j ? ", " : "", buf_of(c, s->in[j]));
  buf_printf(b, "};\n        static const int32_t inner[%d] = {", k);
  for (int j = 0; j < k; j++)
    buf_printf(b, "%s%lld", j ? ", " : "", (long long)s->cat.inner[j]);
  buf_printf(b, "};\n        int32_t zp[%d], mul[%d], sh[%d];\n        int j;\n", k, k, k);
  buf_printf(b, "        %s_ints(v, t[%s], %lld);\n", c->model, t, (long long)s->slots[0].dims[0]);
  buf_printf(b, "        for (j = 0; j < %d; j++) {\n            zp[j] = v[4 + 3 * j];\n            mul[j] = v[5 + 3 * j];\n"
                "            sh[j] = v[6 + 3 * j];\n        }\n", k);
  buf_printf(b, "        qg_cat(%lld, %d, in, inner, zp, mul, sh, v[0], v[1], v[2], %s);\n    }\n", (long long)s->cat.outer, k, out);
}

/* {v0, v1, ...}: a table of n values. */
static void int32_list(Buf *b, const int32_t *v, int64_t n) {
  buf_puts(b, "{");
  for (int64_t k = 0; k < n; k++)
    buf_printf(b, "%s%d", k ? ", " : "", v[k]);
  buf_puts(b, "}");
}

/* One kernel call. */
static void emit_call(Buf *b, C *c, const Step *s) {
  const char *m = c->model, *name = s->node->name;
  const char *t = s->nslots ? slot_enum(c, &s->slots[0]) : NULL;
  const char *out = buf_of(c, s->out), *src = buf_of(c, s->in[0]);
  const char *scratch = format("a + %s_OFF_%s_SCRATCH", c->MODEL, upper(name));
  switch (s->kind) {
  case STEP_CONV: case STEP_BATCHNORM:
    buf_printf(b, "    %s_qparams(&q, t, %s);\n", m, t);
    if (s->spread.bytes) {   /* a transposed conv: the conv of its spread input */
      const char *spread = scratch;
      buf_printf(b, "    qg_spread2d(%s, %s, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, %lld, q.zp_in);\n", src, spread,
                 (long long)s->spread.planes, (long long)s->spread.h, (long long)s->spread.w, (long long)s->spread.sh,
                 (long long)s->spread.sw, (long long)s->spread.top, (long long)s->spread.left, (long long)s->spread.hp,
                 (long long)s->spread.wp);
      src = spread;
      scratch = format("%s + %lld", scratch, (long long)s->spread.bytes);
    }
    buf_printf(b, "    qg_conv2d_run(&%s_%s_shape, &q, %s, %s, %s, %s, %s);\n", m, name, pool_shape_ref(c, s->conv_pool),
               s->packed > 0 ? format("a + %s_OFF_%s_PACKED", c->MODEL, upper(name)) : "NULL", src, out, scratch);
    break;
  case STEP_LINEAR:
    buf_printf(b, "    %s_qparams(&q, t, %s);\n", m, t);
    if (s->linear.rows == 1)
      buf_printf(b, "    qg_linear(&q, %s, %s, %lld, %lld, %s);\n", src, out, (long long)s->linear.in,
                 (long long)s->linear.out, scratch);
    else
      buf_printf(b, "    for (size_t r = 0; r < %lld; r++) /* one row of %lld features at a time */\n"
                    "        qg_linear(&q, %s + r * %lld, %s + r * %lld, %lld, %lld, %s);\n",
                 (long long)s->linear.rows, (long long)s->linear.in, src, (long long)s->linear.in, out,
                 (long long)s->linear.out, (long long)s->linear.in, (long long)s->linear.out, scratch);
    break;
  case STEP_MAXPOOL:
    buf_printf(b, "    qg_maxpool2d(&%s_%s_shape, %s, %s, %s);\n", m, name, src, out, scratch);
    break;
  case STEP_AVGPOOL:
    buf_printf(b, "    qg_avgpool2d(&%s_%s_shape, %d, %lld, qg_rd_i32(t[%s], 0), 0, %d, %s, %s);\n", m, name,
               s->pool.count_include_pad, (long long)s->pool.divisor, t, (1 << c->p->bits) - 1, src, out);
    break;
  case STEP_PAD:
    buf_printf(b, "    qg_spread2d(%s, %s, %lld, %lld, %lld, 1, 1, %lld, %lld, %lld, %lld, qg_rd_i32(t[%s], 0));\n", src, out,
               (long long)s->spread.planes, (long long)s->spread.h, (long long)s->spread.w, (long long)s->spread.top,
               (long long)s->spread.left, (long long)s->spread.hp, (long long)s->spread.wp, t);
    break;
  case STEP_ADAPTIVE_AVGPOOL: {
    const PoolGeom *g = &s->pool.g;
    buf_printf(b, "    qg_adaptive_avgpool2d(%lld, %lld, %lld, %lld, %lld, %s, %s);\n", (long long)g->c, (long long)g->h,
               (long long)g->w, (long long)g->oh, (long long)g->ow, src, out);
    break;
  }
  case STEP_ADD:
    buf_printf(b, "    %s_ints(v, t[%s], %lld);\n", m, t, (long long)s->slots[0].dims[0]);
    buf_printf(b, "    qg_broadcast(&%s_%s_shape, %s, v, %s, %s, %s);\n", m, name, s->binary.sub ? "qg_sub_row" : "qg_add_row",
               src, buf_of(c, s->in[1]), out);
    break;
  case STEP_MUL:
    buf_printf(b, "    %s_ints(v, t[%s], %lld);\n", m, t, (long long)s->slots[0].dims[0]);
    buf_printf(b, "    qg_broadcast(&%s_%s_shape, qg_mul_row, v, %s, %s, %s);\n", m, name, src, buf_of(c, s->in[1]), out);
    break;
  case STEP_CAT:
    emit_cat(b, c, s, t, out);
    break;
  case STEP_CLAMP:
    buf_printf(b, "    qg_clamp(%s, %s, %lld, qg_rd_i32(t[%s], 0), qg_rd_i32(t[%s], 1));\n", src, out, (long long)s->size, t, t);
    break;
  case STEP_LUT:
    buf_printf(b, "    qg_lut(%s, %s, %lld, t[%s]);\n", src, out, (long long)s->size, t);
    break;
  case STEP_PRELU:
    buf_printf(b, "    qg_lut_channels(%s, %s, %lld, %lld, t[%s], %lld);\n", src, out, (long long)s->prelu.channels,
               (long long)s->prelu.inner, t, s->prelu.tables > 1 ? (long long)1 << c->p->bits : 0LL);
    break;
  case STEP_SLICE:
    buf_printf(b, "    qg_slice(%s, %s, %lld, %lld, %lld, %lld);\n", src, out, (long long)s->slice.outer,
               (long long)s->slice.in_run, (long long)s->slice.start, (long long)s->slice.len);
    break;
  case STEP_PERMUTE: case STEP_INDEX: {
    buf_puts(b, "    {\n        static const int32_t size[] = {");
    for (int i = 0; i < s->perm.rank; i++)
      buf_printf(b, "%s%lld", i ? ", " : "", (long long)s->perm.size[i]);
    buf_puts(b, "}, stride[] = {");
    for (int i = 0; i < s->perm.rank; i++)
      buf_printf(b, "%s%lld", i ? ", " : "", (long long)s->perm.stride[i]);
    buf_printf(b, "};\n        qg_permute(%s%s, %s, %d, size, stride);\n    }\n", src,
               s->kind == STEP_INDEX && s->perm.offset ? format(" + %lld", (long long)s->perm.offset) : "", out, s->perm.rank);
    break;
  }
  case STEP_MEAN: {
    const char *what[4] = {"ks", "kst", "rs", "rst"};
    const int64_t *arr[4] = {s->mean.ksize, s->mean.kstride, s->mean.rsize, s->mean.rstride};
    buf_puts(b, "    {\n");
    for (int k = 0; k < 4; k++) {
      int len = k < 2 ? s->mean.nk : s->mean.nr;
      buf_printf(b, "        static const int32_t %s[] = {", what[k]);
      for (int i = 0; i < (len ? len : 1); i++)
        buf_printf(b, "%s%lld", i ? ", " : "", len ? (long long)arr[k][i] : 1LL);
      buf_puts(b, "};\n");
    }
    buf_printf(b, "        qg_mean(%s, %s, %d, ks, kst, %d, rs, rst, %lld);\n    }\n", src, out, s->mean.nk, s->mean.nr,
               (long long)s->mean.count);
    break;
  }
  case STEP_UPSAMPLE: {
    static const char *const rc[2] = {"y", "x"};
    buf_puts(b, "    {\n");
    for (int a = 0; a < 2; a++) {
      int64_t n = a ? s->up.ow : s->up.oh;
      buf_printf(b, "        static const int32_t %s0[] = ", rc[a]);
      int32_list(b, s->up.src[a][0], n);
      if (s->up.bilinear) {
        buf_printf(b, ";\n        static const int32_t %s1[] = ", rc[a]);
        int32_list(b, s->up.src[a][1], n);
        buf_printf(b, ";\n        static const int32_t l%s[] = ", rc[a]);
        int32_list(b, s->up.lam[a], n);
      }
      buf_puts(b, ";\n");
    }
    if (s->up.bilinear)
      buf_printf(b, "        qg_upsample_bilinear(%s, %s, %lld, %lld, %lld, %lld, %lld, y0, y1, ly, x0, x1, lx);\n    }\n",
                 src, out, (long long)s->up.c, (long long)s->up.h, (long long)s->up.w, (long long)s->up.oh,
                 (long long)s->up.ow);
    else
      buf_printf(b, "        qg_upsample_nearest(%s, %s, %lld, %lld, %lld, %lld, %lld, y0, x0);\n    }\n", src, out,
                 (long long)s->up.c, (long long)s->up.h, (long long)s->up.w, (long long)s->up.oh, (long long)s->up.ow);
    break;
  }
  case STEP_SOFTMAX:
    if (s->softmax.log)
      buf_printf(b, "    qg_softmax(%s, %s, %lld, %lld, %lld, t[%s], %d, t[%s], t[%s], t[%s]);\n", src, out,
                 (long long)s->softmax.outer, (long long)s->softmax.n, (long long)s->softmax.inner, t, c->p->bits,
                 slot_enum(c, &s->slots[1]), slot_enum(c, &s->slots[2]), slot_enum(c, &s->slots[3]));
    else
      buf_printf(b, "    qg_softmax(%s, %s, %lld, %lld, %lld, t[%s], %d, NULL, NULL, NULL);\n", src, out,
                 (long long)s->softmax.outer, (long long)s->softmax.n, (long long)s->softmax.inner, t, c->p->bits);
    break;
  default:
    unreachable();
  }
}

/* The locals the calls need, and no others; then one call per step. */
static void emit_forward(Buf *b, C *c) {
  const Program *p = c->p;
  bool weighted = false;
  int64_t ints = 0;
  for (int i = 0; i < p->nsteps; i++) {
    const Step *s = &p->steps[i];
    weighted |= s->kind == STEP_CONV || s->kind == STEP_BATCHNORM || s->kind == STEP_LINEAR;
    if ((s->kind == STEP_ADD || s->kind == STEP_MUL || s->kind == STEP_CAT) && s->slots[0].dims[0] > ints)
      ints = s->slots[0].dims[0];
  }
  if (weighted)
    buf_puts(b, "    qg_qparams q;\n");
  if (ints)
    buf_printf(b, "    int32_t v[%lld];\n", (long long)ints);
  buf_puts(b, "\n");
  bool first = true;
  for (int i = 0; i < p->nsteps; i++) {
    const Step *s = &p->steps[i];
    if (s->kind == STEP_QUANTIZE || s->kind == STEP_DEQUANTIZE)
      continue;
    if (!first)
      buf_putc(b, '\n');
    first = false;
    buf_printf(b, "    /* %s", where(s));
    if (s->fused_act || s->fused_bn)
      buf_printf(b, "\n     * (%s%s%s fused)", s->fused_bn ? s->fused_bn->name : "", s->fused_bn && s->fused_act ? ", " : "",
                 s->fused_act ? s->fused_act->name : "");
    if (s->pooled_by)
      buf_printf(b, ": computed by the conv before it */\n");
    else if (!s->module && s->kind != STEP_SLICE && s->kind != STEP_INDEX)
      buf_printf(b, ": %s, no code */\n", s->kind == STEP_STATIC ? "a static value" : "same codes, same layout");
    else {
      buf_puts(b, " */\n");
      emit_call(b, c, s);
    }
  }
}

/* --weights FILE: the weights as a const array, for flash. */
static void emit_embedded(Buf *b, C *c) {
  const Source *w = c->opt->weights_data;
  if (!w) {
    buf_puts(b, "/* (no embedded weights: qgen --weights FILE puts them here) */\n");
    return;
  }
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
/* Where a value's codes are, as the table in the banner says it. */
static const char *placement(const Tensor *t) {
  switch (t->at) {
  case PLACE_OWN: return format("%lld", (long long)t->offset);
  case PLACE_FUSED: return format("(in %s)", t->step->node->name);
  case PLACE_HEAD: return "-";
  case PLACE_POOLED: return format("(-> %s)", t->step->conv_pool->node->name);
  case PLACE_ALIAS: return format("= %s", t->store->node->name);
  case PLACE_STATIC: return "static";
  }
  unreachable();
}

static void emit_graph_doc(Buf *b, C *c) {
  const Program *p = c->p;
  buf_printf(b, " * Graph (one image; codes are uint8):\n");
  buf_printf(b, " *   %-16s %-14s %-22s %10s %8s\n", "node", "source", "op", "bytes", "offset");
  for (int i = 0; i < p->ntensors; i++) {
    const Tensor *t = &p->tensors[i];
    const Node *n = t->node;
    const char *op = n->op == N_PLACEHOLDER ? "quantize" : n->def->name;
    buf_printf(b, " *   %-16s %-14s %-22s %10lld %8s\n", n->name, format("%s:%u", base_name(n->loc.src->path), n->loc.line),
               op, (long long)t->bytes, placement(t));
  }
  buf_printf(b, " * Arena: %lld bytes of activations and scratch, planned by lifetime (the sum of\n"
                " * all of them, unshared, would be %lld bytes).",
             (long long)p->arena_bytes, (long long)p->total_bytes);
}

/* The input's and the output's sizes, the fingerprint, the table's length. */
static void emit_shapes(Buf *b, C *c) {
  const Program *p = c->p;
  const Tensor *x = p->steps[0].out, *y = p->steps[p->nsteps - 1].in[0];
  if (x->ndim == 4)
    buf_printf(b, "#define %s_IN_C %d\n#define %s_IN_H %d\n#define %s_IN_W %d\n", c->MODEL, x->shape[1], c->MODEL,
               x->shape[2], c->MODEL, x->shape[3]);
  if (x->ndim == 3)
    buf_printf(b, "#define %s_IN_C %d\n#define %s_IN_L %d\n", c->MODEL, x->shape[1], c->MODEL, x->shape[2]);
  buf_printf(b, "#define %s_IN_SIZE %lld  /* floats (or codes) of one input */\n", c->MODEL, (long long)x->bytes);
  buf_printf(b, "#define %s_OUT_SIZE %lld  /* floats (or codes) of one output */\n", c->MODEL, (long long)y->bytes);
  buf_printf(b, "#define %s_FINGERPRINT 0x%016llxULL  /* of the graph: export() writes it */\n", c->MODEL,
             (unsigned long long)p->fingerprint);
  buf_printf(b, "#define %s_NTENSORS %d  /* entries of the weights file's table */\n", c->MODEL, p->nslots);
}

/* ------------------------------------------------------------ driver */
static void fill(Buf *b, const char *marker, void *ctx) {
  C *c = ctx;
  const Program *p = c->p;
  if (!strcmp(marker, "stem")) buf_puts(b, c->opt->stem);
  else if (!strcmp(marker, "class")) buf_puts(b, p->class_name);
  else if (!strcmp(marker, "file")) buf_puts(b, c->file);
  else if (!strcmp(marker, "MODEL")) buf_puts(b, c->MODEL);
  else if (!strcmp(marker, "model")) buf_puts(b, c->model);
  else if (!strcmp(marker, "GRAPH")) emit_graph_doc(b, c);
  else if (!strcmp(marker, "KERNELS"))
    for (const char *const *k = kernel_templates; *k; k++)
      buf_puts(b, template_text(*k, c->opt));
  else if (!strcmp(marker, "TENSORS")) emit_tensors(b, c);
  else if (!strcmp(marker, "PARAMS")) emit_params(b, c);
  else if (!strcmp(marker, "ARENA")) emit_arena(b, c);
  else if (!strcmp(marker, "INIT")) emit_init(b, c);
  else if (!strcmp(marker, "FORWARD")) emit_forward(b, c);
  else if (!strcmp(marker, "EMBEDDED")) emit_embedded(b, c);
  else if (!strcmp(marker, "SHAPES")) emit_shapes(b, c);
  else if (!strcmp(marker, "EMBEDDED_DECL")) {
    if (c->opt->weights_data)
      buf_printf(b, "/* init from the weights compiled into %s_q.c */\nint %s_init_embedded(void);\n", c->opt->stem, c->model);
  } else if (!strcmp(marker, "ARENA_DOC"))
    buf_printf(b, "/* Activations and kernel scratch, planned by lifetime: %lld bytes (the sum of\n"
                  " * them all, unshared, is %lld bytes); plus the state (the tensor pointers\n"
                  " * bound by init), rounded up to 64 bytes. */\n#define %s_ACT_BYTES %lld\n",
               (long long)p->arena_bytes, (long long)p->total_bytes, c->MODEL, (long long)p->arena_bytes);
  else
    fatal("template marker @@%s@@ is unknown", marker);
}

/* The .c and the .h of one program. The C names take the file's stem
 * ("net" -> net_init, NET_IN_SIZE) when it is an identifier. */
void emit_c(Buf *source, Buf *header, const Program *p, const EmitOptions *opt) {
  C c = {p, opt, opt->stem, NULL, base_name(p->src->path)};
  for (const char *s = c.model; *s; s++)
    if (!(isalnum((unsigned char)*s) || *s == '_'))
      c.model = "model";
  if (isdigit((unsigned char)c.model[0]))
    c.model = format("m_%s", c.model);
  c.MODEL = upper(c.model);
  template_expand(source, template_text("model_q.c", opt), fill, &c);
  template_expand(header, template_text("model_q.h", opt), fill, &c);
}
