/* ===================================================== elementwise ops */

/* Binary ops on operands that broadcast: one image's output has sizes
 * n[0..3] (right-aligned, leading 1s); operand a's code for output index
 * (i0, i1, i2, i3) is a[i0*sa[0] + i1*sa[1] + i2*sa[2] + i3*sa[3]] (a stride
 * is 0 where a broadcasts), likewise b. The output is contiguous. */
typedef struct {
    int32_t n[4];
    int32_t sa[4], sb[4];
} qg_bcast_shape;

/* one innermost run of a binary op: n outputs, operand strides sa, sb */
typedef void (*qg_row_fn)(const int32_t *p, const uint8_t *a, int32_t sa, const uint8_t *b, int32_t sb,
                          uint8_t *out, int32_t n);

QG_UNUSED static void qg_broadcast(const qg_bcast_shape *g, qg_row_fn row, const int32_t *p,
                                   const uint8_t *a, const uint8_t *b, uint8_t *out)
{
    int32_t i0, i1, i2;
    const int32_t inner = g->n[2] * g->n[3], total = g->n[0] * g->n[1] * inner;
    if (g->sa[3] == 1 && g->sb[3] == 1 && (g->n[2] == 1 || (g->sa[2] == g->n[3] && g->sb[2] == g->n[3]))
        && (g->n[1] == 1 || (g->sa[1] == inner && g->sb[1] == inner))
        && (g->n[0] == 1 || (g->sa[0] == g->n[1] * inner && g->sb[0] == g->n[1] * inner))) {
        row(p, a, 1, b, 1, out, total);   /* both operands contiguous: one run */
        return;
    }
    for (i0 = 0; i0 < g->n[0]; i0++)
        for (i1 = 0; i1 < g->n[1]; i1++)
            for (i2 = 0; i2 < g->n[2]; i2++) {
                const size_t oa = (size_t)i0 * (size_t)g->sa[0] + (size_t)i1 * (size_t)g->sa[1] + (size_t)i2 * (size_t)g->sa[2];
                const size_t ob = (size_t)i0 * (size_t)g->sb[0] + (size_t)i1 * (size_t)g->sb[1] + (size_t)i2 * (size_t)g->sb[2];
                row(p, a + oa, g->sa[3], b + ob, g->sb[3], out, g->n[3]);
                out += g->n[3];
            }
}

/* MBQM without branches, for the vectorized loops: t = 31 - shift,
 * half = 2^(t-1) and neg = 1 when t > 0, else both 0; the same value as
 * qg_mbqm. */
#define QG_MBQM_BF(x, m64, t, half, neg, r)                                          \
    do {                                                                             \
        const int64_t p_ = (int64_t)(x) * (m64);                                     \
        const int64_t s_ = (p_ + (half) - (p_ < 0 ? (neg) : 0)) >> (t);              \
        (r) = s_ < INT32_MIN ? INT32_MIN : s_ > INT32_MAX ? INT32_MAX : s_;          \
    } while (0)

/* The add (neg = 0) or subtraction (neg = 1) of two contiguous operands,
 * in branch-free blocks of 64 that gcc and clang vectorize (the last,
 * partial block through local copies); the same codes as the scalar loop
 * of qg_addsub_row: sat32(x + y) or sat32(x - y) (docs/quantization.md,
 * add and sub). */
