/* lower.c: the lowered program (qgen.h), from the quantization plan.
 *   values: every node's value, how it is computed and which buffer
 *           holds its codes;
 *   steps:  one per node not fused into another, each made by the lowering
 *           rule of its quantized form (QKind): its kind, its geometry
 *           resolved from the op's parameters, its weights-file tensors
 *           (slots), its kernel scratch;
 *   order:  the runtime modules in export order, and the slot table;
 *   memory: the arena plan (memory.c).
 * What the integer inference cannot do is refused here, at a source line:
 * the emitters only print. */
#include "qgen.h"
#include <ctype.h>
#include <math.h>
#include <string.h>

typedef struct {
  Graph *g;
  Program *p;
  Tensor **tensor_of;   /* by node index */
  Step **step_of;       /* by node index: the step that computes the node */
} Lower;

static int64_t align64(int64_t n) { return (n + 63) & ~(int64_t)63; }

/* Codes of one image: the batch dimension does not count. */
static int64_t per_image(const Node *n) {
  return n->ndim > 1 ? shape_numel(n->shape, n->ndim) / n->shape[0] : shape_numel(n->shape, n->ndim);
}

/* The value bound to a parameter of the node's op, as the model wrote it. */
static Value *arg(const Node *n, const char *name) { return unwrap_const(param(n->def, n->params, name)); }

static bool has_param(const Node *n, const char *name) {
  for (int i = 0; i < n->def->nparams; i++)
    if (!strcmp(n->def->pname[i], name))
      return true;
  return false;
}

/* A step's name in the weights file, whose tensor names are at most 39
 * bytes ("OWNER.FIELD", fields up to 4): the node's name when it fits in
 * 34, else its first 25 bytes, '_' and 8 hex digits of its FNV-1a hash
 * (torchvision's features_10_block_2_scale_activation). */
static const char *weights_name(const char *name) {
  if (strlen(name) <= 34)
    return name;
  uint32_t h = 2166136261u;
  for (const char *c = name; *c; c++)
    h = (h ^ (unsigned char)*c) * 16777619u;
  return format("%.25s_%08x", name, (unsigned)h);
}

static void add_slot(Step *s, Slot slot) {
  if (!s->wname)
    s->wname = weights_name(s->node->name);
  slot.owner = s->wname;
  int64_t numel = 1;   /* a weights tensor, as a tensor, holds at most QGEN_MAX_NUMEL */
  for (int i = 0; i < slot.ndim; i++)
    numel = size_mul(numel, slot.dims[i], s->node->loc);
  s->slots = arena_grow(s->slots, sizeof(Slot) * (size_t)s->nslots, sizeof(Slot) * (size_t)(s->nslots + 1));
  s->slots[s->nslots++] = slot;
}

/* ---------------------------------------------------------- geometry */
/* A pool parameter's k-th item: an int stands for the pair (k, k). */
static int64_t pair_item(Value *v, int k, Loc loc) {
  v = unwrap_const(v);
  if (v_is_seq(v))
    v = v->list->items[v->list->n == 1 ? 0 : k];
  return as_int(v, "pool parameter", loc);
}

/* The ops over one spatial dimension, [N, C, L] (BatchNorm1d also [N, C]):
 * lowered as the 2-D ones over [N, C, 1, L]. */
static int spatial_dims(const Node *n) {
  switch (n->def->id) {
  case OP_CONV1D: case OP_BATCHNORM1D: case OP_MAXPOOL1D: case OP_AVGPOOL1D: case OP_ADAPTIVEAVGPOOL1D:
  case OP_F_MAX_POOL1D: case OP_F_AVG_POOL1D: case OP_F_ADAPTIVE_AVG_POOL1D:
    return 1;
  default:
    return 2;
  }
}

/* The height and width of dims [2, ndim) of a batched value: [N, C, H, W],
 * [N, C, L] (height 1) or [N, C] (1 x 1). */
static void plane_hw(const Node *n, int64_t *h, int64_t *w) {
  *h = n->ndim == 4 ? n->shape[2] : 1;
  *w = n->ndim >= 3 ? n->shape[n->ndim - 1] : 1;
}

/* A 1x1 convolution from the node's input planes to its output planes. */
static ConvGeom conv_planes(const Node *n) {
  const Node *in = node_input(n, 0);
  ConvGeom g = {.c = in->shape[1], .o = n->shape[1], .kh = 1, .kw = 1, .groups = 1, .sh = 1, .sw = 1, .dh = 1,
                .dw = 1};
  plane_hw(in, &g.h, &g.w);
  plane_hw(n, &g.oh, &g.ow);
  return g;
}

