/* test_kernels.c: TAP unit tests of templates/kernels/ and of the
 * hand-written tests/c/seed_q.c.
 *
 *   cc -std=c99 -Wall -Wextra -pedantic -Werror -O2 -o test_kernels test_kernels.c -lm
 *   ./test_kernels            (TAP: "1..N", "ok K - ...", "not ok K - ...")
 *
 * Every check compares a kernel with an independent scalar reference, or
 * the fast kernels with their plain _ref versions, on edge cases and on
 * random shapes; the weights-file checks build small files in memory.
 */
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "seed_q.c" /* the seed model, which includes templates/kernels/ */

/* ------------------------------------------------------------ TAP */

static int tap_n, tap_failed;

static void ok(int cond, const char *what)
{
    tap_n++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, what);
}

static void diag(const char *msg) { printf("# %s\n", msg); }

/* ------------------------------------------------------------ random */

static uint64_t rs = 0x243f6a8885a308d3ULL;

static uint32_t rnd(void)
{
    rs ^= rs >> 12;
    rs ^= rs << 25;
    rs ^= rs >> 27;
    return (uint32_t)((rs * 0x2545F4914F6CDD1DULL) >> 32);
}

static int32_t rin(int32_t lo, int32_t hi) /* inclusive */
{
    return lo + (int32_t)(rnd() % (uint32_t)((int64_t)hi - lo + 1));
}

static int32_t ri32(void) { return qg_u32_to_i32(rnd()); }

/* ------------------------------------------------ scalar references */

/* MBQM written differently: on magnitudes, with division and remainder
 * (no nudge): |x*m| / 2^t rounded half up, the sign put back, saturated. */
static int32_t ref_mbqm(int32_t x, int32_t m, int32_t shift)
{
    const int t = 31 - shift;
    const int64_t p = (int64_t)x * m;
    const uint64_t a = p < 0 ? (uint64_t)0 - (uint64_t)p : (uint64_t)p, d = (uint64_t)1 << t;
    uint64_t q = a / d;
    int64_t r;
    if (t > 0 && a % d >= d / 2)
        q++;
    r = p < 0 ? -(int64_t)q : (int64_t)q;
    return r > INT32_MAX ? INT32_MAX : r < INT32_MIN ? INT32_MIN : (int32_t)r;
}

static const int32_t edge[] = {
    0, 1, -1, 2, -2, 3, -3, 255, -255, 1 << 15, -(1 << 15), (1 << 30) - 1, 1 << 30, -(1 << 30),
    (1 << 30) + 1, INT32_MAX, INT32_MAX - 1, INT32_MIN, INT32_MIN + 1, 0x5555555, -0x5555555,
    1234567, -1234567, 0x40000001, 0x7ffffffe, -0x7ffffffe, 46341, -46341
};
#define NEDGE ((int)(sizeof edge / sizeof edge[0]))

