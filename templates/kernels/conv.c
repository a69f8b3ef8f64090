/* ================================================================= conv */

typedef struct {
    int32_t c, h, w;      /* input channels, height, width */
    int32_t o, oh, ow;    /* output channels, height, width */
    int32_t kh, kw;       /* kernel size */
    int32_t groups;
    int32_t sh, sw;       /* stride */
    int32_t ph, pw;       /* padding before (top / left); after follows from oh, ow */
    int32_t dh, dw;       /* dilation */
} qg_conv_shape;

typedef struct {
    int32_t c, h, w;      /* input */
    int32_t oh, ow;       /* output (from qg_pool_out_size) */
    int32_t kh, kw, sh, sw, ph, pw, dh, dw;
} qg_pool_shape;

/* Quantized parameters of one conv / linear node, as in the weights file. */
typedef struct {
    const int8_t *w;             /* NAME.w, int8 */
    const unsigned char *bias;   /* NAME.b, int32 LE [o] */
    const unsigned char *mult;   /* NAME.m, int32 LE [o] */
    const unsigned char *shift;  /* NAME.s, int32 LE [o] */
    int32_t zp_in, zp_out, act_min, act_max;   /* NAME.i */
} qg_qparams;

/* Reference convolution: the definition, one output at a time.  Needs no
 * scratch.  The fast qg_conv2d must equal it bit for bit. */
QG_UNUSED static void qg_conv2d_ref(const qg_conv_shape *s, const qg_qparams *q,
                                    const uint8_t *in, uint8_t *out)
{
    const int32_t cg = s->c / s->groups, og = s->o / s->groups;
    int32_t o, y, x, ci, ky, kx;
    for (o = 0; o < s->o; o++) {
        const int32_t g = o / og;
        const int32_t b = qg_rd_i32(q->bias, (size_t)o);
        const int32_t m = qg_rd_i32(q->mult, (size_t)o);
        const int32_t sh = qg_rd_i32(q->shift, (size_t)o);
        for (y = 0; y < s->oh; y++)
            for (x = 0; x < s->ow; x++) {
                int32_t acc = b;
                for (ci = 0; ci < cg; ci++)
                    for (ky = 0; ky < s->kh; ky++)
                        for (kx = 0; kx < s->kw; kx++) {
                            const int32_t iy = y * s->sh - s->ph + ky * s->dh;
                            const int32_t ix = x * s->sw - s->pw + kx * s->dw;
                            const int32_t wv = q->w[((o * cg + ci) * s->kh + ky) * s->kw + kx];
                            if (iy < 0 || iy >= s->h || ix < 0 || ix >= s->w)
                                continue; /* padding: q_in == zp_in contributes 0 */
                            acc += ((int32_t)in[((g * cg + ci) * s->h + iy) * s->w + ix] - q->zp_in) * wv;
                        }
                out[(o * s->oh + y) * s->ow + x] =
                    qg_code(acc, m, sh, q->zp_out, q->act_min, q->act_max);
            }
    }
}

/* max_pool2d of one plane of codes with row pitch `pitch` (reference
 * definition; out-of-bounds positions are ignored; a window with no input
 * position, which PyTorch's parameter checks exclude, gives 0). */
QG_UNUSED static void qg_maxpool_plane(const qg_pool_shape *p, const uint8_t *in, int32_t pitch, uint8_t *out)
{
    int32_t y, x, ky, kx;
    for (y = 0; y < p->oh; y++)
        for (x = 0; x < p->ow; x++) {
            uint8_t mx = 0;
            for (ky = 0; ky < p->kh; ky++)
                for (kx = 0; kx < p->kw; kx++) {
                    const int32_t iy = y * p->sh - p->ph + ky * p->dh;
                    const int32_t ix = x * p->sw - p->pw + kx * p->dw;
                    if (iy >= 0 && iy < p->h && ix >= 0 && ix < p->w) {
                        const uint8_t v = in[iy * pitch + ix];
                        mx = v > mx ? v : mx;
                    }
                }
            out[y * p->ow + x] = mx;
        }
}