/* A Conv2d's geometry, from its module's constructor arguments. */
static ConvGeom conv_geom(const Node *n) {
  ConvGeom g = conv_planes(n);
  Value **p = n->module->params;
  const OpDef *op = n->def;
  Value *ks = param(op, p, "kernel_size"), *st = param(op, p, "stride"), *dl = param(op, p, "dilation");
  Value *pad = param(op, p, "padding");
  g.groups = as_int(param(op, p, "groups"), "groups", n->loc);
  if (ks->list->n == 1) {        /* Conv1d: (k,) is (1, k) */
    g.kw = ks->list->items[0]->i, g.sw = st->list->items[0]->i, g.dw = dl->list->items[0]->i;
    if (pad->kind != V_STR)
      g.pw = pad->list->items[0]->i;
    else if (!strcmp(pad->s, "same"))
      g.pw = g.dw * (g.kw - 1) / 2;
    return g;
  }
  g.kh = ks->list->items[0]->i, g.kw = ks->list->items[1]->i;
  g.sh = st->list->items[0]->i, g.sw = st->list->items[1]->i;
  g.dh = dl->list->items[0]->i, g.dw = dl->list->items[1]->i;
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

/* The planes a pool reads and writes: the last three dimensions, or for a
 * 1-D pool the rows [C, L] of an [N, C, L] image, planes of height 1. */
static PoolGeom pool_planes(const Node *n) {
  const Node *in = node_input(n, 0);
  if (spatial_dims(n) == 1) {
    if (in->ndim != 3)
      error_at(n->loc, "the C inference pools N x C x L inputs in 1-D, not shape %s", shape_str(in->shape, in->ndim));
    return (PoolGeom){.c = in->shape[1], .h = 1, .w = in->shape[2], .oh = 1, .ow = n->shape[2]};
  }
  int r = in->ndim - 3;
  return (PoolGeom){.c = in->shape[r], .h = in->shape[r + 1], .w = in->shape[r + 2], .oh = n->shape[r + 1],
                    .ow = n->shape[r + 2]};
}

/* MaxPool2d, AvgPool2d and their functional forms: the parameters by name
 * (a missing stride is the kernel size; avg_pool2d has no dilation). */
static PoolGeom pool_geom(const Node *n) {
  PoolGeom g = pool_planes(n);
  Value *ks = arg(n, "kernel_size"), *st = arg(n, "stride");
  if (st->kind == V_NONE || (v_is_seq(st) && st->list->n == 0))
    st = ks;
  bool has_dilation = false;
  for (int i = 0; i < n->def->nparams; i++)
    has_dilation |= !strcmp(n->def->pname[i], "dilation");
  Value *pad = arg(n, "padding"), *dl = has_dilation ? arg(n, "dilation") : v_int(1);
  if (spatial_dims(n) == 1) {     /* k is (1, k) */
    g.kh = g.sh = g.dh = 1, g.ph = 0;
    g.kw = pair_item(ks, 0, n->loc), g.sw = pair_item(st, 0, n->loc);
    g.pw = pair_item(pad, 0, n->loc), g.dw = pair_item(dl, 0, n->loc);
    return g;
  }
  g.kh = pair_item(ks, 0, n->loc), g.kw = pair_item(ks, 1, n->loc);
  g.sh = pair_item(st, 0, n->loc), g.sw = pair_item(st, 1, n->loc);
  g.ph = pair_item(pad, 0, n->loc), g.pw = pair_item(pad, 1, n->loc);
  g.dh = pair_item(dl, 0, n->loc), g.dw = pair_item(dl, 1, n->loc);
  return g;
}

static Act act_of(const Node *a) {
  if (!a)
    return (Act){ACT_NONE, NULL, NULL};
  switch (a->q) {
  case Q_RELU: return (Act){ACT_RELU, NULL, NULL};
  case Q_RELU6: return (Act){ACT_RELU6, NULL, NULL};
  case Q_HARDTANH: {
    /* hardtanh(min_val, max_val), or clamp/clip(min, max) with either bound None */
    bool clamp = !has_param(a, "min_val");
    Value *lo = arg(a, clamp ? "min" : "min_val"), *hi = arg(a, clamp ? "max" : "max_val");
    if (lo->kind == V_NONE && hi->kind == V_NONE)
      error_at(a->loc, "%s needs at least one of min and max", a->def->name);
    for (int k = 0; k < 2; k++) {
      Value *v = k ? hi : lo;
      if (v->kind != V_NONE && !v_is_num(v))
        error_at(a->loc, "qgen quantizes %s with number bounds, not %s", a->def->name, v_type_name(v));
    }
    return (Act){ACT_HARDTANH, lo, hi};
  }
  default: unreachable();
  }
}

/* The runtime module's arguments: these parameters, as the model wrote them. */
static void set_hyper(Step *s, const char *const *names, int n) {
  if (n > (int)(sizeof s->hyper / sizeof *s->hyper))
    unreachable();
  for (int i = 0; i < n; i++)
    s->hyper[i] = arg(s->node, names[i]);
  s->nhyper = n;
}
#define SET_HYPER(s, names) set_hyper(s, names, (int)(sizeof names / sizeof *names))

/* ------------------------------------------------------ kernel scratch */
/* qg_conv2d_planes_scratch: the per-plane kernel (fewer than 4 output
 * channels per group). */
static int64_t conv_planes_scratch(const Step *s) {
  const ConvGeom *g = &s->conv;
  /* the largest terms first, in floating point: the sizes are bounded, but
   * padding and stride can still make these products wrap 64 bits */
  double fhp = (double)(g->oh - 1) * (double)g->sh + (double)(g->kh - 1) * (double)g->dh + 1;
  double fwp = (double)(g->ow - 1) * (double)g->sw + (double)(g->kw - 1) * (double)g->dw + 1;
  double big = (double)g->c * (double)g->sw * fhp * (fwp / (double)g->sw + 1) * 2 + (double)g->oh * (fwp + 1) * 4 +
               (double)g->c * (double)g->kh * (double)g->kw * 4;
  if (!(big <= (double)QGEN_MAX_ARENA))
    error_at(s->node->loc, "size overflow: this convolution's scratch memory is past qgen's limit of %lld bytes",
             (long long)QGEN_MAX_ARENA);
  int64_t hp = (g->oh - 1) * g->sh + (g->kh - 1) * g->dh + 1, wp = (g->ow - 1) * g->sw + (g->kw - 1) * g->dw + 1;
  int64_t wq = (wp + g->sw - 1) / g->sw;
  int64_t cap = (((g->oh * wq + 16) + 63) & ~(int64_t)63) + 64;
  int64_t taps = g->c / g->groups * g->kh * g->kw;
  const Tensor *pooled = s->conv_pool ? s->conv_pool->out : NULL;
  int64_t ohw = pooled ? (int64_t)pooled->shape[2] * pooled->shape[3] : 0;
  int64_t stage = (ohw > 640 ? (ohw + 15) & ~(int64_t)15 : 640) + 64;
  return align64(taps * 4) + 2 * align64(cap * 4) + align64(cap) + align64(stage * 4) +
         align64((g->c * g->sw * hp * wq + 16) * 2);
}

/* The groups the GEMM sees: pairs merged (qg_conv_merge: 2 or 3 output
 * and at least 2 input channels per group, an even group count). */
static ConvGeom gemm_geom(const Step *s) {
  ConvGeom g = s->conv;
  const int64_t cg = g.c / g.groups, og = g.o / g.groups;
  if (og >= 2 && og <= 3 && cg >= 2 && g.groups % 2 == 0)
    g.groups /= 2;
  return g;
}

/* qg_conv2d_work of the GEMM kernel: the K quads' offsets, one 4-row tile
 * of accumulators, the band's im2col (not for the implicit GEMM: channel
 * quads and unit strides), the channel-quad input X4 (groups of a multiple
 * of 4 channels), with a fused 2x2 pool one channel's pooled
 * accumulators (with another pool, the plane's codes) and for the implicit
 * GEMM one band of codes on the wide grid. */
static int64_t conv_gemm_work(const Step *s) {
  const ConvGeom gm = gemm_geom(s), *g = &gm;
  const int64_t cg = g->c / g->groups, kp = (cg * g->kh * g->kw + 3) / 4 * 4;
  const bool cq = cg % 4 == 0, direct = cq && g->sh == 1 && g->sw == 1;
  const int64_t hp = (g->oh - 1) * g->sh + (g->kh - 1) * g->dh + 1, wp = (g->ow - 1) * g->sw + (g->kw - 1) * g->dw + 1;
  const int64_t pitch = direct ? wp : g->ow;
  const PoolGeom pg = s->conv_pool ? pool_geom(s->conv_pool->node) : (PoolGeom){0};
  const PoolGeom *p = s->conv_pool ? &pg : NULL;
  const Tensor *pooled = s->conv_pool ? s->conv_pool->out : NULL;
  const int64_t poh = pooled ? pooled->shape[2] : 0, pow_ = pooled ? pooled->shape[3] : 0;
  const int pool22 = p && p->kh == 2 && p->kw == 2 && p->sh == 2 && p->sw == 2 && p->ph == 0 && p->pw == 0 &&
                     p->dh == 1 && p->dw == 1 && 2 * poh <= g->oh && 2 * pow_ <= g->ow;
  const int64_t ohe = pool22 ? 2 * poh : g->oh;
  int64_t r;
  if (direct) {
    r = 1024 / wp;
    if (pool22)
      r = r < 2 ? 2 : r & ~(int64_t)1;
    r = r < 1 ? 1 : r > ohe ? ohe : r;
  } else {
    r = 262144 / (kp * g->ow);
    if (r * g->ow < 64)
      r = (64 + g->ow - 1) / g->ow;
    if (pool22) {
      const int64_t rp = 384 / g->ow;
      r = r < rp ? r : rp;
      r = r < 2 ? 2 : r & ~(int64_t)1;
    }
    r = r < 1 ? 1 : r > ohe ? ohe : r;
  }
  const int64_t ppad = (r * pitch + 15) / 16 * 16;
  const int64_t x4 = cq ? align64(cg * hp * wp + 4 * (16 + g->kw * g->dw)) : 0;
  return align64(kp) + align64(4 * ppad * 4) + (direct ? 0 : align64(kp * ppad)) + x4 +
         (!p ? 0 : pool22 ? align64(ppad) : align64(g->o * g->oh * g->ow)) + (direct ? align64(ppad) : 0);
}

static bool conv_is_gemm(const Step *s) { return s->conv.o / gemm_geom(s).groups >= 4; }

/* qg_conv2d_packed: the weights in 4-row tiles and the folded biases,
 * written by init, read by every run. */
static int64_t conv_packed(const Step *s) {
  const ConvGeom gm = gemm_geom(s), *g = &gm;
  const int64_t kp = (g->c / g->groups * g->kh * g->kw + 3) / 4 * 4, ogp = (g->o / g->groups + 3) / 4 * 4;
  return conv_is_gemm(s) ? align64(g->groups * ogp * kp) + align64(g->groups * ogp * 4) : 0;
}

/* The bytes each kernel needs (the kernels' own formulas, restated; the
 * C's init checks them against qg_conv2d_work, qg_conv2d_packed and
 * qg_linear_scratch).  Convs with 4 or more output channels per group are
 * a GEMM. */
static int64_t conv_scratch(const Step *s) { return conv_is_gemm(s) ? conv_gemm_work(s) : conv_planes_scratch(s); }

/* ------------------------------------------------------ lowering rules */
/* One rule per quantized form (QKind). A rule checks what the integer
 * inference cannot do, resolves the geometry and lists the step's
 * weights-file tensors in the order the runtime module exports them. */

/* The weighted ops' five tensors: NAME.i, .w, .b, .m, .s */
static void weighted_slots(Step *s, int64_t o, int ndim, const int64_t *wdims) {
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {4}, .doc = "zp_in, zp_out, act_min, act_max"});
  Slot w = {.field = "w", .dtype = DT_I8, .ndim = ndim};
  memcpy(w.dims, wdims, sizeof(int64_t) * (size_t)ndim);
  add_slot(s, w);
  add_slot(s, (Slot){.field = "b", .dtype = DT_I32, .ndim = 1, .dims = {o}, .doc = "bias at s_in * s_w"});
  add_slot(s, (Slot){.field = "m", .dtype = DT_I32, .ndim = 1, .dims = {o}, .doc = "multipliers"});
  add_slot(s, (Slot){.field = "s", .dtype = DT_I32, .ndim = 1, .dims = {o}, .doc = "shifts"});
}