static void test_fixed_point(void)
{
    int i, j, e, bad;
    char msg[160];

    bad = 0;
    for (e = -31; e <= 31; e++)
        for (i = 0; i < NEDGE; i++)
            for (j = 0; j < NEDGE; j++)
                bad += qg_mbqm(edge[i], edge[j], e) != ref_mbqm(edge[i], edge[j], e);
    sprintf(msg, "MBQM equals the reference on edge values x edge multipliers x every shift (%d mismatches)", bad);
    ok(bad == 0, msg);
    ok(qg_mbqm(INT32_MAX, INT32_MAX, 31) == INT32_MAX && qg_mbqm(INT32_MIN, INT32_MAX, 31) == INT32_MIN
       && qg_mbqm(INT32_MIN, 1 << 30, 1) == INT32_MIN && qg_mbqm(1 << 20, 1 << 30, 20) == INT32_MAX
       && qg_mbqm(-(1 << 20), 1 << 30, 20) == INT32_MIN && qg_mbqm(3, 1 << 30, 0) == 2
       && qg_mbqm(-3, 1 << 30, 0) == -2 && qg_mbqm(1, 1 << 30, 0) == 1 && qg_mbqm(-1, 1 << 30, 0) == -1
       && qg_mbqm(5, 1 << 30, -1) == 1 && qg_mbqm(-5, 1 << 30, -1) == -1 && qg_mbqm(6, 1 << 30, -1) == 2
       && qg_mbqm(-6, 1 << 30, -1) == -2 && qg_mbqm(INT32_MAX, INT32_MAX, -31) == 1 && qg_mbqm(1 << 30, 1 << 30, -31) == 0,
       "MBQM saturates large multipliers and rounds ties away from zero");

    bad = 0;
    for (i = 0; i < 300000; i++) {
        const int32_t sh = rin(-31, 31);
        const int32_t m = i % 7 == 0 ? ri32() : (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
        const int32_t x = ri32() >> rin(0, 31);
        bad += qg_mbqm(x, m, sh) != ref_mbqm(x, m, sh);
    }
    ok(bad == 0, "MultiplyByQuantizedMultiplier equals the reference (300000 random)");

    /* the vectorized requantization loop against the scalar formula */
    bad = 0;
    for (i = 0; i < 400; i++) {
        int32_t acc[150];
        uint8_t out[150];
        const int n = (int)rin(1, 150);
        const int32_t sh = i % 5 == 0 ? rin(1, 31) : rin(-31, 0);
        const int32_t m = i % 11 == 0 ? INT32_MIN : i % 3 == 0 ? ri32() : (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
        const int32_t zp = rin(0, 255), lo = rin(0, 255), hi = rin(lo, 255);
        for (j = 0; j < n; j++)
            acc[j] = j < NEDGE && i % 2 ? edge[j] : ri32() >> rin(0, 31);
        qg_requant(acc, out, n, m, sh, zp, lo, hi);
        for (j = 0; j < n; j++) {
            const int64_t v = (int64_t)ref_mbqm(acc[j], m, sh) + zp;
            bad += out[j] != (v < lo ? lo : v > hi ? hi : v);
        }
    }
    sprintf(msg, "requantization loop equals scalar MBQM + clamp (%d mismatches)", bad);
    ok(bad == 0, msg);
    /* MBQM saturated to INT32_MAX plus a zero point (a fuzz-weights finding:
     * the reference linear layer added them in int32) */
    ok(qg_code(INT32_MAX, INT32_MAX, 31, 130, 0, 255) == 255 && qg_code(INT32_MIN, INT32_MAX, 31, 130, 3, 200) == 3
       && qg_code(1000, 1 << 30, 31, 255, 0, 255) == 255,
       "a code of a saturated MBQM plus zp is clamped (no int32 overflow)");
}

/* -------------------------------------------------- quantize / CRC */

static void test_float_and_crc(void)
{
    float x[12] = {0.0f, 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 1000.0f, -1000.0f, 0.0f, 1.25f, 3.0f, 1e30f};
    uint8_t q[12];
    float y[3];
    const uint8_t qs[3] = {0, 10, 255};
    x[8] = (float)NAN;
    qg_quantize(x, q, 12, 1.0f, 10, 0, 255);
    ok(q[0] == 10 && q[1] == 10 && q[2] == 12 && q[3] == 12 && q[4] == 10 && q[5] == 8 && q[6] == 255
       && q[7] == 0 && q[8] == 0 && q[9] == 11 && q[10] == 13 && q[11] == 255,
       "quantize: round half to even, zero point, clamp, NaN -> qmin");
    qg_quantize(x + 9, q, 1, 0.5f, 3, 0, 15);
    ok(q[0] == 5, "quantize divides in float32 (1.25 / 0.5 = 2.5 -> 2, + zp 3)");
    qg_dequantize(qs, y, 3, 0.25f, 10);
    ok(y[0] == -2.5f && y[1] == 0.0f && y[2] == 61.25f, "dequantize: scale * (q - zp)");
    ok(qg_crc32(0, (const unsigned char *)"123456789", 9) == 0xCBF43926u, "crc32(\"123456789\") = 0xCBF43926");
    ok(qg_crc32(qg_crc32(0, (const unsigned char *)"1234", 4), (const unsigned char *)"56789", 5) == 0xCBF43926u
       && qg_crc32(0, (const unsigned char *)"", 0) == 0,
       "crc32 continues across calls; crc32 of nothing is 0");
}

/* --------------------------------------------------------- conv */

static uint8_t g_in[1 << 16], g_out1[1 << 16], g_out2[1 << 16], g_out3[1 << 16], g_tmp[1 << 17];
static int8_t g_w[1 << 16];
static unsigned char g_b[4096], g_m[4096], g_s[4096];
static union { unsigned char b[1 << 20]; double align; } g_scratch;

static void put_i32(unsigned char *p, int32_t v)
{
    const uint32_t u = (uint32_t)v;
    p[0] = (unsigned char)u;
    p[1] = (unsigned char)(u >> 8);
    p[2] = (unsigned char)(u >> 16);
    p[3] = (unsigned char)(u >> 24);
}

/* random per-channel parameters: mostly realistic (m in [2^30, 2^31),
 * shift < 0); kinds: 0 realistic, 1 include m < 0 / INT32_MIN and shift > 0 */
static void random_qparams(qg_qparams *q, int32_t o, int32_t k, int kind)
{
    int32_t c;
    const int32_t bmax = 50000;
    for (c = 0; c < o; c++) {
        int32_t m = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu)), sh = rin(-14, -4);
        if (kind == 1 && c % 3 == 1) {
            m = c % 2 ? ri32() : INT32_MIN;
            sh = rin(-10, 2);
        }
        if (rnd() % 9 == 0)
            sh = -rin(0, 31);
        put_i32(g_b + 4 * c, rin(-bmax, bmax));
        put_i32(g_m + 4 * c, m);
        put_i32(g_s + 4 * c, sh);
    }
    (void)k;
    q->w = g_w;
    q->bias = g_b;
    q->mult = g_m;
    q->shift = g_s;
    q->zp_in = rin(0, 255);
    q->zp_out = rin(0, 255);
    q->act_min = rin(0, 128);
    q->act_max = rin(q->act_min, 255);
    if (rnd() % 3 == 0) {
        q->act_min = 0;
        q->act_max = 255;
    }
}

static int32_t conv_out(int32_t in, int32_t k, int32_t s, int32_t p, int32_t d)
{
    const int32_t num = in + 2 * p - d * (k - 1) - 1;
    return num < 0 ? 0 : num / s + 1;
}

