/* seed_q.c: integer-only C99 version of examples/seed/net.py (class Net).
 *
 * HAND-WRITTEN model of what `qgen` emits as NAME_q.c (NAME = net), used to
 * test and time the kernels before the emitter exists.  Differences from
 * the generated file:
 *   - the kernel library is #included from templates/ (the generator pastes
 *     templates/kernels/ verbatim in its place);
 *   - nodes are named after their modules (conv1, conv2, fc).  In FX's
 *     graph the fused conv1 + relu node is named `relu` (conv2 + relu:
 *     `relu_1`), and the generator names the weights entries after the
 *     graph node the runtime module belongs to (docs/quantization.md,
 *     section 4: `('conv1', self.q_conv1)`), which is the module name here;
 *   - the fingerprint is a placeholder (0x0123456789abcdef; note that the
 *     hand-written tests/py/seed_q.py exports 0x5eed0123456789ab).
 * Checked bit for bit against qgen_runtime.py: weights exported by
 * tests/py/seed_q.py (fingerprint set to this one), net_run() on 602
 * images (random, exact quantizer ties, +-1e30) equals quantize_inference().
 *
 * Graph (one image; codes are uint8; "B" = bytes):
 *   node     source            op                              out shape   out B
 *   x        net.py:14         quantize (x.i, x.f)             1x28x28       784
 *   conv1    net.py:15         conv 3x3 1->40 + relu           40x26x26    27040 (fused: not stored)
 *   pool1    net.py:16         max_pool2d 2/2                  40x13x13     6760
 *   conv2    net.py:17         conv 3x3 40->40 g20 + relu      40x11x11     4840 (fused: not stored)
 *   pool2    net.py:18         max_pool2d 2/2                  40x5x5       1000
 *   view     net.py:19         view(-1, 1000): no code         1000            -
 *   fc       net.py:20         linear 1000->10                 10             10
 *   output   net.py:21         dequantize (output.f)           10 floats
 * Each max_pool2d is the only user of its conv's output, so it is fused
 * into the conv (qg_conv2d with a pool shape): the 40x26x26 and 40x11x11
 * tensors never exist.  Sum of all activations of the graph: 40434 B; of
 * the stored ones: 8554 B.  Arena (stored activations + kernel scratch,
 * assigned by lifetime, 64-byte aligned): 27904 B, peak at step 2 (pool1,
 * pool2 and conv2's scratch), plus the model state (NET_STATE_BYTES).
 *
 * Weights: the .qgw file of docs/quantization.md section 5 with the table
 * net_tensors below.  It is used in place: int8 weights are read directly,
 * int32 / float32 values through the little-endian readers, so the buffer
 * may have any alignment and the host any byte order.
 *
 * Build: cc -std=c99 -O3 -march=native -c seed_q.c
 *        cc -std=c99 -O3 -DQGEN_MAIN -o net_q seed_q.c -lm
 *            ./net_q WEIGHTS.qgw IN.f32 OUT.f32
 */
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <stddef.h>
#ifdef QGEN_MAIN
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#endif

#include "seed_q.h"

/* The generator pastes the kernel library here: templates/kernels/, in the
 * order of kernel_templates[] (src/templates.c). */
#include "../../templates/kernels/base.c"
#include "../../templates/kernels/conv.c"
#include "../../templates/kernels/gemm.c"
#include "../../templates/kernels/depthwise.c"
#include "../../templates/kernels/linear.c"
#include "../../templates/kernels/pool.c"
#include "../../templates/kernels/elementwise.c"
#include "../../templates/kernels/weights.c"

/* ------------------------------------------------------------ tensors */

enum {
    NET_T_X_I, NET_T_X_F,
    NET_T_CONV1_I, NET_T_CONV1_W, NET_T_CONV1_B, NET_T_CONV1_M, NET_T_CONV1_S,
    NET_T_CONV2_I, NET_T_CONV2_W, NET_T_CONV2_B, NET_T_CONV2_M, NET_T_CONV2_S,
    NET_T_FC_I, NET_T_FC_W, NET_T_FC_B, NET_T_FC_M, NET_T_FC_S,
    NET_T_OUTPUT_F
};