/* x = self.q_x(x): the C takes N x C x H x W, N x C x L or N x F floats. */
static void lower_quantize(Lower *L, Step *s) {
  const Node *x = s->node;
  if (x->ndim < 2 || x->ndim > 4)
    error_at(x->loc, "the C inference takes an N x C x H x W, N x C x L or N x F input; this one has %d dimensions",
             x->ndim);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {3}, .doc = "zp, qmin, qmax"});
  add_slot(s, (Slot){.field = "f", .dtype = DT_F32, .ndim = 1, .dims = {1}, .doc = "scale"});
}

/* A ConvTranspose2d as a conv (docs/quantization.md): its input spread out
 * by the stride into planes of zero points, with d * (k - 1) - p more of
 * them on each side (and output_padding more at the bottom and right),
 * convolved at stride 1 and no padding with the kernel flipped and its
 * in and out channels swapped (the runtime exports it so). */
static void lower_conv_transpose(Step *s) {
  const Node *n = s->node, *in = node_input(n, 0);
  Value **p = n->module->params;
  const OpDef *op = n->def;
  if (as_int(param(op, p, "groups"), "groups", n->loc) != 1)
    error_at(n->loc, "qgen quantizes ConvTranspose2d with groups=1 only");
  ConvGeom *g = &s->conv;
  *g = (ConvGeom){.c = in->shape[1], .o = n->shape[1], .oh = n->shape[2], .ow = n->shape[3], .groups = 1, .sh = 1,
                  .sw = 1};
  int64_t k[2], d[2], st[2], edge[2], spread[2];   /* per axis: rows, then columns */
  for (int a = 0; a < 2; a++) {
    k[a] = param(op, p, "kernel_size")->list->items[a]->i, st[a] = param(op, p, "stride")->list->items[a]->i;
    d[a] = param(op, p, "dilation")->list->items[a]->i;
    int64_t pd = param(op, p, "padding")->list->items[a]->i, opad = param(op, p, "output_padding")->list->items[a]->i;
    edge[a] = d[a] * (k[a] - 1) - pd;
    if (edge[a] < 0)
      error_at(n->loc, "qgen quantizes ConvTranspose2d with padding at most dilation * (kernel_size - 1) "
                       "(here %lld > %lld)", (long long)pd, (long long)(d[a] * (k[a] - 1)));
    spread[a] = size_add(size_add(size_mul(in->shape[2 + a] - 1, st[a], n->loc), 1 + 2 * edge[a], n->loc), opad, n->loc);
  }
  g->kh = k[0], g->kw = k[1], g->dh = d[0], g->dw = d[1], g->h = spread[0], g->w = spread[1];
  s->spread.h = in->shape[2], s->spread.w = in->shape[3], s->spread.sh = st[0], s->spread.sw = st[1];
  s->spread.top = edge[0], s->spread.left = edge[1], s->spread.hp = spread[0], s->spread.wp = spread[1];
  s->spread.planes = g->c;
  s->spread.bytes = align64(size_mul(size_mul(g->c, g->h, n->loc), g->w, n->loc));
}

/* conv(x), with the BatchNorm folded into it and the activation fused. */
static void lower_conv(Lower *L, Step *s) {
  ConvGeom *g = &s->conv;
  s->spatial = spatial_dims(s->node);
  if (s->node->def->id == OP_CONVTRANSPOSE2D)
    lower_conv_transpose(s);      /* the equivalent conv's geometry (groups 1) */
  else
    *g = conv_geom(s->node);
  s->act = act_of(s->fused_act);
  if (s->spatial == 1)            /* the runtime's weight: the module's shape, or the equivalent conv's */
    weighted_slots(s, g->o, 3, (int64_t[]){g->o, g->c / g->groups, g->kw});
  else
    weighted_slots(s, g->o, 4, (int64_t[]){g->o, g->c / g->groups, g->kh, g->kw});
  s->scratch = s->spread.bytes + conv_scratch(s);
  s->packed = conv_packed(s);
}

/* bn(x) that no conv precedes: a depthwise 1x1 convolution. */
static void lower_batchnorm(Lower *L, Step *s) {
  s->spatial = spatial_dims(s->node);
  s->conv = conv_planes(s->node);
  s->conv.groups = s->conv.c;
  s->act = act_of(s->fused_act);
  weighted_slots(s, s->conv.o, 4, (int64_t[]){s->conv.o, 1, 1, 1});
  s->scratch = conv_scratch(s);
  s->packed = conv_packed(s);
}

/* fc(x) over the last dimension: N x F, or any rank (a channels-last MLP's
 * [N, H, W, C]), each image's rows one after the other. */
static void lower_linear(Lower *L, Step *s) {
  const Node *in = node_input(s->node, 0);
  if (in->ndim < 2)
    error_at(s->node->loc, "the C inference needs a batch dimension before Linear's features (input of rank %d)",
             in->ndim);
  s->linear.in = in->shape[in->ndim - 1];
  s->linear.out = s->node->shape[s->node->ndim - 1];
  s->linear.rows = per_image(in) / s->linear.in;
  s->act = act_of(s->fused_act);
  weighted_slots(s, s->linear.out, 2, (int64_t[]){s->linear.out, s->linear.in});
  s->scratch = align64(s->linear.in * 2) + align64(s->linear.out * 4);
}

/* pool(x), F.max_pool2d(x, k): the largest code of each window; it keeps
 * its input's parameters, so it has none of its own. */
static void lower_maxpool(Lower *L, Step *s) {
  static const char *const hyper[] = {"kernel_size", "stride", "padding", "dilation", "ceil_mode"};
  s->spatial = spatial_dims(s->node);
  s->pool.g = pool_geom(s->node);
  SET_HYPER(s, hyper);
  if (!s->pooled_by)
    s->scratch = align64(s->pool.g.w);
}