static void test_conv(void)
{
    int it, bad = 0, badp = 0, nconv = 0, npool = 0, i;
    char msg[200];
    for (it = 0; it < 1500; it++) {
        qg_conv_shape s;
        qg_pool_shape p;
        qg_qparams q;
        int32_t cg, og, ntot, nw;
        const int kind = it % 4 == 3;
        memset(&s, 0, sizeof s);
        switch (it % 6) {
        case 0: /* depthwise */
            s.groups = rin(1, 8);
            cg = 1;
            og = rin(1, 2);
            break;
        case 1: /* 1x1 */
            s.groups = rin(1, 2);
            cg = rin(1, 8);
            og = rin(1, 4);
            break;
        default:
            s.groups = rin(1, 3);
            cg = rin(1, 4);
            og = rin(1, 4);
        }
        s.c = s.groups * cg;
        s.o = s.groups * og;
        s.h = rin(1, 20);
        s.w = it % 6 == 0 ? rin(1, 40) : rin(1, 20);   /* depthwise: 2 tiles of 16 and an edge */
        s.kh = it % 6 == 1 ? 1 : rin(1, 5);
        s.kw = it % 6 == 1 ? 1 : rin(1, 5);
        if (it % 12 == 5) {   /* AVX-512 VNNI: output channels in lanes (qg_conv_tr), 16 48 or 32 of them */
            s.groups = 1;
            cg = rin(29, 64);
            og = 16 * rin(1, 3);
            s.c = cg;
            s.o = og;
            s.kh = rin(3, 5);
            s.kw = rin(3, 5);
        }
        s.sh = rin(1, 3);
        s.sw = rin(1, 3);
        s.dh = rin(1, 3);
        s.dw = rin(1, 3);
        s.ph = rin(0, 3);
        s.pw = rin(0, 3);
        if (it % 5 == 0) { /* the common no-padding stride-1 path */
            s.sh = s.sw = s.dh = s.dw = 1;
            s.ph = s.pw = 0;
        }
        s.oh = conv_out(s.h, s.kh, s.sh, s.ph, s.dh);
        s.ow = conv_out(s.w, s.kw, s.sw, s.pw, s.dw);
        if (s.oh < 1 || s.ow < 1) {
            it--;
            continue;
        }
        ntot = s.c * s.h * s.w;
        nw = s.o * cg * s.kh * s.kw;
        for (i = 0; i < ntot; i++)
            g_in[i] = (uint8_t)rnd();
        for (i = 0; i < nw; i++)
            g_w[i] = (int8_t)rin(-128, 127);
        random_qparams(&q, s.o, cg * s.kh * s.kw, kind);
        if (qg_conv2d_scratch(&s, NULL) > sizeof g_scratch.b) {
            it--;
            continue;
        }
        qg_conv2d_ref(&s, &q, g_in, g_out1);
        memset(g_out2, 0xa5, (size_t)s.o * s.oh * s.ow + 64);
        memset(g_scratch.b, (int)(rnd() & 255), qg_conv2d_scratch(&s, NULL));
        qg_conv2d(&s, &q, NULL, g_in, g_out2, g_scratch.b);
        nconv++;
        if (memcmp(g_out1, g_out2, (size_t)s.o * s.oh * s.ow) != 0 || g_out2[s.o * s.oh * s.ow] != 0xa5)
            bad++;

        /* the same conv with a fused max_pool2d */
        memset(&p, 0, sizeof p);
        p.c = s.o;
        p.h = s.oh;
        p.w = s.ow;
        if (it % 2 == 0) {
            p.kh = p.kw = p.sh = p.sw = 2;
            p.dh = p.dw = 1;
        } else {
            p.kh = rin(1, 3);
            p.kw = rin(1, 3);
            p.sh = rin(1, 3);
            p.sw = rin(1, 3);
            p.ph = rin(0, p.kh / 2);
            p.pw = rin(0, p.kw / 2);
            p.dh = rin(1, 2);
            p.dw = rin(1, 2);
        }
        p.oh = qg_pool_out_size(p.h, p.kh, p.sh, p.ph, p.dh, it % 3 == 0);
        p.ow = qg_pool_out_size(p.w, p.kw, p.sw, p.pw, p.dw, it % 3 == 0);
        if (p.oh < 1 || p.ow < 1)
            continue;
        qg_maxpool2d_ref(&p, g_out1, g_tmp);
        memset(g_out2, 0x5a, (size_t)p.c * p.oh * p.ow + 64);
        qg_conv2d(&s, &q, &p, g_in, g_out2, g_scratch.b);
        npool++;
        if (memcmp(g_tmp, g_out2, (size_t)p.c * p.oh * p.ow) != 0 || g_out2[p.c * p.oh * p.ow] != 0x5a) {
            if (badp++ < 3) {
                sprintf(msg, "fused pool mismatch: conv c%d %dx%d o%d g%d k%dx%d s%d,%d p%d,%d d%d,%d -> %dx%d; "
                        "pool k%dx%d s%d,%d p%d,%d d%d,%d -> %dx%d",
                        (int)s.c, (int)s.h, (int)s.w, (int)s.o, (int)s.groups, (int)s.kh, (int)s.kw, (int)s.sh,
                        (int)s.sw, (int)s.ph, (int)s.pw, (int)s.dh, (int)s.dw, (int)s.oh, (int)s.ow, (int)p.kh,
                        (int)p.kw, (int)p.sh, (int)p.sw, (int)p.ph, (int)p.pw, (int)p.dh, (int)p.dw, (int)p.oh, (int)p.ow);
                diag(msg);
            }
        }
    }
    sprintf(msg, "fast conv2d equals qg_conv2d_ref on %d random shapes (groups, depthwise, 1x1, stride, padding, dilation)", nconv);
    ok(bad == 0, msg);
    sprintf(msg, "conv2d with fused max_pool2d equals conv2d_ref + maxpool2d_ref on %d random shapes", npool);
    ok(badp == 0, msg);
}

/* the seed's own layer shapes, many random parameter sets */
static void test_conv_seed_shapes(void)
{
    static const qg_conv_shape c1 = {1, 28, 28, 40, 26, 26, 3, 3, 1, 1, 1, 0, 0, 1, 1};
    static const qg_pool_shape p1 = {40, 26, 26, 13, 13, 2, 2, 2, 2, 0, 0, 1, 1};
    static const qg_conv_shape c2 = {40, 13, 13, 40, 11, 11, 3, 3, 20, 1, 1, 0, 0, 1, 1};
    static const qg_pool_shape p2 = {40, 11, 11, 5, 5, 2, 2, 2, 2, 0, 0, 1, 1};
    int it, i, bad = 0;
    for (it = 0; it < 40; it++) {
        const qg_conv_shape *s = it % 2 ? &c2 : &c1;
        const qg_pool_shape *p = it % 2 ? &p2 : &p1;
        qg_qparams q;
        for (i = 0; i < s->c * s->h * s->w; i++)
            g_in[i] = (uint8_t)rnd();
        for (i = 0; i < s->o * (s->c / s->groups) * 9; i++)
            g_w[i] = (int8_t)rin(-127, 127);
        random_qparams(&q, s->o, 9, it % 4 == 3);
        qg_conv2d_ref(s, &q, g_in, g_out1);
        qg_maxpool2d_ref(p, g_out1, g_tmp);
        qg_conv2d(s, &q, p, g_in, g_out2, g_scratch.b);
        bad += memcmp(g_tmp, g_out2, (size_t)p->c * p->oh * p->ow) != 0;
        qg_conv2d(s, &q, NULL, g_in, g_out2, g_scratch.b);
        bad += memcmp(g_out1, g_out2, (size_t)s->o * s->oh * s->ow) != 0;
    }
    ok(bad == 0, "seed shapes (conv1 + pool1, conv2 g20 + pool2): fast equals reference, fused and not");
}

static void test_linear(void)
{
    int it, i, bad = 0;
    for (it = 0; it < 300; it++) {
        const int32_t nin = rin(1, 1200), nout = rin(1, 20);
        qg_qparams q;
        for (i = 0; i < nin; i++)
            g_in[i] = (uint8_t)rnd();
        for (i = 0; i < nin * nout; i++)
            g_w[i] = (int8_t)rin(-128, 127);
        random_qparams(&q, nout, nin, it % 3 == 2);
        qg_linear_ref(&q, g_in, g_out1, nin, nout);
        qg_linear(&q, g_in, g_out2, nin, nout, g_scratch.b);
        bad += memcmp(g_out1, g_out2, (size_t)nout) != 0;
    }
    ok(bad == 0, "fast linear equals qg_linear_ref (300 random sizes)");
}