QG_UNUSED static void qg_addsub_run(const int32_t *p, const uint8_t *restrict a, const uint8_t *restrict b,
                                    uint8_t *restrict out, int32_t n, int32_t neg)
{
    const int32_t mul = (int32_t)1 << p[3];
    const int64_t m1 = p[4], m2 = p[6], mo = p[8];
    const int t1 = 31 - (int)p[5], t2 = 31 - (int)p[7], to = 31 - (int)p[9];
    const int64_t h1 = t1 > 0 ? (int64_t)1 << (t1 - 1) : 0, n1 = t1 > 0;
    const int64_t h2 = t2 > 0 ? (int64_t)1 << (t2 - 1) : 0, n2 = t2 > 0;
    const int64_t ho = to > 0 ? (int64_t)1 << (to - 1) : 0, no = to > 0;
    const int64_t zo = p[2], lo = p[10], hi = p[11];
    int32_t i = 0, j;
#if defined(QG_PATH_VNNI) || defined(QG_PATH_AVX2)
    /* (q - zp) << left_shift is exact in int32 (the contract bounds the
     * shift); x + y and x - y saturate: a signed overflow (for x + y,
     * operands of one sign and a sum of the other; for x - y, operands of
     * two signs and a difference of y's) gives INT32_MAX or INT32_MIN by
     * x's sign.  x - y is not x + (-y): -y wraps for y = INT32_MIN, which a
     * weights file with sh2 > 0 can reach */
    const qg_mbqm_k k1 = qg_mbqm_consts(p[4], p[5]), k2 = qg_mbqm_consts(p[6], p[7]);
#endif
#if defined(QG_PATH_VNNI)
    {
        const __m512i z1 = _mm512_set1_epi32(p[0]), z2 = _mm512_set1_epi32(p[1]), vm = _mm512_set1_epi32(mul);
        const __m512i mx = _mm512_set1_epi32(INT32_MAX), zero = _mm512_setzero_si512();
        const qg_rq_k rk = qg_rq_consts(p[8], p[9], p[2], p[10], p[11]);
        if (p[3] <= 21 && k1.t >= 31 && k2.t >= 31) {
            /* |q - zp| <= 255, so |x|, |y| <= 255 2^21 (shift <= 0: no
             * growth, no saturation) and |x +- y| < 2^31: nothing overflows */
            const __m128i ls = _mm_cvtsi32_si128(p[3]);
            for (; i < n; i += 16) {
                const __mmask16 mk = qg_mask16(n - i);
                const __m512i x = qg_mbqm_x16_ns(_mm512_sll_epi32(qg_codes16(mk, a + i, z1), ls), &k1);
                const __m512i y = qg_mbqm_x16_ns(_mm512_sll_epi32(qg_codes16(mk, b + i, z2), ls), &k2);
                _mm512_mask_cvtepi32_storeu_epi8(out + i, mk, qg_rq_x16(neg ? _mm512_sub_epi32(x, y) : _mm512_add_epi32(x, y), &rk));
            }
        }
        for (; i < n; i += 16) {
            const __mmask16 mk = qg_mask16(n - i);
            const __m512i x = qg_mbqm_x16(_mm512_mullo_epi32(qg_codes16(mk, a + i, z1), vm), &k1);
            const __m512i y = qg_mbqm_x16(_mm512_mullo_epi32(qg_codes16(mk, b + i, z2), vm), &k2);
            const __m512i sm = neg ? _mm512_sub_epi32(x, y) : _mm512_add_epi32(x, y);
            const __m512i ov = neg ? _mm512_and_si512(_mm512_xor_si512(x, y), _mm512_xor_si512(x, sm))
                                   : _mm512_andnot_si512(_mm512_xor_si512(x, y), _mm512_xor_si512(x, sm));
            const __m512i sat = _mm512_xor_si512(_mm512_srai_epi32(x, 31), mx);
            const __m512i sv = _mm512_mask_blend_epi32(_mm512_cmplt_epi32_mask(ov, zero), sm, sat);
            _mm512_mask_cvtepi32_storeu_epi8(out + i, mk, qg_rq_x16(sv, &rk));
        }
    }
#elif defined(QG_PATH_AVX2)
    {
        const __m256i z1 = _mm256_set1_epi32(p[0]), z2 = _mm256_set1_epi32(p[1]), vm = _mm256_set1_epi32(mul);
        const __m256i mx = _mm256_set1_epi32(INT32_MAX);
        const qg_rq_k rk = qg_rq_consts(p[8], p[9], p[2], p[10], p[11]);
        if (p[3] <= 21 && k1.t >= 31 && k2.t >= 31) {
            /* as on AVX-512: |x|, |y| <= 255 2^21 and |x +- y| < 2^31, no
             * saturation anywhere; and the input rescales take the narrow
             * form (qg_rescale_x8) */
            const __m128i ls = _mm_cvtsi32_si128(p[3]), s1 = _mm_cvtsi32_si128(k1.t - 31), s2 = _mm_cvtsi32_si128(k2.t - 31);
            const __m256i m1v = _mm256_set1_epi32(p[4]), m2v = _mm256_set1_epi32(p[6]);
            const __m256i h1v = _mm256_set1_epi64x(k1.half), h2v = _mm256_set1_epi64x(k2.half);
            for (; i + 8 <= n; i += 8) {
                const __m256i va = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(a + i)));
                const __m256i vb = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(b + i)));
                const __m256i x = qg_rescale_x8(_mm256_sll_epi32(_mm256_sub_epi32(va, z1), ls), m1v, h1v, s1);
                const __m256i y = qg_rescale_x8(_mm256_sll_epi32(_mm256_sub_epi32(vb, z2), ls), m2v, h2v, s2);
                qg_store8_u8(out + i, qg_rq_x8(neg ? _mm256_sub_epi32(x, y) : _mm256_add_epi32(x, y), &rk));
            }
        }
        for (; i + 8 <= n; i += 8) {
            const __m256i va = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(a + i)));
            const __m256i vb = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(b + i)));
            const __m256i x = qg_mbqm_x8(_mm256_mullo_epi32(_mm256_sub_epi32(va, z1), vm), &k1);
            const __m256i y = qg_mbqm_x8(_mm256_mullo_epi32(_mm256_sub_epi32(vb, z2), vm), &k2);
            const __m256i sm = neg ? _mm256_sub_epi32(x, y) : _mm256_add_epi32(x, y);
            const __m256i ov = neg ? _mm256_and_si256(_mm256_xor_si256(x, y), _mm256_xor_si256(x, sm))
                                   : _mm256_andnot_si256(_mm256_xor_si256(x, y), _mm256_xor_si256(x, sm));
            const __m256i sat = _mm256_xor_si256(_mm256_srai_epi32(x, 31), mx);
            const __m256i sv = _mm256_blendv_epi8(sm, sat, _mm256_srai_epi32(ov, 31));
            qg_store8_u8(out + i, qg_rq_x8(sv, &rk));
        }
    }