static const qg_tensor_spec net_tensors[NET_NTENSORS] = {
    {"x.i", QG_I32, 1, {3, 0, 0, 0}},          /* zp, qmin, qmax */
    {"x.f", QG_F32, 1, {1, 0, 0, 0}},          /* scale */
    {"conv1.i", QG_I32, 1, {4, 0, 0, 0}},      /* zp_in, zp_out, act_min, act_max */
    {"conv1.w", QG_I8, 4, {40, 1, 3, 3}},
    {"conv1.b", QG_I32, 1, {40, 0, 0, 0}},
    {"conv1.m", QG_I32, 1, {40, 0, 0, 0}},
    {"conv1.s", QG_I32, 1, {40, 0, 0, 0}},
    {"conv2.i", QG_I32, 1, {4, 0, 0, 0}},
    {"conv2.w", QG_I8, 4, {40, 2, 3, 3}},
    {"conv2.b", QG_I32, 1, {40, 0, 0, 0}},
    {"conv2.m", QG_I32, 1, {40, 0, 0, 0}},
    {"conv2.s", QG_I32, 1, {40, 0, 0, 0}},
    {"fc.i", QG_I32, 1, {4, 0, 0, 0}},
    {"fc.w", QG_I8, 2, {10, 1000, 0, 0}},
    {"fc.b", QG_I32, 1, {10, 0, 0, 0}},
    {"fc.m", QG_I32, 1, {10, 0, 0, 0}},
    {"fc.s", QG_I32, 1, {10, 0, 0, 0}},
    {"output.f", QG_F32, 1, {2, 0, 0, 0}}      /* scale, zp */
};

/* Fixed sizes of the nodes (from the traced shapes). */
static const qg_conv_shape net_conv1_shape = { /* net.py:10  nn.Conv2d(num_channels, 40, 3, 1) */
    1, 28, 28, 40, 26, 26, 3, 3, 1, 1, 1, 0, 0, 1, 1};
static const qg_pool_shape net_pool1_shape = { /* net.py:16  F.max_pool2d(x, 2, 2) */
    40, 26, 26, 13, 13, 2, 2, 2, 2, 0, 0, 1, 1};
static const qg_conv_shape net_conv2_shape = { /* net.py:11  nn.Conv2d(40, 40, 3, 1, groups=20) */
    40, 13, 13, 40, 11, 11, 3, 3, 20, 1, 1, 0, 0, 1, 1};
static const qg_pool_shape net_pool2_shape = { /* net.py:18  F.max_pool2d(x, 2, 2) */
    40, 11, 11, 5, 5, 2, 2, 2, 2, 0, 0, 1, 1};

/* ------------------------------------------------------------- arena */

/* Offsets (bytes) and lifetimes in steps: 0 quantize, 1 conv1 + pool1,
 * 2 conv2 + pool2, 3 fc, 4 dequantize.  "_S" = scratch of one step. */
#define NET_OFF_X 6784             /*   784 B, steps 0-1 */
#define NET_OFF_POOL1 0            /*  6760 B, steps 1-2 */
#define NET_OFF_POOL1_S 7616       /* 13248 B, step 1 (conv1's scratch) */
#define NET_OFF_POOL2 6784         /*  1000 B, steps 2-3 */
#define NET_OFF_POOL2_S 7808       /* 20096 B, step 2 (conv2's scratch) */
#define NET_OFF_FC 0               /*    10 B, steps 3-4 */
#define NET_OFF_FC_S 64            /*  2112 B, step 3 */

#ifndef NET_ARENA_EXTERN
/* The only mutable object of the model. */
static union {
    unsigned char b[NET_ARENA_BYTES];
    void *p;
    double d;
    int64_t i;
} net_arena_u QG_ALIGN64;
#define net_arena (net_arena_u.b)
#endif

/* The model's state, at the end of the arena: the tensors bound by init. */
typedef struct {
    const unsigned char *t[NET_NTENSORS];
    uintptr_t ready;
} net_state;
#define NET_READY ((uintptr_t)0x51475731u)

static net_state *net_st(void)
{
    return (net_state *)(void *)(net_arena + NET_ACT_BYTES);
}

/* ------------------------------------------------------------- init */

static int net_check_f32(const unsigned char *p, size_t i, int32_t *as_int)
{
    const float v = qg_rd_f32(p, i);
    if (as_int) { /* a zero point stored as float: integral, 0..255 */
        if (!(v >= 0.0f && v <= 255.0f) || v != (float)(int32_t)v)
            return QG_E_PARAM;
        *as_int = (int32_t)v;
        return QG_OK;
    }
    return v > 0.0f && v - v == 0.0f ? QG_OK : QG_E_PARAM; /* finite scale > 0 */
}

/* conv / linear node: {zp_in, zp_out, act_min, act_max}, bias bound so that
 * bias + k products of |q - zp| <= 255 and |w| <= 128 cannot overflow int32,
 * shifts in [-31, 31]. */