/* ------------------------------------------------------- pooling */

/* PyTorch's output size, written out separately (pooling_output_shape) */
static int32_t ref_pool_out(int32_t in, int32_t k, int32_t s, int32_t p, int32_t d, int ceil_mode)
{
    const double num = (double)(in + 2 * p - d * (k - 1) - 1) / s;
    int32_t out = (int32_t)(ceil_mode ? ceil(num) : floor(num)) + 1;
    if (ceil_mode && (out - 1) * s >= in + p)
        out--;
    return out;
}

static void test_pool(void)
{
    int it, i, bad = 0, badsz = 0, badavg = 0, badad = 0, nmax = 0;
    char msg[160];
    /* output sizes from PyTorch 1.13 (F.max_pool2d / F.avg_pool2d shapes):
     * (n=8, k=3, s=2, p=1, ceil) -> 5; (5, 2, 2, 0, ceil) -> 3; (6, 3, 2, 0, ceil) -> 3;
     * (11, 2, 2, 0, floor) -> 5; (7, 3, 3, 1, ceil) -> 3; (4, 3, 1, 1, d=2, floor) -> 2 */
    ok(qg_pool_out_size(8, 3, 2, 1, 1, 1) == 5 && qg_pool_out_size(5, 2, 2, 0, 1, 1) == 3
       && qg_pool_out_size(6, 3, 2, 0, 1, 1) == 3 && qg_pool_out_size(11, 2, 2, 0, 1, 0) == 5
       && qg_pool_out_size(7, 3, 3, 1, 1, 1) == 3 && qg_pool_out_size(4, 3, 1, 1, 2, 0) == 2,
       "pooling output sizes as PyTorch (ceil_mode, padding, dilation)");
    for (i = 0; i < 20000; i++) {
        const int32_t k = rin(1, 5), s = rin(1, 4), p = rin(0, k / 2), d = rin(1, 3), n = rin(1, 40);
        const int cm = (int)(rnd() & 1);
        if (ref_pool_out(n, k, s, p, d, cm) >= 1)
            badsz += qg_pool_out_size(n, k, s, p, d, cm) != ref_pool_out(n, k, s, p, d, cm);
    }
    ok(badsz == 0, "qg_pool_out_size equals the float formula on 20000 random cases");

    for (it = 0; it < 3000; it++) {
        qg_pool_shape p;
        int32_t y, x, c, n;
        const int cm = it % 2, cip = (it / 2) % 2;
        const int32_t zp = rin(0, 255), qmax = it % 5 == 0 ? 15 : 255;
        int32_t ovr = it % 7 == 0 ? rin(1, 12) : 0;
        p.c = rin(1, 3);
        p.h = rin(1, 14);
        p.w = it % 10 == 9 ? rin(100, 300) : rin(1, 14);   /* rows of more than 64 outputs */
        p.kh = rin(1, 4);
        p.kw = rin(1, 4);
        p.sh = rin(1, 3);
        p.sw = rin(1, 3);
        p.ph = rin(0, p.kh / 2);
        p.pw = rin(0, p.kw / 2);
        p.dh = rin(1, 2);
        p.dw = rin(1, 2);
        n = p.c * p.h * p.w;
        for (i = 0; i < n; i++)
            g_in[i] = (uint8_t)(rnd() % (uint32_t)(qmax + 1));
        /* max pooling, with dilation */
        p.oh = qg_pool_out_size(p.h, p.kh, p.sh, p.ph, p.dh, cm);
        p.ow = qg_pool_out_size(p.w, p.kw, p.sw, p.pw, p.dw, cm);
        if (p.oh >= 1 && p.ow >= 1) {
            qg_maxpool2d_ref(&p, g_in, g_out1);
            qg_maxpool2d(&p, g_in, g_out2, g_scratch.b);
            bad += memcmp(g_out1, g_out2, (size_t)p.c * p.oh * p.ow) != 0;
            nmax++;
        }
        /* average pooling (no dilation) vs brute force over the padded window */
        p.dh = p.dw = 1;
        p.oh = qg_pool_out_size(p.h, p.kh, p.sh, p.ph, 1, cm);
        p.ow = qg_pool_out_size(p.w, p.kw, p.sw, p.pw, 1, cm);
        if (p.oh < 1 || p.ow < 1)
            continue;
        qg_avgpool2d(&p, cip, ovr, zp, 0, qmax, g_in, g_out1);
        for (c = 0; c < p.c; c++)
            for (y = 0; y < p.oh; y++)
                for (x = 0; x < p.ow; x++) {
                    int32_t ky, kx, pool = 0, cnt = 0, sum = 0, dv;
                    int64_t v;
                    for (ky = 0; ky < p.kh; ky++)
                        for (kx = 0; kx < p.kw; kx++) {
                            const int32_t iy = y * p.sh - p.ph + ky, ix = x * p.sw - p.pw + kx;
                            if (iy >= p.h + p.ph || ix >= p.w + p.pw)
                                continue; /* past the padded input: not in the window */
                            pool++;
                            if (iy >= 0 && iy < p.h && ix >= 0 && ix < p.w) {
                                cnt++;
                                sum += g_in[(c * p.h + iy) * p.w + ix] - zp;
                            }
                        }
                    dv = ovr ? ovr : cip ? pool : cnt;
                    v = zp + (int64_t)floor(((double)sum + dv / 2) / dv);
                    v = v < 0 ? 0 : v > qmax ? qmax : v;
                    badavg += g_out1[(c * p.oh + y) * p.ow + x] != v;
                }
    }
    sprintf(msg, "fast max_pool2d equals the reference (%d random shapes: padding, dilation, ceil_mode)", nmax);
    ok(bad == 0, msg);
    ok(badavg == 0, "avg_pool2d windows, count_include_pad, divisor_override, ceil_mode: brute force agrees");

    for (it = 0; it < 500; it++) {
        const int32_t c = rin(1, 3), h = rin(1, 17), w = rin(1, 17), oh = rin(1, h + 3), ow = rin(1, w + 3);
        int32_t k, y, x;
        for (i = 0; i < c * h * w; i++)
            g_in[i] = (uint8_t)rnd();
        qg_adaptive_avgpool2d(c, h, w, oh, ow, g_in, g_out1);
        for (k = 0; k < c; k++)
            for (y = 0; y < oh; y++)
                for (x = 0; x < ow; x++) {
                    const int32_t y0 = (int32_t)floor((double)y * h / oh), y1 = (int32_t)ceil((double)(y + 1) * h / oh);
                    const int32_t x0 = (int32_t)floor((double)x * w / ow), x1 = (int32_t)ceil((double)(x + 1) * w / ow);
                    int32_t iy, ix, sum = 0, d = (y1 - y0) * (x1 - x0);
                    for (iy = y0; iy < y1; iy++)
                        for (ix = x0; ix < x1; ix++)
                            sum += g_in[(k * h + iy) * w + ix];
                    badad += g_out1[(k * oh + y) * ow + x] != (sum + d / 2) / d;
                }
    }
    ok(badad == 0, "adaptive_avg_pool2d windows [floor(i*H/OH), ceil((i+1)*H/OH)) vs brute force");
}