#endif
    for (; i < n; i += 64) {
        uint8_t ta[64], tb[64], to8[64];
        const uint8_t *restrict pa = a + i, *restrict pb = b + i;
        uint8_t *restrict po = out + i;
        const int32_t k = n - i < 64 ? n - i : 64;
        if (k < 64) {
            memset(ta, 0, sizeof ta);
            memset(tb, 0, sizeof tb);
            memcpy(ta, pa, (size_t)k);
            memcpy(tb, pb, (size_t)k);
            pa = ta;
            pb = tb;
            po = to8;
        }
        for (j = 0; j < 64; j++) {
            int64_t x, y, r;
            QG_MBQM_BF(((int32_t)pa[j] - p[0]) * mul, m1, t1, h1, n1, x);
            QG_MBQM_BF(((int32_t)pb[j] - p[1]) * mul, m2, t2, h2, n2, y);
            x += (y ^ -(int64_t)neg) + neg;
            x = x < INT32_MIN ? INT32_MIN : x > INT32_MAX ? INT32_MAX : x;
            QG_MBQM_BF(x, mo, to, ho, no, r);
            r += zo;
            po[j] = (uint8_t)(r < lo ? lo : r > hi ? hi : r);
        }
        if (k < 64)
            memcpy(out + i, to8, (size_t)k);
    }
}

/* TFLite quantized add (neg = 0) and sub (neg = 1); p = NAME.i decoded:
 * {zp1, zp2, zp_out, left_shift, m1, sh1, m2, sh2, mo, sho, act_min, act_max} */
QG_UNUSED static void qg_addsub_row(const int32_t *p, const uint8_t *a, int32_t sa, const uint8_t *b, int32_t sb,
                                    uint8_t *out, int32_t n, int32_t neg)
{
    const int32_t mul = (int32_t)1 << p[3];
    int32_t i;
    if (sa == 1 && sb == 1 && a != out && b != out) {
        qg_addsub_run(p, a, b, out, n, neg);
        return;
    }
    for (i = 0; i < n; i++) {
        const int32_t x = qg_mbqm(((int32_t)a[(size_t)i * (size_t)sa] - p[0]) * mul, p[4], p[5]);
        const int32_t y = qg_mbqm(((int32_t)b[(size_t)i * (size_t)sb] - p[1]) * mul, p[6], p[7]);
        const int32_t r = qg_mbqm(qg_sat_i32(neg ? (int64_t)x - y : (int64_t)x + y), p[8], p[9]);
        const int64_t v = (int64_t)r + p[2];
        out[i] = (uint8_t)(v < p[10] ? p[10] : v > p[11] ? p[11] : v);
    }
}