/* Copy `rows` rows of `w` bytes from pitch `pitch` to a packed plane.  Short
 * rows are moved 16 bytes at a time where the overshoot stays inside the
 * plane (it is overwritten by the following rows); src needs 16 bytes of
 * readable slack after its last row. */
QG_UNUSED static void qg_copy_rows(uint8_t *dst, const uint8_t *src, int32_t rows, int32_t w, int32_t pitch)
{
    const int32_t chunks = (w + 15) / 16;
    int32_t y, x;
    for (y = 0; y < rows; y++) {
        uint8_t *d = dst + (size_t)y * (size_t)w;
        const uint8_t *s = src + (size_t)y * (size_t)pitch;
        if (y * w + chunks * 16 <= rows * w) {
            for (x = 0; x < chunks; x++)
                memcpy(d + 16 * x, s + 16 * x, 16);
        } else {
            for (x = 0; x < w; x++)
                d[x] = s[x];
        }
    }
}

/* Geometry of the fast path.  The input is copied once per call into an
 * int16 buffer X of (q - zp_in) values, zero where the padding is, split
 * into sw column phases so that every kernel tap reads a contiguous run:
 *     X[c][phase][hp][wq],  hp = (oh-1)*sh + (kh-1)*dh + 1,
 *     wq = ceil(wp / sw),   wp = (ow-1)*sw + (kw-1)*dw + 1,
 *     X[c][j][y][u] = in[c][y - ph][u*sw + j - pw] - zp_in  (0 outside).
 * Accumulators are int32 rows of pitch wq: acc[y * wq + x], x < ow used.
 * With sh == 1 all rows are one contiguous run of (oh-1)*wq + ow values
 * (the columns ow..wq-1 are computed and dropped). */
QG_UNUSED static int32_t qg_conv_hp(const qg_conv_shape *s) { return (s->oh - 1) * s->sh + (s->kh - 1) * s->dh + 1; }
QG_UNUSED static int32_t qg_conv_wq(const qg_conv_shape *s)
{
    const int32_t wp = (s->ow - 1) * s->sw + (s->kw - 1) * s->dw + 1;
    return (wp + s->sw - 1) / s->sw;
}
/* Loop counts are rounded up to whole blocks (16 or 64 lanes) so that the
 * vectorized loops need no scalar remainder; the per-channel buffers have
 * room for that: the lanes past the end compute values nobody reads. */
QG_UNUSED static int32_t qg_r16(int32_t n) { return (n + 15) & ~(int32_t)15; }
QG_UNUSED static int32_t qg_r64(int32_t n) { return (n + 63) & ~(int32_t)63; }

/* capacity (values) of the per-channel buffers acc, tmp (int32), rows (uint8) */
QG_UNUSED static int32_t qg_conv_cap(const qg_conv_shape *s)
{
    return qg_r64(s->oh * qg_conv_wq(s) + 16) + 64;
}

/* capacity (values) of the int32 staging buffer of the pooled outputs:
 * the codes of consecutive channels gather there and are narrowed to
 * uint8 in one run (a 5x5 channel alone would be too short a run; 640 keeps the seed's
 * arena within its first plan). */
QG_UNUSED static int32_t qg_conv_stage(const qg_pool_shape *pool)
{
    const int32_t ohw = pool ? pool->oh * pool->ow : 0;
    return (ohw > 640 ? qg_r16(ohw) : 640) + 64;
}

QG_UNUSED static size_t qg_align64(size_t n) { return (n + 63u) & ~(size_t)63u; }

/* Bytes of scratch qg_maxpool2d needs (one input row). */
QG_UNUSED static size_t qg_maxpool2d_scratch(const qg_pool_shape *s)
{
    return qg_align64((size_t)s->w);
}

/* Fast max pooling: per output row, the max over the window's rows into a
 * row buffer (contiguous), then the max over the window's columns.
 * scratch: qg_maxpool2d_scratch(s) bytes. */