static int net_check_node(const unsigned char *const *t, int i, size_t o, int32_t k)
{
    const int32_t bmax = INT32_MAX - k * 255 * 128;
    if (qg_check_range(t[i], 4, 0, 255) || qg_rd_i32(t[i], 2) > qg_rd_i32(t[i], 3))
        return QG_E_PARAM;
    if (qg_check_range(t[i + 2], o, -bmax, bmax) || qg_check_range(t[i + 4], o, -31, 31))
        return QG_E_PARAM;
    return QG_OK;
}

int net_init(const void *weights, size_t size)
{
    const unsigned char *t[NET_NTENSORS];
    net_state *st;
    int32_t zp;
    int err;
    if ((uintptr_t)(const void *)net_arena % 16u != 0)
        return QG_E_ARENA;
    st = net_st();
    st->ready = 0;
    if (qg_conv2d_scratch(&net_conv1_shape, &net_pool1_shape) > 13248
        || qg_conv2d_scratch(&net_conv2_shape, &net_pool2_shape) > 20096 || qg_linear_scratch(1000, 10) > 2112)
        return QG_E_ARENA; /* the generator's plan and the kernels disagree */
    err = qg_check_table(weights, size, NET_FINGERPRINT, net_tensors, NET_NTENSORS, t);
    if (err)
        return err;
    /* parameter ranges: nothing the kernels read can make them misbehave */
    if (qg_check_range(t[NET_T_X_I], 3, 0, 255) || qg_rd_i32(t[NET_T_X_I], 1) > qg_rd_i32(t[NET_T_X_I], 0)
        || qg_rd_i32(t[NET_T_X_I], 0) > qg_rd_i32(t[NET_T_X_I], 2)
        || net_check_f32(t[NET_T_X_F], 0, NULL)
        || net_check_node(t, NET_T_CONV1_I, 40, 9)
        || net_check_node(t, NET_T_CONV2_I, 40, 18)
        || net_check_node(t, NET_T_FC_I, 10, 1000)
        || net_check_f32(t[NET_T_OUTPUT_F], 0, NULL)
        || net_check_f32(t[NET_T_OUTPUT_F], 1, &zp))
        return QG_E_PARAM;
    memcpy((void *)st->t, t, sizeof t);
    st->ready = NET_READY;
    return QG_OK;
}

const char *net_strerror(int err)
{
    return qg_strerror(err);
}

/* -------------------------------------------------------------- run */

static void net_qparams(qg_qparams *q, const unsigned char *const *t, int i)
{
    q->zp_in = qg_rd_i32(t[i], 0);
    q->zp_out = qg_rd_i32(t[i], 1);
    q->act_min = qg_rd_i32(t[i], 2);
    q->act_max = qg_rd_i32(t[i], 3);
    q->w = (const int8_t *)(const void *)t[i + 1];
    q->bias = t[i + 2];
    q->mult = t[i + 3];
    q->shift = t[i + 4];
}

/* codes in (x) -> codes out (y) */
static void net_forward(const unsigned char *const *t, const uint8_t *x, uint8_t *y)
{
    unsigned char *a = net_arena;
    qg_qparams q;

    /* net.py:15  x = F.relu(self.conv1(x))   (FX: relu = conv1 + relu, fused)
     * net.py:16  x = F.max_pool2d(x, 2, 2)   (fused into the conv) */
    net_qparams(&q, t, NET_T_CONV1_I);
    qg_conv2d(&net_conv1_shape, &q, &net_pool1_shape, x, a + NET_OFF_POOL1, a + NET_OFF_POOL1_S);

    /* net.py:17  x = F.relu(self.conv2(x))   (FX: relu_1 = conv2 + relu, fused)
     * net.py:18  x = F.max_pool2d(x, 2, 2)   (fused into the conv) */
    net_qparams(&q, t, NET_T_CONV2_I);
    qg_conv2d(&net_conv2_shape, &q, &net_pool2_shape, a + NET_OFF_POOL1, a + NET_OFF_POOL2, a + NET_OFF_POOL2_S);

    /* net.py:19  x = x.view(-1, 5*5*40)   (no code: same codes, same layout) */

    /* net.py:20  x = self.fc(x) */
    net_qparams(&q, t, NET_T_FC_I);
    qg_linear(&q, a + NET_OFF_POOL2, y, 1000, 10, a + NET_OFF_FC_S);
}