/* a + b and a - b, rows of qg_broadcast */
QG_UNUSED static void qg_add_row(const int32_t *p, const uint8_t *a, int32_t sa, const uint8_t *b, int32_t sb,
                                 uint8_t *out, int32_t n)
{
    qg_addsub_row(p, a, sa, b, sb, out, n, 0);
}

QG_UNUSED static void qg_sub_row(const int32_t *p, const uint8_t *a, int32_t sa, const uint8_t *b, int32_t sb,
                                 uint8_t *out, int32_t n)
{
    qg_addsub_row(p, a, sa, b, sb, out, n, 1);
}

/* the add of two operands of one shape */
QG_UNUSED static void qg_add(const int32_t *p, const uint8_t *a, const uint8_t *b, uint8_t *out, int32_t n)
{
    qg_add_row(p, a, 1, b, 1, out, n);
}

/* TFLite quantized mul; p = NAME.i decoded: {zp1, zp2, zp_out, m, sh, act_min, act_max}.
 * |(a - zp1) * (b - zp2)| <= 255^2: no overflow. */
QG_UNUSED static void qg_mul_row(const int32_t *p, const uint8_t *a, int32_t sa, const uint8_t *b, int32_t sb,
                                 uint8_t *out, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        const int32_t acc = ((int32_t)a[(size_t)i * (size_t)sa] - p[0]) * ((int32_t)b[(size_t)i * (size_t)sb] - p[1]);
        const int64_t v = (int64_t)qg_mbqm(acc, p[3], p[4]) + p[2];
        out[i] = (uint8_t)(v < p[5] ? p[5] : v > p[6] ? p[6] : v);
    }
}

/* cat of n inputs: for each of `outer` blocks, input k contributes inner[k]
 * consecutive codes (for one NCHW image along dim 1: outer = 1, inner[k] =
 * C_k*H*W).  Input k is requantized with (zp[k], m[k], sh[k]):
 * out = clamp(MBQM(q - zp_k, m_k, sh_k) + zp_out, qmin, qmax); an identity
 * (m = 2^30, sh = 1, zp_k = zp_out, the multiplier of M = 1.0) is a copy,
 * which gives the same codes. */
QG_UNUSED static void qg_cat(int32_t outer, int32_t n, const uint8_t *const *in, const int32_t *inner,
                             const int32_t *zp, const int32_t *m, const int32_t *sh,
                             int32_t zp_out, int32_t qmin, int32_t qmax, uint8_t *out)
{
    int32_t o, k, i;
    for (o = 0; o < outer; o++)
        for (k = 0; k < n; k++) {
            const uint8_t *src = in[k] + (size_t)o * (size_t)inner[k];
            if (m[k] == ((int32_t)1 << 30) && sh[k] == 1 && zp[k] == zp_out) {
                for (i = 0; i < inner[k]; i++)   /* identity; codes already in range */
                    out[i] = qg_clamp_u8(src[i], qmin, qmax);
            } else {
                for (i = 0; i < inner[k]; i++)
                    out[i] = qg_code((int32_t)src[i] - zp[k], m[k], sh[k], zp_out, qmin, qmax);
            }
            out += inner[k];
        }
}

/* relu / relu6 / hardtanh that could not be fused: clamp the codes */
QG_UNUSED static void qg_clamp(const uint8_t *in, uint8_t *out, int32_t n, int32_t lo, int32_t hi)
{
    int32_t i;
    for (i = 0; i < n; i++)
        out[i] = in[i] < lo ? (uint8_t)lo : in[i] > hi ? (uint8_t)hi : in[i];
}

/* table lookup (sigmoid, hardswish, x * c, ...: docs section 3): out = lut[q] */
QG_UNUSED static void qg_lut(const uint8_t *in, uint8_t *out, int32_t n, const uint8_t *lut)
{
    int32_t i;
    for (i = 0; i < n; i++)
        out[i] = lut[in[i]];
}

/* A table per channel (PReLU: docs section 3): channel k of c, inner codes,
 * reads lut + k * stride (stride 0: one table for all). */