QG_UNUSED static void qg_maxpool2d(const qg_pool_shape *s, const uint8_t *in, uint8_t *out, void *scratch)
{
    uint8_t *r = (uint8_t *)scratch;
    int32_t c, y, x, ky, kx;
    /* output columns whose whole window lies inside the input */
    int32_t x0 = 0, x1;
    while (x0 < s->ow && x0 * s->sw - s->pw < 0)
        x0++;
    x1 = x0;
    while (x1 < s->ow && x1 * s->sw - s->pw + (s->kw - 1) * s->dw < s->w)
        x1++;
    for (c = 0; c < s->c; c++)
        for (y = 0; y < s->oh; y++) {
            const uint8_t *plane = in + (size_t)c * (size_t)s->h * (size_t)s->w;
            uint8_t *orow = out + ((size_t)c * (size_t)s->oh + (size_t)y) * (size_t)s->ow;
            int first = 1;
            for (ky = 0; ky < s->kh; ky++) {
                const int32_t iy = y * s->sh - s->ph + ky * s->dh;
                const uint8_t *irow;
                if (iy < 0 || iy >= s->h)
                    continue;
                irow = plane + (size_t)iy * (size_t)s->w;
                if (first) {
                    memcpy(r, irow, (size_t)s->w);
                    first = 0;
                } else {
                    for (x = 0; x < s->w; x++)
                        r[x] = irow[x] > r[x] ? irow[x] : r[x];
                }
            }
            if (first) { /* no input row in the window */
                memset(orow, 0, (size_t)s->ow);
                continue;
            }
            if (s->sw == 2 && s->kw == 2 && s->dw == 1) {
                for (x = x0; x < x1; x++) {
                    const uint8_t *p = r + 2 * x - s->pw;
                    orow[x] = p[0] > p[1] ? p[0] : p[1];
                }
            } else if (x1 > x0) {
                /* tap by tap over the row, so that each pass vectorizes */
                const uint8_t *p = r + x0 * s->sw - s->pw;
                uint8_t *o = orow + x0;
                const int32_t n = x1 - x0;
                int32_t n0 = 0;   /* outputs done by the SIMD pass */
#if defined(QG_PATH_VNNI) && defined(__AVX512VBMI__)
                if (s->sw == 2) {
                    /* 64 outputs a step: per tap, vpermt2b takes the even bytes of
                     * the 128 from 2x + kx dw (masked loads: only the bytes read) */
                    const __m512i ev = qg_perm_ab(8, 2);   /* byte j: 2 j */
                    for (x = 0; x < n; x += 64) {
                        const int32_t k = n - x < 64 ? n - x : 64, nb = 2 * (k - 1) + 1;
                        const __mmask64 mlo = qg_mask64(nb), mhi = qg_mask64(nb - 64);
                        __m512i mx = _mm512_setzero_si512();
                        for (kx = 0; kx < s->kw; kx++) {
                            const uint8_t *pk = p + 2 * x + kx * s->dw;
                            const __m512i lo = _mm512_maskz_loadu_epi8(mlo, (const void *)pk);
                            const __m512i hi = mhi ? _mm512_maskz_loadu_epi8(mhi, (const void *)(pk + 64)) : lo;
                            mx = _mm512_max_epu8(mx, _mm512_permutex2var_epi8(lo, ev, hi));
                        }
                        _mm512_mask_storeu_epi8((void *)(o + x), qg_mask64(k), mx);
                    }
                    n0 = n;
                }
#endif
                for (x = n0; x < n; x++)
                    o[x] = p[x * s->sw];
                for (kx = 1; kx < s->kw && n0 < n; kx++) {
                    const uint8_t *pk = p + kx * s->dw;
                    if (s->sw == 1) {
                        for (x = 0; x < n; x++)
                            o[x] = pk[x] > o[x] ? pk[x] : o[x];
                    } else if (s->sw == 2) {
                        for (x = 0; x < n; x++)
                            o[x] = pk[2 * x] > o[x] ? pk[2 * x] : o[x];
                    } else {
                        for (x = 0; x < n; x++)
                            o[x] = pk[x * s->sw] > o[x] ? pk[x * s->sw] : o[x];
                    }
                }
            }
            for (x = 0; x < s->ow; x++) {
                uint8_t mx = 0;
                if (x == x0 && x1 > x0) {
                    x = x1 - 1;
                    continue;
                }
                for (kx = 0; kx < s->kw; kx++) {
                    const int32_t ix = x * s->sw - s->pw + kx * s->dw;
                    if (ix >= 0 && ix < s->w)
                        mx = r[ix] > mx ? r[ix] : mx;
                }
                orow[x] = mx;
            }
        }
}