/* ------------------------------------------------- elementwise ops */

static void test_elementwise(void)
{
    int it, i, bad = 0, bads = 0, badc = 0, badl = 0;
    for (it = 0; it < 200; it++) {
        int32_t p[12];
        const int32_t n = rin(1, 300);
        p[0] = rin(0, 255);
        p[1] = rin(0, 255);
        p[2] = rin(0, 255);
        /* every 4th: left shifts and input shifts past the vector loops'
         * no-saturation path (shift > 0 can saturate) */
        p[3] = it % 4 == 3 ? rin(0, 22) : 20;
        p[4] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
        p[5] = it % 4 == 3 ? rin(-3, 12) : rin(-3, 0);
        p[6] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
        p[7] = it % 4 == 3 ? rin(-3, 12) : rin(-3, 0);
        p[8] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
        p[9] = rin(-25, -15);
        p[10] = rin(0, 100);
        p[11] = rin(p[10], 255);
        for (i = 0; i < n; i++) {
            g_in[i] = (uint8_t)rnd();
            g_tmp[i] = (uint8_t)rnd();
        }
        qg_add(p, g_in, g_tmp, g_out1, n);
        qg_sub_row(p, g_in, 1, g_tmp, 1, g_out2, n);
        for (i = 0; i < n; i++) {
            /* docs/quantization.md, add: sat32(a + b), sat32(a - b) */
            const int32_t a = ref_mbqm((g_in[i] - p[0]) * (1 << p[3]), p[4], p[5]);
            const int32_t b = ref_mbqm((g_tmp[i] - p[1]) * (1 << p[3]), p[6], p[7]);
            const int64_t sum = (int64_t)a + b, dif = (int64_t)a - b;
            int32_t v = ref_mbqm(sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : (int32_t)sum, p[8], p[9]) + p[2];
            v = v < p[10] ? p[10] : v > p[11] ? p[11] : v;
            bad += g_out1[i] != v;
            v = ref_mbqm(dif > INT32_MAX ? INT32_MAX : dif < INT32_MIN ? INT32_MIN : (int32_t)dif, p[8], p[9]) + p[2];
            v = v < p[10] ? p[10] : v > p[11] ? p[11] : v;
            bads += g_out2[i] != v;
        }
    }
    ok(bad == 0, "add (TFLite quantized add) equals the scalar formula");
    ok(bads == 0, "sub (TFLite quantized sub: add with the second operand negated) equals the scalar formula");

    for (it = 0; it < 200; it++) {
        const uint8_t *ins[3];
        int32_t inner[3], zp[3], m[3], sh[3], k, o, pos = 0;
        const int32_t outer = rin(1, 3), zo = rin(0, 255), qmax = it % 4 ? 255 : 127;
        for (k = 0; k < 3; k++) {
            inner[k] = rin(1, 40);
            ins[k] = g_in + 200 * k;
            if (k == 1 || it % 5 == 0) { /* identity: M = 1.0 */
                zp[k] = zo;
                m[k] = 1 << 30;
                sh[k] = 1;
            } else {
                zp[k] = rin(0, 255);
                m[k] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
                sh[k] = rin(-2, 1);
            }
        }
        for (i = 0; i < 600; i++)
            g_in[i] = (uint8_t)rnd();
        qg_cat(outer, 3, ins, inner, zp, m, sh, zo, 0, qmax, g_out1);
        for (o = 0; o < outer; o++)
            for (k = 0; k < 3; k++)
                for (i = 0; i < inner[k]; i++) {
                    int32_t v = ref_mbqm(ins[k][o * inner[k] + i] - zp[k], m[k], sh[k]) + zo;
                    v = v < 0 ? 0 : v > qmax ? qmax : v;
                    badc += g_out1[pos++] != v;
                }
    }
    ok(badc == 0, "cat along an inner dim: requantization and identity copy agree with MBQM");

    for (i = 0; i < 256; i++) {
        g_in[i] = (uint8_t)i;
        g_tmp[i] = (uint8_t)(255 - i);
    }
    qg_lut(g_in, g_out1, 256, g_tmp);
    qg_clamp(g_in, g_out2, 256, 30, 200);
    for (i = 0; i < 256; i++) {
        badl += g_out1[i] != 255 - i;
        badl += g_out2[i] != (i < 30 ? 30 : i > 200 ? 200 : i);
    }
    ok(badl == 0, "lut and clamp");

    /* a table per channel (PReLU): 3 channels of 100 codes, tables 256 apart, and one shared */
    for (i = 0; i < 3 * 256; i++)
        g_tmp[i] = (uint8_t)rnd();
    for (i = 0; i < 300; i++)
        g_in[i] = (uint8_t)rnd();
    qg_lut_channels(g_in, g_out1, 3, 100, g_tmp, 256);
    qg_lut_channels(g_in, g_out2, 3, 100, g_tmp, 0);
    bad = 0;
    for (i = 0; i < 300; i++)
        bad += g_out1[i] != g_tmp[(i / 100) * 256 + g_in[i]] || g_out2[i] != g_tmp[g_in[i]];
    ok(bad == 0, "lut_channels: channel k reads table k (stride 256), or the one table (stride 0)");
}