QG_UNUSED static void qg_lut_channels(const uint8_t *in, uint8_t *out, size_t c, size_t inner, const uint8_t *lut,
                                      size_t stride)
{
    size_t k;
    for (k = 0; k < c; k++)
        qg_lut(in + k * inner, out + k * inner, (int32_t)inner, lut + k * stride);
}

/* One piece of a chunk or split: per image, outer runs of in_run codes,
 * of which the piece is len codes from start. */
QG_UNUSED static void qg_slice(const uint8_t *in, uint8_t *out, size_t outer, size_t in_run, size_t start, size_t len)
{
    size_t o;
    for (o = 0; o < outer; o++)
        memcpy(out + o * len, in + o * in_run + start, len);
}

/* An image's codes in a new dim order: the output, rank dims of sizes
 * size, in order; the input read with stride[d] along output dim d. */
QG_UNUSED static void qg_permute(const uint8_t *in, uint8_t *out, int rank, const int32_t *size, const int32_t *stride)
{
    int32_t idx[8] = {0};
    size_t off = 0, o = 0;
    int d;
    for (;;) {
        out[o++] = in[off];
        for (d = rank - 1; d >= 0; d--) {
            off += (size_t)stride[d];
            if (++idx[d] < size[d])
                break;
            off -= (size_t)stride[d] * (size_t)size[d];
            idx[d] = 0;
        }
        if (d < 0)
            return;
    }
}

/* The mean of codes over some dims of an image: for each position of the
 * nk kept dims (sizes ks, strides kst, outermost first), the codes at the
 * nr reduced dims (rs, rst), summed exactly and divided by count with
 * rounding half up (docs/quantization.md, section 3). */
QG_UNUSED static void qg_mean(const uint8_t *in, uint8_t *out, int nk, const int32_t *ks, const int32_t *kst, int nr,
                              const int32_t *rs, const int32_t *rst, int64_t count)
{
    int32_t ki[8] = {0}, ri[8];
    size_t o = 0;
    int d;
    for (;;) {
        size_t base = 0;
        uint64_t sum = 0;
        for (d = 0; d < nk; d++)
            base += (size_t)ki[d] * (size_t)kst[d];
        for (d = 0; d < nr; d++)
            ri[d] = 0;
        for (;;) {
            size_t off = base;
            for (d = 0; d < nr; d++)
                off += (size_t)ri[d] * (size_t)rst[d];
            sum += in[off];
            for (d = nr - 1; d >= 0 && ++ri[d] == rs[d]; d--)
                ri[d] = 0;
            if (d < 0)
                break;
        }
        out[o++] = (uint8_t)((sum + (uint64_t)count / 2) / (uint64_t)count);
        for (d = nk - 1; d >= 0 && ++ki[d] == ks[d]; d--)
            ki[d] = 0;
        if (d < 0)
            break;
    }
}

/* A transposed convolution's input, spread out by its stride (sh, sw):
 * c planes hp x wp of the zero point zp (whose (q - zp) is 0, so they add
 * nothing to the conv that reads them), with in[k][y][x] at
 * [top + y * sh][left + x * sw]. */
QG_UNUSED static void qg_spread2d(const uint8_t *in, uint8_t *out, size_t c, size_t h, size_t w, size_t sh, size_t sw,
                                  size_t top, size_t left, size_t hp, size_t wp, int32_t zp)
{
    size_t k, y, x;
    memset(out, zp, c * hp * wp);
    for (k = 0; k < c; k++)
        for (y = 0; y < h; y++) {
            const uint8_t *src = in + (k * h + y) * w;
            uint8_t *dst = out + (k * hp + top + y * sh) * wp + left;
            for (x = 0; x < w; x++)
                dst[x * sw] = src[x];
        }
}

/* Nearest upsampling of c planes h x w to oh x ow: output row y, column x
 * copies input row ih[y], column iw[x] (the sources PyTorch picks). */
QG_UNUSED static void qg_upsample_nearest(const uint8_t *in, uint8_t *out, size_t c, size_t h, size_t w, size_t oh,
                                          size_t ow, const int32_t *ih, const int32_t *iw)
{
    size_t k, y, x;
    for (k = 0; k < c; k++)
        for (y = 0; y < oh; y++) {
            const uint8_t *row = in + (k * h + (size_t)ih[y]) * w;
            uint8_t *o = out + (k * oh + y) * ow;
            for (x = 0; x < ow; x++)
                o[x] = row[iw[x]];
        }
}