/* Bytes of scratch qg_conv2d needs, with or without a fused pool (a
 * multiple of 64; scratch must be 16-byte aligned).  Layout:
 *   int32 tap offsets [cg*kh*kw]; int32 acc [cap]; int32 tmp [cap];
 *   uint8 rows [cap]; int32 stage [stage]; int16 X [c*sw*hp*wq + 16]. */
QG_UNUSED static size_t qg_conv2d_planes_scratch(const qg_conv_shape *s, const qg_pool_shape *pool)
{
    const size_t hp = (size_t)qg_conv_hp(s), wq = (size_t)qg_conv_wq(s), cap = (size_t)qg_conv_cap(s);
    const size_t taps = (size_t)(s->c / s->groups) * (size_t)s->kh * (size_t)s->kw;
    return qg_align64(taps * 4) + 2 * qg_align64(cap * 4) + qg_align64(cap)
        + qg_align64((size_t)qg_conv_stage(pool) * 4)
        + qg_align64(((size_t)s->c * (size_t)s->sw * hp * wq + 16) * 2);
}

/* acc[i] (+)= sum over taps t of w[t] * x[off[t] + i], i < n (a multiple of
 * 16, so that the loops need no scalar remainder).  Taps go in chunks of 9
 * (3x3 kernels) or 8, so each accumulator is loaded and stored once per
 * chunk.  A product is exact in int16 (|q - zp| <= 255, |w| <= 128, so
 * |x w| <= 32640) and is widened to int32 before it is added. */
#define QG_TAPD(k) const int16_t *restrict x##k = x + off[t + (k)]; const int16_t w##k = w[t + (k)];
#define QG_TAPP(k) ((int32_t)(int16_t)(x##k[i] * w##k))
QG_UNUSED static void qg_taps(int32_t *restrict acc, int32_t n, const int16_t *restrict x,
                              const int32_t *off, const int8_t *w, int32_t ntaps, int32_t bias)
{
    int32_t t = 0, i;
#if defined(QG_PATH_AVX2)
    /* Taps two at a time, 16 accumulators in two registers: the two taps'
     * int16 values of each position interleaved (vpunpck{l,h}wd: positions
     * 0-3 and 8-11, 4-7 and 12-15) and vpmaddwd against the pair of weights
     * gives both products summed in int32 (|2 * 255 * 128| fits); an odd
     * last tap is paired with itself and a zero weight.  The registers are
     * put back in order once, at the store.  The weight pairs and offsets
     * of up to QG_TAP_PAIRS pairs are made first; past them, the sums go on
     * in acc. */
    {
        enum { QG_TAP_PAIRS = 64 };
        int32_t wp[QG_TAP_PAIRS], oa[QG_TAP_PAIRS], ob[QG_TAP_PAIRS];
        int32_t t0, np, k;
        for (t0 = 0; t0 < ntaps; t0 += 2 * QG_TAP_PAIRS) {
            const int32_t nt = ntaps - t0 < 2 * QG_TAP_PAIRS ? ntaps - t0 : 2 * QG_TAP_PAIRS;
            np = (nt + 1) / 2;
            for (k = 0; k < np; k++) {
                const int odd = 2 * k + 1 >= nt;
                const int32_t w0 = w[t0 + 2 * k], w1 = odd ? 0 : w[t0 + 2 * k + 1];
                wp[k] = (int32_t)((uint32_t)(uint16_t)w0 | ((uint32_t)(uint16_t)w1 << 16));
                oa[k] = off[t0 + 2 * k];
                ob[k] = off[t0 + 2 * k + (odd ? 0 : 1)];
            }
            for (i = 0; i < n; i += 16) {
                __m256i lo, hi;
                if (t0 == 0) {
                    lo = _mm256_set1_epi32(bias);
                    hi = lo;
                } else {   /* acc back in the registers' order */
                    const __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)(acc + i));
                    const __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(acc + i + 8));
                    lo = _mm256_permute2x128_si256(a0, a1, 0x20);
                    hi = _mm256_permute2x128_si256(a0, a1, 0x31);
                }
                for (k = 0; k < np; k++) {
                    const __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(x + oa[k] + i));
                    const __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(x + ob[k] + i));
                    const __m256i v = _mm256_set1_epi32(wp[k]);
                    lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), v));
                    hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), v));
                }
                _mm256_storeu_si256((__m256i *)(void *)(acc + i), _mm256_permute2x128_si256(lo, hi, 0x20));
                _mm256_storeu_si256((__m256i *)(void *)(acc + i + 8), _mm256_permute2x128_si256(lo, hi, 0x31));
            }
        }
        return;
    }