/* ------------------------------------------------ weights file */

static const qg_tensor_spec small_spec[3] = {
    {"a.i", QG_I32, 1, {4, 0, 0, 0}},
    {"a.w", QG_I8, 4, {3, 2, 1, 1}},
    {"output.f", QG_F32, 1, {2, 0, 0, 0}},
};
#define SMALL_FP 0x0123456789abcdefULL

static void put_u32(unsigned char *p, uint32_t v) { put_i32(p, (int32_t)v); }
static void put_u64(unsigned char *p, uint64_t v)
{
    put_u32(p, (uint32_t)v);
    put_u32(p + 4, (uint32_t)(v >> 32));
}

static void fix_crc(unsigned char *buf, size_t size)
{
    put_u32(buf + size - 4, qg_crc32(0, buf, size - 4));
}

/* a valid file for (spec, n) with random data; returns its size */
static size_t build_qgw(unsigned char *buf, const qg_tensor_spec *spec, uint32_t n, uint64_t fp)
{
    static const uint32_t es[4] = {4, 4, 1, 1};
    uint64_t pos = 24 + 80 * (uint64_t)n;
    uint32_t k, d;
    memset(buf, 0, 24 + 80 * (size_t)n);
    memcpy(buf, "QGW1", 4);
    put_u32(buf + 4, 1);
    put_u64(buf + 8, fp);
    put_u32(buf + 16, n);
    put_u32(buf + 20, 24 + 80 * n);
    for (k = 0; k < n; k++) {
        unsigned char *e = buf + 24 + 80 * k;
        uint64_t cnt = 1, nb, i;
        for (d = 0; d < spec[k].ndim; d++)
            cnt *= spec[k].dims[d];
        nb = cnt * es[spec[k].dtype];
        while (pos % 16)
            buf[pos++] = 0;
        memcpy(e, spec[k].name, strlen(spec[k].name));
        put_u32(e + 40, spec[k].dtype);
        put_u32(e + 44, spec[k].ndim);
        for (d = 0; d < 4; d++)
            put_u32(e + 48 + 4 * d, spec[k].dims[d]);
        put_u64(e + 64, pos);
        put_u64(e + 72, nb);
        for (i = 0; i < nb; i++)
            buf[pos + i] = (unsigned char)rnd();
        pos += nb;
    }
    fix_crc(buf, (size_t)pos + 4);
    return (size_t)pos + 4;
}

static unsigned char g_file[1 << 16], g_copy[(1 << 16) + 16];

/* mul and add on operands that broadcast: qg_broadcast against index
 * arithmetic on the full 4-D shapes. */
static void test_broadcast(void)
{
    int it, bad = 0, badm = 0, bads = 0;
    for (it = 0; it < 300; it++) {
        qg_bcast_shape g;
        int32_t p[12], pm[7], da[4], db[4], d, i0, i1, i2, i3, na = 1, nb = 1, k = 0;
        for (d = 0; d < 4; d++) {
            g.n[d] = rin(1, it % 3 == 0 ? 2 : 6);
            da[d] = rnd() % 3 == 0 ? 1 : g.n[d];
            db[d] = rnd() % 3 == 0 ? 1 : g.n[d];
        }
        for (d = 3; d >= 0; d--) {    /* contiguous strides, 0 where broadcast */
            g.sa[d] = da[d] == 1 && g.n[d] != 1 ? 0 : na;
            g.sb[d] = db[d] == 1 && g.n[d] != 1 ? 0 : nb;
            na *= da[d];
            nb *= db[d];
        }
        for (i0 = 0; i0 < na; i0++)
            g_in[i0] = (uint8_t)rnd();
        for (i0 = 0; i0 < nb; i0++)
            g_tmp[i0] = (uint8_t)rnd();
        p[0] = rin(0, 255), p[1] = rin(0, 255), p[2] = rin(0, 255), p[3] = 20;
        p[4] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu)), p[5] = rin(-3, 0);
        p[6] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu)), p[7] = rin(-3, 0);
        p[8] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu)), p[9] = rin(-25, -15);
        p[10] = rin(0, 100), p[11] = rin(p[10], 255);
        pm[0] = rin(0, 255), pm[1] = rin(0, 255), pm[2] = rin(0, 255);
        pm[3] = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu)), pm[4] = rin(-20, 12);
        pm[5] = rin(0, 100), pm[6] = rin(pm[5], 255);
        qg_broadcast(&g, qg_add_row, p, g_in, g_tmp, g_out1);
        qg_broadcast(&g, qg_sub_row, p, g_in, g_tmp, g_out3);
        qg_broadcast(&g, qg_mul_row, pm, g_in, g_tmp, g_out2);
        for (i0 = 0; i0 < g.n[0]; i0++)
            for (i1 = 0; i1 < g.n[1]; i1++)
                for (i2 = 0; i2 < g.n[2]; i2++)
                    for (i3 = 0; i3 < g.n[3]; i3++, k++) {
                        const int32_t ia = (((i0 % da[0]) * da[1] + i1 % da[1]) * da[2] + i2 % da[2]) * da[3] + i3 % da[3];
                        const int32_t ib = (((i0 % db[0]) * db[1] + i1 % db[1]) * db[2] + i2 % db[2]) * db[3] + i3 % db[3];
                        const int32_t a = ref_mbqm((g_in[ia] - p[0]) * (1 << 20), p[4], p[5]);
                        const int32_t b = ref_mbqm((g_tmp[ib] - p[1]) * (1 << 20), p[6], p[7]);
                        int64_t v = (int64_t)ref_mbqm(a + b, p[8], p[9]) + p[2];
                        v = v < p[10] ? p[10] : v > p[11] ? p[11] : v;
                        bad += g_out1[k] != v;
                        v = (int64_t)ref_mbqm(a - b, p[8], p[9]) + p[2];
                        v = v < p[10] ? p[10] : v > p[11] ? p[11] : v;
                        bads += g_out3[k] != v;
                        v = (int64_t)ref_mbqm((g_in[ia] - pm[0]) * (g_tmp[ib] - pm[1]), pm[3], pm[4]) + pm[2];
                        v = v < pm[5] ? pm[5] : v > pm[6] ? pm[6] : v;
                        badm += g_out2[k] != v;
                    }
    }
    ok(bad == 0, "add with broadcasting (qg_broadcast, qg_add_row) equals the scalar formula");
    ok(bads == 0, "sub with broadcasting (qg_broadcast, qg_sub_row) equals the scalar formula");
    ok(badm == 0, "mul with broadcasting (qg_broadcast, qg_mul_row) equals the scalar formula (shifts -20..12)");
}