/* F.adaptive_max_pool2d(x, size), AdaptiveMaxPool2d: with windows that
 * tile the input evenly (size divides it), the max pool of kernel and
 * stride size / output. */
static void lower_adaptive_maxpool(Lower *L, Step *s) {
  static const char *const hyper[] = {"output_size"};
  const Node *n = s->node, *in = node_input(n, 0);
  if (in->ndim != 4)
    error_at(n->loc, "the C inference pools N x C x H x W inputs, not shape %s", shape_str(in->shape, in->ndim));
  if (v_truthy(arg(n, "return_indices")))
    error_at(n->loc, "qgen quantizes adaptive_max_pool2d without return_indices");
  PoolGeom g = pool_planes(n);
  if (g.h % g.oh || g.w % g.ow)
    error_at(n->loc, "qgen quantizes adaptive_max_pool2d whose output size divides the input's (%lld x %lld to "
                     "%lld x %lld does not)", (long long)g.h, (long long)g.w, (long long)g.oh, (long long)g.ow);
  g.kh = g.sh = g.h / g.oh, g.kw = g.sw = g.w / g.ow, g.dh = g.dw = 1;
  s->kind = STEP_MAXPOOL;
  s->pool.g = g;
  s->pool.adaptive = true;
  SET_HYPER(s, hyper);
  if (!s->pooled_by)
    s->scratch = align64(g.w);
}

/* F.pad(x, pads), ZeroPad2d: zeros around the last one or two dims, in
 * codes the zero point (exact: zero is a code). */
static void lower_pad(Lower *L, Step *s) {
  const Node *n = s->node, *in = node_input(n, 0);
  int64_t pads[2 * MAX_DIMS];
  int k = pad_widths(n->def, n->params, pads, n->loc);
  Value *value = n->def->id == OP_ZEROPAD2D ? v_none() : arg(n, "value");
  if (value->kind != V_NONE && as_number(value, "value", n->loc) != 0.0)
    error_at(n->loc, "qgen pads with zeros only, not with %s", float_repr(as_number(value, "value", n->loc)));
  for (int i = 0; i < 2 * k; i++)
    if (pads[i] < 0)
      error_at(n->loc, "qgen pads by non-negative amounts only (a negative pad crops: slice the tensor instead)");
  if (k > 2)
    error_at(n->loc, "the C inference pads the last two dimensions at most, not %d", k);
  if (k == 2 && in->ndim < 3)
    error_at(n->loc, "the C inference does not pad the batch dimension");
  s->spread.w = in->shape[in->ndim - 1], s->spread.left = pads[0], s->spread.wp = n->shape[n->ndim - 1];
  s->spread.h = k == 2 ? in->shape[in->ndim - 2] : 1, s->spread.top = k == 2 ? pads[2] : 0;
  s->spread.hp = k == 2 ? n->shape[n->ndim - 2] : 1;
  s->spread.sh = s->spread.sw = 1;
  s->spread.planes = per_image(in) / (s->spread.h * s->spread.w);
  /* the pads as numbers: the model may have computed them from sizes (U-Net's diffX // 2) */
  Value *nums = v_list(0, NULL);
  for (int i = 0; i < 2 * k; i++)
    list_push(nums->list, v_int(pads[i]));
  s->hyper[0] = nums;
  s->nhyper = 1;
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {1}, .doc = "zp_in"});
}

/* pool(x), F.avg_pool2d(x, k): the rounded mean of each window. */
static void lower_avgpool(Lower *L, Step *s) {
  static const char *const hyper[] = {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                                      "divisor_override"};
  s->spatial = spatial_dims(s->node);
  s->pool.g = pool_geom(s->node);
  s->pool.count_include_pad = v_truthy(arg(s->node, "count_include_pad"));
  /* avg_pool1d has no divisor_override */
  Value *d = s->spatial == 1 ? v_none() : arg(s->node, "divisor_override");
  s->pool.divisor = d->kind == V_NONE ? 0 : as_int(d, "divisor_override", s->node->loc);
  set_hyper(s, hyper, s->spatial == 1 ? 5 : 6);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {1}, .doc = "zp_in"});
}

/* F.adaptive_avg_pool2d(x, size): windows that tile the input. */
static void lower_adaptive_avgpool(Lower *L, Step *s) {
  static const char *const hyper[] = {"output_size"};
  s->spatial = spatial_dims(s->node);
  s->pool.g = pool_planes(s->node);
  SET_HYPER(s, hyper);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {1}, .doc = "zp_in"});
}

/* The broadcast of a binary op's two operands to its output, per image:
 * both have the output's rank and batch (the C runs one image at a time). */
static void broadcast_geom(Step *s) {
  const Node *n = s->node;
  int first = n->ndim > 1 ? 1 : 0, r = n->ndim - first;
  if (r > 4)
    error_at(n->loc, "the C inference broadcasts tensors of at most 4 dimensions per image");
  for (int d = 0; d < 4; d++)
    s->binary.n[d] = d < 4 - r ? 1 : n->shape[first + d - (4 - r)];
  for (int k = 0; k < 2; k++) {
    const Node *in = node_input(n, k);
    int64_t *st = k ? s->binary.sb : s->binary.sa, stride = 1;
    if (in->ndim != n->ndim || (first && in->shape[0] != n->shape[0]))
      error_at(n->loc, "the C inference broadcasts %s of tensors of one rank and batch size only; here %s and %s",
               n->def->name, shape_str(node_input(n, 0)->shape, node_input(n, 0)->ndim),
               shape_str(node_input(n, 1)->shape, node_input(n, 1)->ndim));
    for (int d = 3; d >= 0; d--) {
      int size = d < 4 - r ? 1 : in->shape[first + d - (4 - r)];
      st[d] = size == 1 && s->binary.n[d] != 1 ? 0 : stride;
      stride *= size;
    }
  }
}

/* An elementwise op on one tensor: a table. The runtime's function of each
 * quantized form, and the parameter it takes (the number of a tensor-number
 * op is its other operand). */
static const struct {
  const char *fn, *param;
} tables[Q_UNSUPPORTED] = {
  [Q_SIGMOID] = {"sigmoid", NULL}, [Q_HARDSWISH] = {"hardswish", NULL}, [Q_HARDSIGMOID] = {"hardsigmoid", NULL},
  [Q_SILU] = {"silu", NULL}, [Q_TANH] = {"tanh", NULL}, [Q_GELU] = {"gelu", "approximate"},
  [Q_LEAKY_RELU] = {"leaky_relu", "negative_slope"}, [Q_ELU] = {"elu", "alpha"}, [Q_MISH] = {"mish", NULL},
  [Q_ADD] = {"add", NULL}, [Q_MUL] = {"mul", NULL}, [Q_SUB] = {"sub", NULL}, [Q_DIV] = {"div", NULL},
};

/* Q_TABLE: the runtime's table is named after the op, lowercase, without
 * an in-place '_' (Softplus, F.softplus: "softplus"; x.neg(), -x: "neg"),
 * and takes the op's parameters in signature order, all but the tensor and
 * inplace. */
static void lower_named_table(Step *s) {
  const Node *n = s->node;
  char *fn = arena_strdup(n->def->name);
  for (char *c = fn; *c; c++)
    *c = (char)tolower((unsigned char)*c);
  size_t len = strlen(fn);
  if (len > 1 && fn[len - 1] == '_')
    fn[len - 1] = 0;
  s->fn = fn;
  for (int i = n->def->kind == OK_FUNCTION ? 1 : 0; i < n->def->nparams; i++) {
    if (!strcmp(n->def->pname[i], "inplace"))
      continue;
    Value *v = arg(n, n->def->pname[i]);
    if (!v_is_num(v))
      error_at(n->loc, "qgen quantizes %s with a number %s, not %s", n->def->name, n->def->pname[i], v_type_name(v));
    if (s->nhyper == (int)(sizeof s->hyper / sizeof *s->hyper))
      unreachable();
    s->hyper[s->nhyper++] = v;
  }
}