#endif
    if (ntaps % 9 == 0) {
        for (; t < ntaps; t += 9) {
            QG_TAPD(0) QG_TAPD(1) QG_TAPD(2) QG_TAPD(3) QG_TAPD(4) QG_TAPD(5) QG_TAPD(6) QG_TAPD(7) QG_TAPD(8)
            if (t == 0) {
                for (i = 0; i < n; i++)
                    acc[i] = bias + QG_TAPP(0) + QG_TAPP(1) + QG_TAPP(2) + QG_TAPP(3) + QG_TAPP(4)
                        + QG_TAPP(5) + QG_TAPP(6) + QG_TAPP(7) + QG_TAPP(8);
            } else {
                for (i = 0; i < n; i++)
                    acc[i] += QG_TAPP(0) + QG_TAPP(1) + QG_TAPP(2) + QG_TAPP(3) + QG_TAPP(4)
                        + QG_TAPP(5) + QG_TAPP(6) + QG_TAPP(7) + QG_TAPP(8);
            }
        }
        return;
    }
    if (ntaps < 8) {
        for (i = 0; i < n; i++)
            acc[i] = bias;
    }
    for (; t + 8 <= ntaps; t += 8) {
        QG_TAPD(0) QG_TAPD(1) QG_TAPD(2) QG_TAPD(3) QG_TAPD(4) QG_TAPD(5) QG_TAPD(6) QG_TAPD(7)
        if (t == 0) {
            for (i = 0; i < n; i++)
                acc[i] = bias + QG_TAPP(0) + QG_TAPP(1) + QG_TAPP(2) + QG_TAPP(3) + QG_TAPP(4)
                    + QG_TAPP(5) + QG_TAPP(6) + QG_TAPP(7);
        } else {
            for (i = 0; i < n; i++)
                acc[i] += QG_TAPP(0) + QG_TAPP(1) + QG_TAPP(2) + QG_TAPP(3) + QG_TAPP(4)
                    + QG_TAPP(5) + QG_TAPP(6) + QG_TAPP(7);
        }
    }
    if (ntaps - t >= 4) {
        QG_TAPD(0) QG_TAPD(1) QG_TAPD(2) QG_TAPD(3)
        for (i = 0; i < n; i++)
            acc[i] += QG_TAPP(0) + QG_TAPP(1) + QG_TAPP(2) + QG_TAPP(3);
        t += 4;
    }
    if (ntaps - t >= 2) {
        QG_TAPD(0) QG_TAPD(1)
        for (i = 0; i < n; i++)
            acc[i] += QG_TAPP(0) + QG_TAPP(1);
        t += 2;
    }
    if (ntaps - t == 1) {
        QG_TAPD(0)
        for (i = 0; i < n; i++)
            acc[i] += QG_TAPP(0);
    }
}

/* 2x2 / stride 2 max of an int32 plane of row pitch `pitch`, into a packed
 * [ny][nx] plane, in place in a: t[i] = max(a[i], a[i + pitch]) over all
 * rows (one long run), then per pooled row the max of column pairs, in
 * whole 16-lane blocks (a row's extra lanes are overwritten by the next
 * row; a and t need 32 values of slack). */
QG_UNUSED static void qg_pool22_i32(int32_t *restrict a, int32_t *restrict t, int32_t ny, int32_t nx, int32_t pitch)
{
    const int32_t nv = qg_r16((2 * ny - 2) * pitch + 2 * nx), w16 = qg_r16(nx);
    int32_t i, y;
    for (i = 0; i < nv; i++)
        t[i] = a[i] > a[i + pitch] ? a[i] : a[i + pitch];
    for (y = 0; y < ny; y++) {
        const int32_t *r = t + 2 * y * pitch;
        int32_t *d = a + y * nx;
        for (i = 0; i < w16; i++)
            d[i] = r[2 * i] > r[2 * i + 1] ? r[2 * i] : r[2 * i + 1];
    }
}