/* Bilinear upsampling of c planes h x w to oh x ow (docs/quantization.md,
 * section 3): output row y interpolates input rows y0[y] and y1[y] with
 * weight ly[y] / 1024 on y1, columns alike; the zero point cancels (the four
 * weights sum to 2^20), so the codes are interpolated as they are, rounded
 * half up: at most 255 * 2^20 + 2^19 < 2^28, so uint32 arithmetic is exact. */
QG_UNUSED static void qg_upsample_bilinear(const uint8_t *in, uint8_t *out, size_t c, size_t h, size_t w, size_t oh,
                                           size_t ow, const int32_t *y0, const int32_t *y1, const int32_t *ly,
                                           const int32_t *x0, const int32_t *x1, const int32_t *lx)
{
    size_t k, y, x;
    for (k = 0; k < c; k++)
        for (y = 0; y < oh; y++) {
            const uint8_t *r0 = in + (k * h + (size_t)y0[y]) * w, *r1 = in + (k * h + (size_t)y1[y]) * w;
            const uint32_t wy = (uint32_t)ly[y];
            uint8_t *o = out + (k * oh + y) * ow;
            for (x = 0; x < ow; x++) {
                const uint32_t wx = (uint32_t)lx[x];
                const uint32_t top = (1024u - wx) * r0[x0[x]] + wx * r0[x1[x]];
                const uint32_t bot = (1024u - wx) * r1[x0[x]] + wx * r1[x1[x]];
                o[x] = (uint8_t)(((1024u - wy) * top + wy * bot + (1u << 19)) >> 20);
            }
        }
}

/* softmax (log == NULL) or log_softmax along one dim, per image: `outer`
 * runs of `n` codes `inner` apart (docs/quantization.md, section 3).  e:
 * exp(-s_in * d) in Q23 for d = max - q (e[0] == 2^23, so the sum is at
 * least 2^23); softmax divides exactly, to codes of scale 1/2^bits; log:
 * a[d] (s_in * d / s_out in Q16), t[256] (log1p((t + 0.5) / 256) / s_out in
 * Q16) and i = {zp_out, qmin, qmax, log(2) / s_out in Q16}. */
QG_UNUSED static void qg_softmax(const uint8_t *in, uint8_t *out, size_t outer, size_t n, size_t inner,
                                 const unsigned char *e, int bits, const unsigned char *a,
                                 const unsigned char *t, const unsigned char *i)
{
    const uint64_t qmax = ((uint64_t)1 << bits) - 1;
    size_t o, j, k;
    for (o = 0; o < outer; o++)
        for (j = 0; j < inner; j++) {
            const uint8_t *x = in + o * n * inner + j;
            uint8_t *y = out + o * n * inner + j;
            uint64_t sum = 0;
            uint8_t top = 0;
            for (k = 0; k < n; k++)
                top = x[k * inner] > top ? x[k * inner] : top;
            for (k = 0; k < n; k++)
                sum += (uint64_t)qg_rd_i32(e, top - x[k * inner]);
            if (!a) {
                for (k = 0; k < n; k++) {
                    const uint64_t v = ((uint64_t)qg_rd_i32(e, top - x[k * inner]) << (bits + 1)) + sum;
                    const uint64_t q = v / (2 * sum);
                    y[k * inner] = (uint8_t)(q > qmax ? qmax : q);
                }
            } else {
                const int64_t zp = qg_rd_i32(i, 0), lo = qg_rd_i32(i, 1), hi = qg_rd_i32(i, 2);
                int b = 0;
                int64_t lq;
                while (b < 64 && (sum >> b) != 0)
                    b++;
                lq = (int64_t)(b - 1 - 23) * qg_rd_i32(i, 3) + qg_rd_i32(t, (size_t)((sum >> (b - 9)) & 255));
                for (k = 0; k < n; k++) {
                    int64_t q = zp - ((qg_rd_i32(a, top - x[k * inner]) + lq + 32768) >> 16);
                    y[k * inner] = (uint8_t)(q < lo ? lo : q > hi ? hi : q);
                }
            }
        }
}