static void test_weights_file(void)
{
    const unsigned char *data[3];
    size_t size, len, i;
    int err, bad, b;
    char msg[200];

    size = build_qgw(g_file, small_spec, 3, SMALL_FP);
    err = qg_check_table(g_file, size, SMALL_FP, small_spec, 3, data);
    ok(err == QG_OK && data[0] == g_file + 272 && data[1] == g_file + 288 && data[2] == g_file + 304 && size == 316,
       "a valid small file is accepted; tensor pointers point into the buffer");
    /* any alignment of the buffer */
    bad = 0;
    for (i = 1; i < 16; i++) {
        memcpy(g_copy + i, g_file, size);
        bad += qg_check_table(g_copy + i, size, SMALL_FP, small_spec, 3, data) != QG_OK
            || data[1] != g_copy + i + 288;
    }
    ok(bad == 0, "the buffer may start at any alignment");

    bad = 0;
    for (len = 0; len < size; len++)
        bad += qg_check_table(g_file, len, SMALL_FP, small_spec, 3, data) >= 0;
    sprintf(msg, "every truncation (lengths 0..%lu) is rejected", (unsigned long)size - 1);
    ok(bad == 0, msg);
    ok(qg_check_table(g_file, 0, SMALL_FP, small_spec, 3, data) == QG_E_SHORT
       && qg_check_table(g_file, 100, SMALL_FP, small_spec, 3, data) == QG_E_SHORT
       && qg_check_table(NULL, size, SMALL_FP, small_spec, 3, data) == QG_E_NULL,
       "short buffers give QG_E_SHORT, NULL gives QG_E_NULL");

    bad = 0;
    for (i = 0; i < size; i++)
        for (b = 0; b < 8; b++) {
            g_file[i] ^= (unsigned char)(1u << b);
            bad += qg_check_table(g_file, size, SMALL_FP, small_spec, 3, data) >= 0;
            g_file[i] ^= (unsigned char)(1u << b);
        }
    sprintf(msg, "every single bit flip (%lu positions) is rejected", (unsigned long)size * 8);
    ok(bad == 0, msg);
    ok(qg_check_table(g_file, size, SMALL_FP, small_spec, 3, data) == QG_OK, "file intact after the flips");

    /* one field wrong, the CRC recomputed: the specific error code */
#define EXPECT_ERR(mutation, code, what)                                                        \
    do {                                                                                         \
        memcpy(g_copy, g_file, size);                                                            \
        mutation;                                                                                \
        fix_crc(g_copy, size);                                                                   \
        err = qg_check_table(g_copy, size, SMALL_FP, small_spec, 3, data);                       \
        sprintf(msg, "%s -> %s (got %d: %s)", what, #code, err, qg_strerror(err));               \
        ok(err == code, msg);                                                                    \
    } while (0)
    EXPECT_ERR(g_copy[0] = 'X', QG_E_MAGIC, "wrong magic");
    EXPECT_ERR(put_u32(g_copy + 4, 2), QG_E_VERSION, "wrong version");
    EXPECT_ERR(g_copy[8] ^= 1, QG_E_FINGERPRINT, "wrong fingerprint");
    EXPECT_ERR(put_u32(g_copy + 16, 2), QG_E_COUNT, "wrong tensor count");
    EXPECT_ERR(put_u32(g_copy + 20, 23 + 80 * 3), QG_E_HEADER, "wrong header size");
    EXPECT_ERR(g_copy[24 + 80 + 2] = 'x', QG_E_NAME, "wrong name");
    EXPECT_ERR(g_copy[24 + 80 + 30] = 'x', QG_E_NAME, "non-NUL padding after a name");
    EXPECT_ERR(put_u32(g_copy + 24 + 80 + 40, QG_U8), QG_E_DTYPE, "wrong dtype");
    EXPECT_ERR(put_u32(g_copy + 24 + 80 + 44, 3), QG_E_SHAPE, "wrong ndim");
    EXPECT_ERR(put_u32(g_copy + 24 + 80 + 48, 2), QG_E_SHAPE, "wrong dims[0]");
    EXPECT_ERR(put_u32(g_copy + 24 + 80 * 2 + 52, 1), QG_E_SHAPE, "non-zero unused dim");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 + 72, 7), QG_E_NBYTES, "nbytes not dims x element size");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 + 64, 289), QG_E_ALIGN, "misaligned offset (289)");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 + 64, 296), QG_E_ALIGN, "misaligned offset (296, 8-aligned)");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 + 64, 256), QG_E_BOUNDS, "offset inside the header");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 * 2 + 64, 288), QG_E_BOUNDS, "overlapping tensors");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 * 2 + 64, 0x1000000000000000ULL), QG_E_BOUNDS, "offset far out of the file");
    EXPECT_ERR(put_u64(g_copy + 24 + 80 * 2 + 64, 320), QG_E_BOUNDS, "tensor running into the CRC");
    EXPECT_ERR(g_copy[300] = 1, QG_E_PADDING, "non-zero padding between tensors");
    EXPECT_ERR((void)0, QG_OK, "CRC recomputed, nothing changed");
    memcpy(g_copy, g_file, size);
    g_copy[size - 1] ^= 0x80;
    ok(qg_check_table(g_copy, size, SMALL_FP, small_spec, 3, data) == QG_E_CRC, "corrupt data -> QG_E_CRC");
    ok(qg_check_table(g_file, size, SMALL_FP + 1, small_spec, 3, data) == QG_E_FINGERPRINT,
       "a model with another fingerprint rejects the file");
    /* trailing bytes between the last tensor and the CRC */
    memcpy(g_copy, g_file, size);
    memset(g_copy + size - 4, 0, 16);
    fix_crc(g_copy, size + 16);
    ok(qg_check_table(g_copy, size + 16, SMALL_FP, small_spec, 3, data) == QG_E_PADDING,
       "bytes between the last tensor and the CRC -> QG_E_PADDING");
    ok(strcmp(qg_strerror(QG_E_CRC), qg_strerror(QG_E_MAGIC)) != 0 && strcmp(qg_strerror(-99), "unknown error") == 0,
       "qg_strerror names the codes");
}