/* Fast convolution, optionally fused with the max_pool2d that consumes its
 * output (pool != NULL; pool->c, h, w must be s->o, oh, ow): the result
 * equals qg_conv2d_ref (then qg_maxpool2d_ref) bit for bit.  With a fused
 * 2x2 / stride 2 pool and a channel whose multiplier is monotone (m >= 0,
 * shift <= 0: requantization is then a non-decreasing function), the max
 * is taken on the int32 accumulators and only the pooled values are
 * requantized, which gives the same codes.  scratch: at least
 * qg_conv2d_scratch(s, pool) bytes, 16-byte aligned. */
QG_UNUSED static void qg_conv2d_planes(const qg_conv_shape *s, const qg_qparams *q, const qg_pool_shape *pool,
                                       const uint8_t *in, uint8_t *out, void *scratch)
{
    const int32_t cg = s->c / s->groups, og = s->o / s->groups;
    const int32_t hp = qg_conv_hp(s), wq = qg_conv_wq(s), cap = qg_conv_cap(s);
    const int32_t plane = hp * wq;          /* one phase of one channel */
    const int32_t chan = s->sw * plane;     /* one channel: all phases */
    const int32_t ntaps = cg * s->kh * s->kw;
    int32_t n = (s->oh - 1) * wq + s->ow;   /* accumulators of one channel in use */
    int32_t oh = s->oh;                     /* rows computed */
    const int pool22 = pool && pool->kh == 2 && pool->kw == 2 && pool->sh == 2 && pool->sw == 2
        && pool->ph == 0 && pool->pw == 0 && pool->dh == 1 && pool->dw == 1
        && 2 * pool->oh <= s->oh && 2 * pool->ow <= s->ow;   /* no partial (ceil_mode) window */
    const int32_t ohw = pool ? pool->oh * pool->ow : s->oh * s->ow;
    int32_t *off = (int32_t *)scratch;
    int32_t *acc = (int32_t *)((unsigned char *)scratch + qg_align64((size_t)ntaps * 4));
    int32_t *tmp = (int32_t *)((unsigned char *)acc + qg_align64((size_t)cap * 4));
    uint8_t *rows = (uint8_t *)tmp + qg_align64((size_t)cap * 4);
    int32_t *stage = (int32_t *)(void *)(rows + qg_align64((size_t)cap));
    const int32_t nstage = qg_conv_stage(pool) - 32;    /* values; 32 lanes of slack */
    int16_t *X = (int16_t *)((unsigned char *)stage + qg_align64((size_t)qg_conv_stage(pool) * 4));
    int32_t c, j, y, u, t, o, i, o0 = 0, staged = 0;    /* channels o0.. are staged */

    /* 1. X = padded, zero-point-subtracted, phase-split input */
    if (s->sw == 1 && s->ph == 0 && s->pw == 0 && wq == s->w && hp == s->h) {
        const int32_t total = s->c * s->h * s->w;   /* X is the input minus zp */
        for (i = 0; i < total; i++)
            X[i] = (int16_t)((int32_t)in[i] - q->zp_in);
    } else {
        for (c = 0; c < s->c; c++)
            for (j = 0; j < s->sw; j++) {
                /* the columns u0 <= u < u1 of phase j read the input: one
                 * contiguous (or strided) run between two runs of zeros */
                const int32_t zp = q->zp_in, sw = s->sw, o0 = j - s->pw;
                int32_t u0 = o0 >= 0 ? 0 : (-o0 + sw - 1) / sw;
                int32_t u1 = s->w - o0 <= 0 ? 0 : (s->w - o0 + sw - 1) / sw;
                u1 = u1 < wq ? u1 : wq;
                u0 = u0 < u1 ? u0 : u1;
                for (y = 0; y < hp; y++) {
                    int16_t *row = X + c * chan + j * plane + y * wq;
                    const int32_t iy = y - s->ph;
                    if (iy < 0 || iy >= s->h) {
                        for (u = 0; u < wq; u++)
                            row[u] = 0;
                    } else {
                        const uint8_t *irow = in + ((size_t)c * (size_t)s->h + (size_t)iy) * (size_t)s->w;
                        for (u = 0; u < u0; u++)
                            row[u] = 0;
                        if (sw == 1) {
                            for (u = u0; u < u1; u++)
                                row[u] = (int16_t)((int32_t)irow[u + o0] - zp);
                        } else if (sw == 2) {
                            for (u = u0; u < u1; u++)
                                row[u] = (int16_t)((int32_t)irow[2 * u + o0] - zp);
                        } else {
                            for (u = u0; u < u1; u++)
                                row[u] = (int16_t)((int32_t)irow[u * sw + o0] - zp);
                        }
                        for (u = u1; u < wq; u++)
                            row[u] = 0;
                    }
                }
            }
    }
    for (i = 0; i < 16; i++)   /* the last 16-lane block may read past the end */
        X[s->c * chan + i] = 0;

    /* 2. tap offsets within one group's channels: (ci, ky, kx) order, as the weights */
    t = 0;
    for (c = 0; c < cg; c++)
        for (y = 0; y < s->kh; y++)
            for (u = 0; u < s->kw; u++) {
                const int32_t col = u * s->dw;
                off[t++] = c * chan + (col % s->sw) * plane + y * s->dh * wq + col / s->sw;
            }

    /* 3. per output channel: accumulate, (pool,) requantize.  A 2x2 pool
     * without a partial window reads only the first 2*poh rows and 2*pow
     * columns: the others are not computed. */
    if (pool22) {
        n = (2 * pool->oh - 1) * wq + 2 * pool->ow;
        oh = 2 * pool->oh;
    }
    for (o = 0; o < s->o; o++) {
        const int16_t *xg = X + (o / og) * cg * chan;
        const int8_t *wo = q->w + (size_t)o * (size_t)ntaps;
        const int32_t b = qg_rd_i32(q->bias, (size_t)o);
        const int32_t m = qg_rd_i32(q->mult, (size_t)o);
        const int32_t sft = qg_rd_i32(q->shift, (size_t)o);
        uint8_t *oo = out + (size_t)o * (size_t)ohw;
        if (s->sh == 1) {
            qg_taps(acc, qg_r16(n), xg, off, wo, ntaps, b);
        } else {
            for (y = 0; y < oh; y++)
                qg_taps(acc + y * wq, qg_r16(s->ow), xg + y * s->sh * wq, off, wo, ntaps, b);
        }
        if (!pool) {
            /* one long run, then drop the columns ow..wq-1 */
            qg_requant(acc, rows, qg_r64(n), m, sft, q->zp_out, q->act_min, q->act_max);
            if (wq == s->ow)
                memcpy(oo, rows, (size_t)ohw);
            else
                qg_copy_rows(oo, rows, s->oh, s->ow, wq);
        } else if (pool22 && m >= 0) {   /* monotone: see qg_requant */
            /* max on the accumulators, then requantize into the staging run */
            qg_pool22_i32(acc, tmp, pool->oh, pool->ow, wq);
            if (staged && (o - o0 + 1) * ohw > nstage) {
                qg_narrow(stage, out + (size_t)o0 * (size_t)ohw, (o - o0) * ohw);
                staged = 0;
            }
            if (!staged) {
                o0 = o;
                staged = 1;
            }
            qg_requant_i32(acc, stage + (o - o0) * ohw, qg_r16(ohw), m, sft, q->zp_out, q->act_min, q->act_max);
        } else {
            /* requantize, then pool the codes (any pool, any multiplier) */
            if (staged) {
                qg_narrow(stage, out + (size_t)o0 * (size_t)ohw, (o - o0) * ohw);
                staged = 0;
            }
            qg_requant(acc, rows, qg_r64(n), m, sft, q->zp_out, q->act_min, q->act_max);
            qg_maxpool_plane(pool, rows, wq, oo);
        }
    }
    if (staged)
        qg_narrow(stage, out + (size_t)o0 * (size_t)ohw, (s->o - o0) * ohw);
}