static void lower_lut(Lower *L, Step *s) {
  const Node *n = s->node;
  s->kind = STEP_LUT;
  s->size = per_image(n);
  s->act = act_of(s->fused_act);
  s->fn = tables[n->q].fn;
  if (n->q == Q_TABLE) {
    lower_named_table(s);
  } else if (tables[n->q].param) {
    s->hyper[0] = arg(n, tables[n->q].param);
    s->nhyper = 1;
  } else if (n->q == Q_ADD || n->q == Q_MUL || n->q == Q_SUB || n->q == Q_DIV) {
    Value *a = node_operand(n, 0, n->loc);
    bool tensor_first = a->kind == V_PROXY;
    Value *c = unwrap_const(node_operand(n, tensor_first ? 1 : 0, n->loc));
    if (c->kind != V_INT && c->kind != V_FLOAT && c->kind != V_BOOL)
      error_at(n->loc, "qgen quantizes %s of a tensor and a number, not of a tensor and %s", n->def->name,
               v_type_name(c));
    if (!tensor_first && n->q == Q_SUB)
      s->fn = "rsub";
    if (n->q == Q_DIV && (c->kind == V_FLOAT ? c->f == 0.0 : c->kind == V_INT ? c->i == 0 : !c->b))
      error_at(n->loc, "qgen cannot quantize a division by zero");
    s->hyper[0] = c;
    s->nhyper = 1;
  }
  add_slot(s, (Slot){.field = "lut", .dtype = DT_U8, .ndim = 1, .dims = {(int64_t)1 << L->p->bits},
                     .doc = format("%s table", s->fn)});
}

/* prelu(x): a table per slope, applied to each channel's codes (one table
 * for all with num_parameters=1). */
static void lower_prelu(Lower *L, Step *s) {
  const Node *n = s->node, *in = node_input(n, 0);
  if (in->ndim < 2)
    error_at(n->loc, "the C inference needs a batch dimension before PReLU's channels");
  s->prelu.channels = in->shape[1];
  s->prelu.inner = per_image(in) / in->shape[1];
  s->prelu.tables = as_int(arg(n, "num_parameters"), "num_parameters", n->loc);
  s->act = act_of(s->fused_act);
  add_slot(s, (Slot){.field = "lut", .dtype = DT_U8, .ndim = 2, .dims = {s->prelu.tables, (int64_t)1 << L->p->bits},
                     .doc = "a table per slope"});
}

/* a + b or a - b, two tensors that broadcast; a tensor and a number is a table. */
static void lower_add(Lower *L, Step *s) {
  if (s->nin == 1) {
    lower_lut(L, s);
    return;
  }
  broadcast_geom(s);
  s->binary.sub = s->node->q == Q_SUB;
  s->act = act_of(s->fused_act);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {12},
                     .doc = "zp1, zp2, zp_out, left_shift, m1, sh1, m2, sh2, mo, sho, act_min, act_max"});
}

/* a * b, two tensors that broadcast; a tensor and a number is a table. */
static void lower_mul(Lower *L, Step *s) {
  if (s->nin == 1) {
    lower_lut(L, s);
    return;
  }
  broadcast_geom(s);
  s->act = act_of(s->fused_act);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {7},
                     .doc = "zp1, zp2, zp_out, m, sh, act_min, act_max"});
}

/* torch.cat(xs, dim): per image, `outer` runs of each input's `inner` codes. */
static void lower_cat(Lower *L, Step *s) {
  static const char *const hyper[] = {"dim"};
  const Node *n = s->node;
  int64_t dim = as_int(param(n->def, n->params, "dim"), "dim", n->loc);
  if (dim % n->ndim == 0)
    error_at(n->loc, "the C inference does not concatenate along the batch dimension");
  s->cat.axis = (int)(dim < 0 ? dim + n->ndim : dim);
  s->cat.outer = 1;
  for (int d = 1; d < s->cat.axis; d++)
    s->cat.outer *= n->shape[d];
  s->cat.inner = arena_alloc(sizeof(int64_t) * (size_t)s->nin);
  for (int k = 0; k < s->nin; k++)
    s->cat.inner[k] = s->in[k]->bytes / s->cat.outer;
  SET_HYPER(s, hyper);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {4 + 3 * s->nin},
                     .doc = "zp_out, qmin, qmax, n, then zp, m, sh per input"});
}

/* relu(x), relu6(x), hardtanh(x) that no requantizing op before it took. */
static void lower_clamp(Lower *L, Step *s) {
  s->size = per_image(s->node);
  s->act = act_of(s->node);
  add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {2}, .doc = "act_min, act_max"});
}

/* view, flatten, size() ...: the generated forward keeps the statement. */
static void lower_statement(Lower *L, Step *s) {
  const Node *n = s->node;
  s->stmt = n;
  /* squeeze, unsqueeze: views, but the batch must stay where it is */
  if (n->def && n->q == Q_PASS && has_param(n, "dim") && strstr(n->def->name, "squeeze")) {
    Value *d = arg(n, "dim");
    int64_t k = d->kind == V_NONE ? 0 : as_int(d, "dim", n->loc);
    int rank = node_input(n, 0)->ndim + (n->def->name[0] == 'u');
    if (d->kind == V_NONE || k == 0 || k == -rank)
      error_at(n->loc, "the C inference keeps the batch dimension: give %s a dim other than 0", n->def->name);
  }
}

/* Dropout as traced has training=True baked in; the generated forward
 * follows the model's mode instead. */
static void lower_identity(Lower *L, Step *s) {
  const Node *n = s->node;
  s->stmt = n;
  /* a torch.fx.wrap'd function that in eval returns its input
   * (torchvision's stochastic_depth): FX's mangled global for it does not
   * exist in the rewritten file, and in eval it is the identity */
  s->alias = n->def->id == OP_FX_WRAPPED_IDENTITY;
  if (n->op == N_CALL_MODULE || !dict_get(n->kwargs, "training"))
    return;
  Node *copy = arena_alloc(sizeof *copy);
  *copy = *n;
  copy->kwargs = dict_new();
  for (int i = 0; i < n->kwargs->n; i++)
    dict_set(copy->kwargs, n->kwargs->keys[i],
             strcmp(n->kwargs->keys[i], "training") ? n->kwargs->vals[i] : v_namespace("self.training"));
  s->stmt = copy;
}

/* softmax, log_softmax along dim (None: PyTorch's legacy choice, 0 for
 * ranks 0, 1, 3 and 1 otherwise): per image, `outer` runs of `n` codes
 * `inner` apart. */