/* ------------------------------------------------ the seed model */

/* values by field, as tests/c/make-random-qgw.c */
static size_t build_seed_file(unsigned char *buf)
{
    size_t size = build_qgw(buf, net_tensors, NET_NTENSORS, NET_FINGERPRINT);
    uint32_t k;
    int32_t zp = rin(0, 255);
    for (k = 0; k < NET_NTENSORS; k++) {
        unsigned char *e = buf + 24 + 80 * k, *p = buf + qg_rd_u64(e + 64);
        const char *name = net_tensors[k].name;
        const size_t len = strlen(name);
        const uint32_t cnt = (uint32_t)(qg_rd_u64(e + 72) / (net_tensors[k].dtype <= QG_I32 ? 4 : 1));
        uint32_t i;
        if (strcmp(name, "x.i") == 0) {
            put_i32(p, zp);
            put_i32(p + 4, 0);
            put_i32(p + 8, 255);
        } else if (strcmp(name, "x.f") == 0) {
            const float f = 1.0f / 255.0f;
            memcpy(p, &f, 4); /* little-endian host assumed by this test only */
        } else if (name[len - 1] == 'i') {
            const int32_t zo = rin(0, 255);
            put_i32(p, zp);
            put_i32(p + 4, zo);
            put_i32(p + 8, strcmp(name, "fc.i") == 0 ? 0 : zo);
            put_i32(p + 12, 255);
            zp = zo;
        } else if (name[len - 1] == 'w') {
            for (i = 0; i < cnt; i++)
                p[i] = (unsigned char)(int8_t)rin(-127, 127);
        } else if (name[len - 1] == 'b') {
            for (i = 0; i < cnt; i++)
                put_i32(p + 4 * i, rin(-3000, 3000));
        } else if (name[len - 1] == 'm') {
            for (i = 0; i < cnt; i++)
                put_i32(p + 4 * i, (int32_t)(0x40000000u + (rnd() & 0x3fffffffu)));
        } else if (name[len - 1] == 's') {
            for (i = 0; i < cnt; i++)
                put_i32(p + 4 * i, rin(-11, -7));
        } else { /* output.f */
            const float f[2] = {0.05f, (float)zp};
            memcpy(p, f, 8);
        }
    }
    fix_crc(buf, size);
    return size;
}

static void test_seed(void)
{
    static uint8_t xin[NET_IN_SIZE], c1[40 * 26 * 26], p1[40 * 13 * 13], c2[40 * 11 * 11], p2[1000];
    uint8_t y1[NET_OUT_SIZE], y2[NET_OUT_SIZE];
    static float xf[NET_IN_SIZE], yf[NET_OUT_SIZE];
    size_t size;
    int it, i, bad = 0, err;
    char msg[160];

    ok(net_run(xf, yf) == QG_E_NOINIT && net_run_q(xin, y1) == QG_E_NOINIT, "run before init -> QG_E_NOINIT");
    size = build_seed_file(g_file);
    err = net_init(g_file, size);
    sprintf(msg, "net_init accepts a valid random seed weights file (%d)", err);
    ok(err == 0, msg);
    for (it = 0; it < 20 && err == 0; it++) {
        const unsigned char *const *t = net_st()->t;
        qg_qparams q;
        for (i = 0; i < NET_IN_SIZE; i++)
            xin[i] = (uint8_t)rnd();
        net_run_q(xin, y1);
        net_qparams(&q, t, NET_T_CONV1_I);
        qg_conv2d_ref(&net_conv1_shape, &q, xin, c1);
        qg_maxpool2d_ref(&net_pool1_shape, c1, p1);
        net_qparams(&q, t, NET_T_CONV2_I);
        qg_conv2d_ref(&net_conv2_shape, &q, p1, c2);
        qg_maxpool2d_ref(&net_pool2_shape, c2, p2);
        net_qparams(&q, t, NET_T_FC_I);
        qg_linear_ref(&q, p2, y2, 1000, 10);
        bad += memcmp(y1, y2, NET_OUT_SIZE) != 0;
    }
    ok(err == 0 && bad == 0, "net_run_q equals the chain of reference kernels (20 random images)");
    for (i = 0; i < NET_IN_SIZE; i++)
        xf[i] = (float)(rnd() % 1000) / 999.0f;
    ok(net_run(xf, yf) == 0 && yf[0] == yf[0], "net_run on floats");
    g_file[size - 1] ^= 1;
    ok(net_init(g_file, size) == QG_E_CRC && net_run(xf, yf) == QG_E_NOINIT,
       "a failed init leaves the model unbound");
    g_file[size - 1] ^= 1;
    /* a parameter out of range: conv1's zp_out = 300 */
    {
        const size_t off = (size_t)qg_rd_u64(g_file + 24 + 80 * NET_T_CONV1_I + 64);
        put_i32(g_file + off + 4, 300);
        fix_crc(g_file, size);
        ok(net_init(g_file, size) == QG_E_PARAM, "zero point out of range -> QG_E_PARAM");
        /* a shift out of range */
        put_i32(g_file + off + 4, 3);
        put_i32(g_file + (size_t)qg_rd_u64(g_file + 24 + 80 * NET_T_FC_S + 64), 40);
        fix_crc(g_file, size);
        ok(net_init(g_file, size) == QG_E_PARAM, "shift out of range -> QG_E_PARAM");
    }
}

int main(void)
{
    test_fixed_point();
    test_float_and_crc();
    test_conv();
    test_conv_seed_shapes();
    test_linear();
    test_pool();
    test_elementwise();
    test_broadcast();
    test_weights_file();
    test_seed();
    printf("1..%d\n", tap_n);
    if (tap_failed) {
        char msg[64];
        sprintf(msg, "%d of %d tests failed", tap_failed, tap_n);
        diag(msg);
    }
    return tap_failed != 0;
}