int net_run_q(const uint8_t *in, uint8_t *out)
{
    const net_state *st = net_st();
    if (st->ready != NET_READY)
        return QG_E_NOINIT;
    net_forward(st->t, in, out);
    return QG_OK;
}

int net_run(const float *in, float *out)
{
    const net_state *st = net_st();
    const unsigned char *const *t = st->t;
    unsigned char *a = net_arena;
    if (st->ready != NET_READY)
        return QG_E_NOINIT;
    /* net.py:14  def forward(self, x):   quantize the input */
    qg_quantize(in, a + NET_OFF_X, NET_IN_SIZE, qg_rd_f32(t[NET_T_X_F], 0), qg_rd_i32(t[NET_T_X_I], 0),
                qg_rd_i32(t[NET_T_X_I], 1), qg_rd_i32(t[NET_T_X_I], 2));
    net_forward(t, a + NET_OFF_X, a + NET_OFF_FC);
    /* net.py:21  return x   (dequantize with output.f) */
    qg_dequantize(a + NET_OFF_FC, out, NET_OUT_SIZE, qg_rd_f32(t[NET_T_OUTPUT_F], 0),
                  (int32_t)qg_rd_f32(t[NET_T_OUTPUT_F], 1));
    return QG_OK;
}

/* ------------------------------------------------ command-line driver */
#ifdef QGEN_MAIN

/* Read a whole file into a malloc'd buffer; NULL and a message on error. */
static unsigned char *net_main_slurp(const char *prog, const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        fprintf(stderr, "%s: cannot open %s: %s\n", prog, path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            unsigned char *nb;
            cap = cap ? 2 * cap : 65536;
            nb = (unsigned char *)realloc(buf, cap);
            if (!nb) {
                fprintf(stderr, "%s: %s: out of memory\n", prog, path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *size = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *prog = argc > 0 ? argv[0] : "net_q";
    const size_t img = (size_t)NET_IN_SIZE * 4;
    unsigned char *w, *inb;
    size_t wsize, insize, n, i, k;
    FILE *out;
    int err;
    if (argc != 4) {
        fprintf(stderr,
                "usage: %s WEIGHTS.qgw IN.f32 OUT.f32\n"
                "  IN.f32:  N x %d x %d x %d float32, little-endian (N from the file size)\n"
                "  OUT.f32: N x %d float32, little-endian\n",
                prog, NET_IN_C, NET_IN_H, NET_IN_W, NET_OUT_SIZE);
        return 2;
    }
    w = net_main_slurp(prog, argv[1], &wsize);
    if (!w)
        return 1;
    err = net_init(w, wsize);
    if (err) {
        fprintf(stderr, "%s: %s: %s (error %d)\n", prog, argv[1], net_strerror(err), err);
        free(w);
        return 1;
    }
    inb = net_main_slurp(prog, argv[2], &insize);
    if (!inb) {
        free(w);
        return 1;
    }
    if (insize % img != 0) {
        fprintf(stderr, "%s: %s: %lu bytes is not a whole number of images (%d x %d x %d float32 = %lu bytes each)\n",
                prog, argv[2], (unsigned long)insize, NET_IN_C, NET_IN_H, NET_IN_W, (unsigned long)img);
        free(inb);
        free(w);
        return 1;
    }
    n = insize / img;
    out = fopen(argv[3], "wb");
    if (!out) {
        fprintf(stderr, "%s: cannot create %s: %s\n", prog, argv[3], strerror(errno));
        free(inb);
        free(w);
        return 1;
    }
    for (i = 0; i < n; i++) {
        float x[NET_IN_SIZE], y[NET_OUT_SIZE];
        unsigned char ob[NET_OUT_SIZE * 4];
        for (k = 0; k < NET_IN_SIZE; k++)
            x[k] = qg_rd_f32(inb + i * img, k);
        net_run(x, y);
        for (k = 0; k < NET_OUT_SIZE; k++) {
            uint32_t u;
            memcpy(&u, &y[k], 4);
            ob[4 * k] = (unsigned char)u;
            ob[4 * k + 1] = (unsigned char)(u >> 8);
            ob[4 * k + 2] = (unsigned char)(u >> 16);
            ob[4 * k + 3] = (unsigned char)(u >> 24);
        }
        if (fwrite(ob, 1, sizeof ob, out) != sizeof ob)
            break;
    }
    free(inb);
    free(w);
    if (ferror(out) | fclose(out)) {
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, argv[3], strerror(errno));
        return 1;
    }
    return 0;
}
#endif /* QGEN_MAIN */