static void lower_softmax(Lower *L, Step *s) {
  const Node *n = s->node, *in = node_input(n, 0);
  Value *d = arg(n, "dim");
  if (has_param(n, "dtype") && arg(n, "dtype")->kind != V_NONE)
    error_at(n->loc, "qgen quantizes %s without a dtype", n->def->name);
  int64_t dim = d->kind == V_NONE ? (in->ndim == 0 || in->ndim == 1 || in->ndim == 3 ? 0 : 1)
                                  : as_int(d, "dim", n->loc);
  if (dim < 0)
    dim += in->ndim;
  if (dim <= 0 || dim >= in->ndim)
    error_at(n->loc, "the C inference computes %s within an image, not along dimension %lld of a tensor of shape %s",
             n->def->name, (long long)dim, shape_str(in->shape, in->ndim));
  s->softmax.log = n->q == Q_LOG_SOFTMAX;
  s->softmax.outer = 1, s->softmax.inner = 1;
  for (int k = 1; k < dim; k++)
    s->softmax.outer *= in->shape[k];
  for (int k = (int)dim + 1; k < in->ndim; k++)
    s->softmax.inner *= in->shape[k];
  s->softmax.n = in->shape[dim];
  s->hyper[0] = v_int(dim);
  s->nhyper = 1;
  int64_t codes = (int64_t)1 << L->p->bits;
  add_slot(s, (Slot){.field = "e", .dtype = DT_I32, .ndim = 1, .dims = {codes}, .doc = "exp(-s_in * d) in Q23"});
  if (s->softmax.log) {
    add_slot(s, (Slot){.field = "a", .dtype = DT_I32, .ndim = 1, .dims = {codes}, .doc = "s_in * d / s_out in Q16"});
    add_slot(s, (Slot){.field = "t", .dtype = DT_I32, .ndim = 1, .dims = {256}, .doc = "log1p((t + 0.5) / 256) / s_out in Q16"});
    add_slot(s, (Slot){.field = "i", .dtype = DT_I32, .ndim = 1, .dims = {4}, .doc = "zp_out, qmin, qmax, log(2) / s_out in Q16"});
  }
}

/* Upsample, interpolate in mode 'nearest' on N x C x H x W: every output
 * row and column copies the source PyTorch 1.13 picks (UpSample.h,
 * nearest_idx): the same index, o >> 1 at twice the size, else
 * min(floorf(o * scale), size - 1) with the float scale 1 / scale_factor
 * (as given, unless recompute_scale_factor) or in / out. */
static int32_t *nearest_sources(int64_t in, int64_t out, Value *sf, bool recompute, Loc loc) {
  int32_t *src = arena_alloc(sizeof(int32_t) * (size_t)out);
  double f = sf->kind == V_NONE || recompute ? 0.0 : as_number(sf, "scale_factor", loc);
  float scale = f > 0.0 ? (float)(1.0 / f) : (float)in / (float)out;
  for (int64_t o = 0; o < out; o++) {
    int64_t i = out == in ? o : out == 2 * in ? o >> 1 : (int64_t)floorf((float)o * scale);
    src[o] = (int32_t)(i < in - 1 ? i : in - 1);
  }
  return src;
}

/* Upsample, interpolate in mode 'bilinear' along one axis (section 3 of
 * docs/quantization.md): output o reads sources i0[o] and i1[o] with weight
 * lam[o] / 1024 on i1, from the exact source coordinate src = num / den,
 * with the scale in / out, or (in - 1) / (out - 1) with align_corners. */
static void bilinear_sources(Step *s, int axis, int64_t in, int64_t out, bool align_corners, Value *sf, bool recompute,
                             Loc loc) {
  if (in > (1 << 24) || out > (1 << 24))
    error_at(loc, "qgen interpolates bilinearly up to 2^24 rows or columns, not %lld to %lld", (long long)in,
             (long long)out);
  /* PyTorch's scale is 1 / scale_factor when one is given: the same as
   * in / out only when in * scale_factor is a whole number */
  if (!align_corners && sf->kind != V_NONE && !recompute) {
    double f = as_number(sf, "scale_factor", loc);
    if ((double)in * f != (double)out)
      error_at(loc, "qgen interpolates bilinearly by a scale_factor that gives a whole size (%lld x %g is not), or to "
                    "a size", (long long)in, f);
  }
  int32_t *t[3];
  for (int k = 0; k < 3; k++)
    t[k] = arena_alloc(sizeof(int32_t) * (size_t)out);
  for (int64_t o = 0; o < out; o++) {
    int64_t num, den;
    if (align_corners)
      num = o * (in - 1), den = out > 1 ? out - 1 : 1;
    else
      num = (2 * o + 1) * in - out, den = 2 * out;
    if (num < 0)
      num = 0;                          /* PyTorch clamps a negative source to 0 */
    int64_t i0 = num / den, rem = num % den;
    t[0][o] = (int32_t)i0;
    t[1][o] = (int32_t)(i0 < in - 1 ? i0 + 1 : i0);
    t[2][o] = (int32_t)((rem * 2048 + den) / (2 * den));
  }
  s->up.src[axis][0] = t[0], s->up.src[axis][1] = t[1], s->up.lam[axis] = t[2];
}

static void lower_upsample(Lower *L, Step *s) {
  static const char *const hyper[] = {"size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"};
  const Node *n = s->node, *in = node_input(n, 0);
  Value *mode = arg(n, "mode"), *sf = arg(n, "scale_factor"), *rc = arg(n, "recompute_scale_factor");
  s->up.bilinear = !strcmp(mode->s, "bilinear");
  if (strcmp(mode->s, "nearest") && !s->up.bilinear)
    error_at(n->loc, "qgen quantizes %s in modes 'nearest' and 'bilinear' only, not '%s'", n->def->name, mode->s);
  if (in->ndim != 4)
    error_at(n->loc, "the C inference upsamples N x C x H x W inputs only, not shape %s", shape_str(in->shape, in->ndim));
  bool recompute = rc->kind == V_BOOL && rc->b;
  s->up.c = in->shape[1], s->up.h = in->shape[2], s->up.w = in->shape[3];
  s->up.oh = n->shape[2], s->up.ow = n->shape[3];
  Value *sfh = v_is_seq(sf) ? unwrap_const(sf->list->items[0]) : sf, *sfw = v_is_seq(sf) ? unwrap_const(sf->list->items[1]) : sf;
  if (s->up.bilinear) {
    bool ac = v_truthy(arg(n, "align_corners"));
    bilinear_sources(s, 0, s->up.h, s->up.oh, ac, sfh, recompute, n->loc);
    bilinear_sources(s, 1, s->up.w, s->up.ow, ac, sfw, recompute, n->loc);
  } else {
    s->up.src[0][0] = nearest_sources(s->up.h, s->up.oh, sfh, recompute, n->loc);
    s->up.src[1][0] = nearest_sources(s->up.w, s->up.ow, sfw, recompute, n->loc);
  }
  SET_HYPER(s, hyper);
  /* sizes and factors as numbers: the model may have computed them from x.shape */
  if (arg(n, "size")->kind != V_NONE) {
    Value *hw[2] = {v_int(s->up.oh), v_int(s->up.ow)};
    s->hyper[0] = v_tuple(2, hw);
  }
  if (v_is_seq(sf)) {
    Value *f[2] = {v_float(as_number(sfh, "scale_factor", n->loc)), v_float(as_number(sfw, "scale_factor", n->loc))};
    s->hyper[1] = v_tuple(2, f);
  }
}

/* x.mean(dims, keepdim), torch.mean: within an image (never the batch),
 * each output the rounded integer mean of its codes; keeps (scale, zp). The
 * kernel walks the kept dims outermost first, and for each the reduced ones,
 * by the input's strides. */
static void lower_mean(Lower *L, Step *s) {
  static const char *const hyper[] = {"dim", "keepdim"};
  const Node *n = s->node, *in = node_input(n, 0);
  Value *d = arg(n, "dim");
  if (arg(n, "dtype")->kind != V_NONE)
    error_at(n->loc, "qgen quantizes mean without a dtype");
  bool reduced[MAX_DIMS] = {false};
  int nd = d->kind == V_NONE ? 0 : v_is_seq(d) ? d->list->n : 1;
  if (nd == 0)
    error_at(n->loc, "the C inference takes a mean within an image: give the dims (a mean over every dim includes the "
                     "batch)");
  for (int i = 0; i < nd; i++) {
    int64_t k = as_int(unwrap_const(v_is_seq(d) ? d->list->items[i] : d), "dim", n->loc);
    k += k < 0 ? in->ndim : 0;
    if (k == 0)
      error_at(n->loc, "the C inference takes a mean within an image, not over the batch dimension");
    reduced[k] = true;
  }
  int64_t stride[MAX_DIMS];
  for (int k = in->ndim - 1, st = 1; k >= 1; k--) {
    stride[k] = st;
    st *= in->shape[k];
  }
  s->mean.nk = s->mean.nr = 0;
  s->mean.count = 1;
  for (int k = 1; k < in->ndim; k++) {
    if (reduced[k]) {
      s->mean.rsize[s->mean.nr] = in->shape[k], s->mean.rstride[s->mean.nr++] = stride[k];
      s->mean.count *= in->shape[k];
    } else {
      s->mean.ksize[s->mean.nk] = in->shape[k], s->mean.kstride[s->mean.nk++] = stride[k];
    }
  }
  SET_HYPER(s, hyper);
  if (v_is_seq(d)) {   /* the dims as numbers: the model may have computed them */
    Value *dims = v_list(0, NULL);
    for (int i = 0; i < nd; i++)
      list_push(dims->list, unwrap_const(d->list->items[i]));
    s->hyper[0] = dims;
  }
}

/* transpose(d0, d1), permute(dims): output dim i is input dim perm[i];
 * the batch stays first. The kernel walks the output in order, reading the
 * input by its stride along each output dim. */
static void lower_permute(Lower *L, Step *s) {
  const Node *n = s->node, *in = node_input(n, 0);
  int perm[MAX_DIMS];
  for (int i = 0; i < in->ndim; i++)
    perm[i] = i;
  if (has_param(n, "dim0")) {
    int64_t d0 = as_int(arg(n, "dim0"), "dim0", n->loc), d1 = as_int(arg(n, "dim1"), "dim1", n->loc);
    d0 += d0 < 0 ? in->ndim : 0, d1 += d1 < 0 ? in->ndim : 0;
    perm[d0] = (int)d1, perm[d1] = (int)d0;
  } else {
    Value *dims = unwrap_const(n->params[n->op == N_CALL_METHOD ? 0 : 1]);
    if (n->op == N_CALL_METHOD && dims->list->n == 1 && v_is_seq(unwrap_const(dims->list->items[0])))
      dims = unwrap_const(dims->list->items[0]);
    for (int i = 0; i < in->ndim; i++) {
      int64_t d = as_int(unwrap_const(dims->list->items[i]), "a dim", n->loc);
      perm[i] = (int)(d + (d < 0 ? in->ndim : 0));
    }
  }
  if (perm[0] != 0)
    error_at(n->loc, "the C inference keeps the batch dimension first: %s may not move it", n->def->name);
  int64_t stride[MAX_DIMS];
  for (int k = in->ndim - 1, st = 1; k >= 1; k--) {
    stride[k] = st;
    st *= in->shape[k];
  }
  s->perm.rank = in->ndim - 1;
  for (int i = 1; i < in->ndim; i++)
    s->perm.size[i - 1] = in->shape[perm[i]], s->perm.stride[i - 1] = stride[perm[i]];
  Value *dims = v_list(0, NULL);
  for (int i = 0; i < in->ndim; i++)
    list_push(dims->list, v_int(perm[i]));
  s->hyper[0] = dims;
  s->nhyper = 1;
}

/* chunk[i], split[i]: per image, `outer` runs of `in_run` codes, of which
 * the piece is `len` codes from `start`. The generated Python keeps the
 * statement (it indexes the codes as it indexes floats). */
/* x[key] of a tensor: the codes it picks, read with the strides of its
 * dims from the first one's offset; the batch dimension stays whole. */
static void lower_index(Step *s) {
  const Node *n = s->node, *in = node_input(n, 0);
  Subscript sub;
  tensor_subscript(in->shape, in->ndim, n->args->list->items[1], &sub, n->loc);
  if (in->ndim < 2 || sub.ndim < 1 || sub.src[0] != 0 || sub.step[0] != 1 || sub.shape[0] != in->shape[0])
    error_at(n->loc, "the C inference runs one image at a time: it does not index or slice the batch dimension");
  int64_t stride[MAX_DIMS];
  for (int d = in->ndim - 1, st = 1; d >= 1; d--) {
    stride[d] = st;
    st *= in->shape[d];
  }
  s->kind = STEP_INDEX;
  s->perm.offset = 0;
  for (int d = 1; d < in->ndim; d++)
    s->perm.offset += sub.start[d] * stride[d];
  s->perm.rank = 0;
  for (int k = 1; k < sub.ndim; k++) {
    s->perm.size[s->perm.rank] = sub.shape[k];
    s->perm.stride[s->perm.rank++] = sub.src[k] < 0 ? 0 : sub.step[sub.src[k]] * stride[sub.src[k]];
  }
  if (s->perm.rank == 0)      /* one code an image */
    s->perm.size[0] = 1, s->perm.stride[0] = 0, s->perm.rank = 1;
  s->stmt = n;
}

static void lower_slice(Lower *L, Step *s) {
  const Node *n = s->node, *parts = node_input(n, 0);
  if (!parts->nparts) {
    lower_index(s);
    return;
  }
  int dim = parts->part_dim;
  if (dim == 0)
    error_at(n->loc, "the C inference does not split along the batch dimension");
  int64_t inner = 1;
  s->slice.outer = 1;
  for (int k = 1; k < dim; k++)
    s->slice.outer *= parts->shape[k];
  for (int k = dim + 1; k < parts->ndim; k++)
    inner *= parts->shape[k];
  s->slice.in_run = parts->shape[dim] * inner;
  s->slice.start = n->part_start * inner;
  s->slice.len = n->shape[dim] * inner;
  s->stmt = n;
}

typedef void (*Rule)(Lower *L, Step *s);
static const struct {
  StepKind kind;
  Rule lower;
} rules[] = {
  [Q_INPUT] = {STEP_QUANTIZE, lower_quantize},
  [Q_OUTPUT] = {STEP_DEQUANTIZE, lower_statement},
  [Q_PASS] = {STEP_RESHAPE, lower_statement},
  [Q_IDENTITY] = {STEP_IDENTITY, lower_identity},
  [Q_SIZE] = {STEP_STATIC, lower_statement},
  [Q_CONV] = {STEP_CONV, lower_conv},
  [Q_LINEAR] = {STEP_LINEAR, lower_linear},
  [Q_BATCHNORM] = {STEP_BATCHNORM, lower_batchnorm},
  [Q_RELU] = {STEP_CLAMP, lower_clamp},
  [Q_RELU6] = {STEP_CLAMP, lower_clamp},
  [Q_HARDTANH] = {STEP_CLAMP, lower_clamp},
  [Q_MAXPOOL] = {STEP_MAXPOOL, lower_maxpool},
  [Q_AVGPOOL] = {STEP_AVGPOOL, lower_avgpool},
  [Q_ADAPTIVE_AVGPOOL] = {STEP_ADAPTIVE_AVGPOOL, lower_adaptive_avgpool},
  [Q_ADD] = {STEP_ADD, lower_add},
  [Q_CAT] = {STEP_CAT, lower_cat},
  [Q_MUL] = {STEP_MUL, lower_mul},
  [Q_SIGMOID] = {STEP_LUT, lower_lut},
  [Q_HARDSWISH] = {STEP_LUT, lower_lut},
  [Q_HARDSIGMOID] = {STEP_LUT, lower_lut},
  [Q_SILU] = {STEP_LUT, lower_lut},
  [Q_TANH] = {STEP_LUT, lower_lut},
  [Q_GELU] = {STEP_LUT, lower_lut},
  [Q_LEAKY_RELU] = {STEP_LUT, lower_lut},
  [Q_ELU] = {STEP_LUT, lower_lut},
  [Q_MISH] = {STEP_LUT, lower_lut},
  [Q_SUB] = {STEP_ADD, lower_add},
  [Q_DIV] = {STEP_LUT, lower_lut},
  [Q_TABLE] = {STEP_LUT, lower_lut},
  [Q_SOFTMAX] = {STEP_SOFTMAX, lower_softmax},
  [Q_LOG_SOFTMAX] = {STEP_SOFTMAX, lower_softmax},
  [Q_UPSAMPLE] = {STEP_UPSAMPLE, lower_upsample},
  [Q_MEAN] = {STEP_MEAN, lower_mean},
  [Q_PERMUTE] = {STEP_PERMUTE, lower_permute},
  [Q_PARTS] = {STEP_RESHAPE, lower_statement},
  [Q_SLICE] = {STEP_SLICE, lower_slice},
  [Q_PAD] = {STEP_PAD, lower_pad},
  [Q_PRELU] = {STEP_PRELU, lower_prelu},
  [Q_ADAPTIVE_MAXPOOL] = {STEP_MAXPOOL, lower_adaptive_maxpool},
};
/* Q_NONE and Q_UNSUPPORTED have none: pass_quantize_plan refuses them. */
_Static_assert(sizeof rules / sizeof *rules == Q_UNSUPPORTED, "every quantized form needs a lowering rule");

/* ------------------------------------------------------------ values */
static void make_tensors(Lower *L) {
  Graph *g = L->g;
  Program *p = L->p;
  p->tensors = arena_alloc(sizeof(Tensor) * (size_t)g->n);
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->q == Q_OUTPUT)
      continue;
    Tensor *t = &p->tensors[p->ntensors++];
    t->node = n;
    t->ndim = n->ndim;
    memcpy(t->shape, n->shape, sizeof t->shape);
    t->bytes = n->is_tensor ? per_image(n) : 0;
    t->layout = LAYOUT_NCHW;
    L->tensor_of[i] = t;
  }
}

/* One step per node that is not fused into another, in graph order. */
static void make_steps(Lower *L) {
  Graph *g = L->g;
  Program *p = L->p;
  p->steps = arena_alloc(sizeof(Step) * (size_t)g->n);
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->fused_into) {
      L->step_of[i] = L->step_of[n->fused_into->index];
      continue;
    }
    if ((size_t)n->q >= sizeof rules / sizeof *rules || !rules[n->q].lower)
      unreachable();
    Step *s = &p->steps[p->nsteps++];
    L->step_of[i] = s;
    s->kind = rules[n->q].kind;
    s->node = n;
    s->fused_bn = n->fused_bn;
    s->fused_act = n->fused_act;
    s->module = node_is_qmodule(n);
    s->nin = node_ninputs(n);
    s->in = arena_alloc(sizeof(Tensor *) * (size_t)s->nin);
    for (int k = 0; k < s->nin; k++)
      s->in[k] = L->tensor_of[node_input(n, k)->index];
    s->out = L->tensor_of[n->tail->index];
  }
}

/* A max pool that is its conv's only reader is computed by the conv
 * kernel (qg_conv2d with a pool shape): the conv's output never exists. */
static void fuse_pools(Lower *L) {
  for (int i = 0; i < L->p->nsteps; i++) {
    Step *m = &L->p->steps[i];
    if (m->kind != STEP_MAXPOOL || m->in[0]->ndim != 4 || m->node->q == Q_ADAPTIVE_MAXPOOL)
      continue;
    const Node *t = m->in[0]->node;
    Step *conv = L->step_of[t->index];
    if (conv->kind == STEP_CONV && t->nusers == 1 && conv->out->node == t &&
        conv->node->def->id != OP_CONVTRANSPOSE2D) {   /* its kernel runs on the spread input: no pool */
      conv->conv_pool = m;
      m->pooled_by = conv;
    }
  }
}

/* Where each value's codes are: a view's are its source's, a fused
 * chain's are in its last node's buffer, or its pool's. */
static void place_tensors(Lower *L) {
  for (int i = 0; i < L->p->ntensors; i++) {
    Tensor *t = &L->p->tensors[i];
    const Node *n = t->node, *root = n->alias ? n->alias : n;
    const Node *head = root->fused_into ? root->fused_into : root;
    Step *hs = L->step_of[head->index];
    t->step = L->step_of[n->index];
    t->qsrc = n->qsrc ? L->step_of[n->qsrc->index] : NULL;
    t->store = hs->conv_pool ? hs->conv_pool->out : L->tensor_of[head->tail->index];
    if (n->fused_into)
      t->at = PLACE_FUSED;
    else if (n->q == Q_PASS || n->q == Q_IDENTITY || n->q == Q_PARTS)
      t->at = PLACE_ALIAS;
    else if (n->q == Q_SIZE)
      t->at = PLACE_STATIC, t->store = NULL;
    else if (t->step->conv_pool)
      t->at = PLACE_POOLED;
    else
      t->at = t->store == t ? PLACE_OWN : PLACE_HEAD;
  }
}

/* ------------------------------------------------------------- order */
/* The order in which export() writes the runtime modules and the C lists
 * them: graph order, with the module that produces the output last. Their
 * slots, in that order, then the output's, make the weights file's table. */
static void export_order(Lower *L) {
  Program *p = L->p;
  Step *last = p->steps[p->nsteps - 1].in[0]->qsrc;
  p->order = arena_alloc(sizeof(Step *) * (size_t)p->nsteps);
  for (int i = 0; i < p->nsteps; i++)
    if (p->steps[i].module && &p->steps[i] != last)
      p->order[p->norder++] = &p->steps[i];
  p->order[p->norder++] = last;
  int n = 1;
  for (int i = 0; i < p->norder; i++)
    n += p->order[i]->nslots;
  p->slots = arena_alloc(sizeof(Slot) * (size_t)n);
  for (int i = 0; i < p->norder; i++) {
    Step *s = p->order[i];
    for (int k = 0; k < s->nslots; k++)
      p->slots[p->nslots + k] = s->slots[k];
    s->slots = &p->slots[p->nslots];
    p->nslots += s->nslots;
  }
  p->slots[p->nslots++] = (Slot){.owner = "output", .field = "f", .dtype = DT_F32, .ndim = 1, .dims = {2}, .doc = "scale, zp"};
}

/* ------------------------------------------------------------ driver */
Program *lower(Graph *g, int bits) {
  const ClassDef *cls = g->root->obj->cls;
  Program *p = arena_alloc(sizeof *p);
  p->class_name = g->class_name;
  p->cls = cls;
  p->src = cls->src;
  p->parsed = cls->module->parsed;
  p->nedits = module_absolute_imports(cls->module, &p->edits);
  p->fingerprint = graph_fingerprint(g);
  p->bits = bits;
  Lower L = {g, p, arena_alloc(sizeof(Tensor *) * (size_t)g->n), arena_alloc(sizeof(Step *) * (size_t)g->n)};
  make_tensors(&L);
  make_steps(&L);
  fuse_pools(&L);
  place_tensors(&L);
  for (int i = 0; i < p->nsteps; i++)
    rules[p->steps[i].node->q].lower(&L, &p->steps[i]);
  export_order(&L);
  plan_memory(p);
  if (p->arena_bytes > QGEN_MAX_ARENA || p->total_bytes > QGEN_MAX_ARENA)
    error_at(p->nsteps ? p->steps[p->nsteps - 1].node->loc : g->nodes[0]->loc,
             "size overflow: the C inference would need %lld bytes of arena, past qgen's limit of %lld",
             (long long)p->arena_bytes, (long long)QGEN_MAX_ARENA);
  return p;
}
