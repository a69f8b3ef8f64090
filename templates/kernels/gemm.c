/* ------------------------------------------------ conv as a blocked GEMM
 * Convolutions with at least 4 output channels per group go through an
 * im2col + GEMM kernel, with the layout the int8 dot-product instructions
 * want (as in XNNPACK's and MLAS's u8 x s8 kernels, written here anew):
 *   - the output rows are processed in bands; for one band and one group
 *     the input is packed into B[kq][p][4]: for each pixel p of the band,
 *     the 4 consecutive K values 4kq..4kq+3 (K = cg*kh*kw in the weights'
 *     (ci, ky, kx) order) are 4 consecutive bytes.  Padding positions hold
 *     the code zp_in (so they contribute 0), K is zero-padded to KP = 4 KQ;
 *   - the weights are packed once per call into 4-row tiles W[t][kq][r][4]
 *     (16 contiguous bytes per kq), rows past og zero;
 *   - the zero point is folded into the bias: acc = bias - zp_in * sum(w)
 *     + sum(q * w), so the inner loop multiplies raw u8 codes by s8
 *     weights.  On the signed-dot path (NEON sdot) the codes are stored as
 *     q - 128 (s8) and the correction is (128 - zp_in) * sum(w).  Every
 *     partial sum is bias + (a subset of the (q - zp) w) minus zp times the
 *     other weights, so it is bounded by |bias| + 255 * 128 * K, which the
 *     init's bias check keeps inside int32: no intermediate overflows;
 *   - a 4-output-channel x 16..64-pixel register tile accumulates int32,
 *     then each row of the band is requantized with qg_requant into the
 *     NCHW output (a band is whole rows, so a channel's band is one run).
 * A fused max pool gets the band's codes in a small buffer and pools them.
 * Paths, chosen from the compiler's predefined macros: AVX-512 VNNI
 * (vpdpbusd), AVX2 (u8 widened to int16, vpmaddwd: no saturation), SSE2
 * (the same at 128 bits: every x86-64 has it, so a build without -march
 * takes it there), Arm sdot (__ARM_FEATURE_DOTPROD), else plain C.  All
 * give the same int32. */

/* bytes of B one band may take, and of a fused pool's band of codes */
#define QG_BAND_B 262144
#define QG_BAND_POOL 384
#define QG_BAND_PIX 1024

/* Groups merged in pairs: a conv with 2 or 3 output and at least 2 input
 * channels per group and an even group count (the seed's conv2, 2 in and
 * 2 out) goes through the GEMM as groups / 2 groups, each the pair of
 * groups 2g, 2g+1 with block-diagonal weights (zero between the two
 * original groups: codes there meet zero weights and add 0, so the
 * accumulators are the same sums, in the same bound).  The GEMM kernel
 * takes a conv with og >= 4 after this; the others (depthwise, single
 * output channels) keep the per-plane kernel above. */
QG_UNUSED static int32_t qg_conv_merge(const qg_conv_shape *s)
{
    const int32_t cg = s->c / s->groups, og = s->o / s->groups;
    return og >= 2 && og <= 3 && cg >= 2 && s->groups % 2 == 0 ? 2 : 1;
}

QG_UNUSED static qg_conv_shape qg_conv_gshape(const qg_conv_shape *s)
{
    qg_conv_shape g = *s;
    g.groups /= qg_conv_merge(s);
    return g;
}

QG_UNUSED static int qg_conv_is_gemm(const qg_conv_shape *s)
{
    return s->o / (s->groups / qg_conv_merge(s)) >= 4;
}

QG_UNUSED static int qg_pool_is22(const qg_conv_shape *s, const qg_pool_shape *pool)
{
    return pool && pool->kh == 2 && pool->kw == 2 && pool->sh == 2 && pool->sw == 2
        && pool->ph == 0 && pool->pw == 0 && pool->dh == 1 && pool->dw == 1
        && 2 * pool->oh <= s->oh && 2 * pool->ow <= s->ow;
}

/* Channel quads: a GEMM conv whose group has a multiple of 4 channels
 * takes its K in (ky, kx, ci) order, so that a K quad is 4 channels of one
 * tap, and its input is first rewritten, once per call and group, into
 * X4[c4][hp][wp][4] (the codes of channels 4 c4 .. 4 c4 + 3 of one pixel
 * side by side, the padding around as the code zp_in, hp x wp = the
 * padded input the taps read, qg_conv_hp and wp below).  With unit strides
 * the GEMM then reads X4 in place (an implicit GEMM: the B of K quad
 * (tap, c4) is X4 shifted by the tap; outputs are computed on the wide
 * grid of pitch wp and the columns ow .. wp-1 dropped); otherwise the
 * im2col copies 4-byte pixels from X4. */
QG_UNUSED static int qg_conv_cq(const qg_conv_shape *s)
{
    return qg_conv_is_gemm(s) && (s->c / s->groups) % 4 == 0;
}

QG_UNUSED static int qg_conv_direct(const qg_conv_shape *s)
{
    return qg_conv_cq(s) && s->sh == 1 && s->sw == 1;
}

QG_UNUSED static int32_t qg_conv_wp(const qg_conv_shape *s) { return (s->ow - 1) * s->sw + (s->kw - 1) * s->dw + 1; }

/* Output channels in lanes (AVX-512 VNNI; qg_gemm_t below): a GEMM conv
 * of one group (after qg_conv_merge), a multiple of 16 output channels, no
 * fused pool, a small plane (at most QG_TR_PIX pixels, where the
 * pixel-lane kernel wastes up to a quarter of its lanes: 7x7 fills 49 of
 * 64, and the implicit GEMM's wide grid adds kw - 1 columns a row), K of
 * at least QG_TR_K (the codes leave through scalar stores, one per output),
 * and every channel's requantization of qg_rq_x16's fast form.  Its
 * weights are packed in 16-row tiles instead of 4-row ones, same size. */
#define QG_TR_PIX 256
#define QG_TR_K 256
QG_UNUSED static int qg_conv_tr(const qg_conv_shape *s, const qg_qparams *q, const qg_pool_shape *pool)
{
#if defined(QG_PATH_VNNI)
    int32_t o;
    if (pool || s->groups != 1 || s->o % 16 != 0 || s->oh * s->ow > QG_TR_PIX || s->c * s->kh * s->kw < QG_TR_K)
        return 0;
    for (o = 0; o < s->o; o++)
        if (!qg_rq_consts(qg_rd_i32(q->mult, (size_t)o), qg_rd_i32(q->shift, (size_t)o), q->zp_out, q->act_min,
                          q->act_max).fast)
            return 0;
    return 1;
#else
    (void)s, (void)q, (void)pool;
    return 0;
#endif
}

/* bytes of X4 (one group), with the slack the last 16-pixel block of the
 * implicit GEMM reads past its end */
QG_UNUSED static size_t qg_conv_x4(const qg_conv_shape *s)
{
    return qg_align64((size_t)(s->c / s->groups) * (size_t)qg_conv_hp(s) * (size_t)qg_conv_wp(s)
                      + 4 * (16 + (size_t)s->kw * (size_t)s->dw));
}

/* pixels of one band row: the wide grid of the implicit GEMM, or ow */
QG_UNUSED static int32_t qg_gemm_pitch(const qg_conv_shape *s)
{
    return qg_conv_direct(s) ? qg_conv_wp(s) : s->ow;
}

/* Output rows per band: B within QG_BAND_B bytes, at least 64 pixels (the
 * implicit GEMM: at most QG_BAND_PIX pixels); with a fused 2x2 pool at most
 * QG_BAND_POOL pixels (the im2col kernel; the pool works on one 4-channel
 * tile of int32 accumulators at a time), an even count.  Another pool
 * reads the whole plane of codes, which gathers band by band (below). */
QG_UNUSED static int32_t qg_gemm_rows(const qg_conv_shape *s, const qg_pool_shape *pool)
{
    const int32_t kp = (s->c / s->groups * s->kh * s->kw + 3) / 4 * 4;
    const int32_t ohe = qg_pool_is22(s, pool) ? 2 * pool->oh : s->oh;
    const int pool22 = qg_pool_is22(s, pool);
    int32_t r;
    if (qg_conv_direct(s)) {
        r = QG_BAND_PIX / qg_conv_wp(s);
        if (pool22)
            r = r < 2 ? 2 : r & ~(int32_t)1;
    } else {
        r = QG_BAND_B / (kp * s->ow);
        if (r * s->ow < 64)
            r = (64 + s->ow - 1) / s->ow;
        if (pool22) {
            const int32_t rp = QG_BAND_POOL / s->ow;
            r = r < rp ? r : rp;
            r = r < 2 ? 2 : r & ~(int32_t)1;
        }
    }
    return r < 1 ? 1 : r > ohe ? ohe : r;
}

/* Bytes of the packed weights of a conv: W [groups*ogp*KP] s8 in 4-row
 * tiles, then the folded biases, int32 [groups*ogp].  The per-plane kernel
 * packs nothing (0).  The generated init packs them once, into the arena,
 * with qg_conv2d_pack; every run (and every image of a batch) reuses them. */
QG_UNUSED static size_t qg_conv2d_packed(const qg_conv_shape *s0)
{
    const qg_conv_shape g = qg_conv_gshape(s0), *s = &g;
    const size_t kp = (size_t)(s->c / s->groups * s->kh * s->kw + 3) / 4 * 4;
    const size_t ogp = (size_t)(s->o / s->groups + 3) / 4 * 4;
    if (!qg_conv_is_gemm(s))
        return 0;
    return qg_align64((size_t)s->groups * ogp * kp) + qg_align64((size_t)s->groups * ogp * 4);
}

/* Bytes of work space of qg_conv2d_run: K quad offsets int32 [KQ], acc
 * int32 [4][ppad], B [KP*ppad] (not for the implicit GEMM), X4 (channel
 * quads), then with a fused 2x2 pool the pooled accumulators of one
 * channel, int32 [ppad / 4], with another pool the plane's codes (all
 * channels), and for the implicit GEMM one band of codes on the wide grid
 * [ppad]; or the per-plane kernel's scratch. */
QG_UNUSED static size_t qg_conv2d_work(const qg_conv_shape *s0, const qg_pool_shape *pool)
{
    const qg_conv_shape g = qg_conv_gshape(s0), *s = &g;
    const size_t kp = (size_t)(s->c / s->groups * s->kh * s->kw + 3) / 4 * 4;
    const size_t rows = (size_t)qg_gemm_rows(s, pool), ppad = (rows * (size_t)qg_gemm_pitch(s) + 15) / 16 * 16;
    const size_t extra = !pool ? 0 : qg_pool_is22(s, pool) ? qg_align64(ppad) : qg_align64((size_t)s->o * (size_t)s->oh * (size_t)s->ow);
    if (!qg_conv_is_gemm(s))
        return qg_conv2d_planes_scratch(s0, pool);
    return qg_align64(kp) + qg_align64(4 * ppad * 4) + (qg_conv_direct(s) ? 0 : qg_align64(kp * ppad))
        + (qg_conv_cq(s) ? qg_conv_x4(s) : 0) + extra + (qg_conv_direct(s) ? qg_align64(ppad) : 0);
}

/* Bytes of scratch of qg_conv2d, which packs the weights at every call. */
QG_UNUSED static size_t qg_conv2d_scratch(const qg_conv_shape *s, const qg_pool_shape *pool)
{
    return qg_conv2d_packed(s) + qg_conv2d_work(s, pool);
}

/* B for output rows y0 .. y0+rows-1 of one group (in: the group's first
 * channel); ppad >= rows*ow, a multiple of 16.  With he > 0 (a fused 2x2
 * pool; he = (ow + 1) / 2) each row's pixels are stored even columns first
 * (column x at x / 2, or he + x / 2 for odd x), so that the pool's column
 * pairs are two contiguous runs.  The tails are not written:
 * the pixels rows*ow .. ppad-1 only feed accumulators nobody reads, and the
 * K values past K in the last quad, which meet zero weights, are zeroed
 * once per conv call by qg_im2col_tails (a band never writes them). */
/* d[4 j] = r[j step] - QG_XOFF for j < n: one tap's codes into its byte of
 * each pixel's K quad.  With VBMI, 16 pixels a step: one masked load (the
 * bytes read, no more), vpermb moving byte j step to byte 4 j, one masked
 * store of every fourth byte. */
QG_UNUSED static void qg_spread4(uint8_t *restrict d, const uint8_t *restrict r, int32_t n, int32_t step)
{
    int32_t j = 0;
#if defined(QG_PATH_VNNI) && defined(__AVX512VBMI__)
    if (15 * step < 64) {
        const __m512i perm = qg_perm_ab(step, 0);   /* byte 4 d + k: d step */
        for (j = 0; j < n; j += 16) {
            const int32_t k = n - j < 16 ? n - j : 16, nb = (k - 1) * step + 1;
            const __mmask64 ml = qg_mask64(nb), ms = (__mmask64)0x1111111111111111ull & qg_mask64(4 * k);
            const __m512i v = _mm512_maskz_loadu_epi8(ml, (const void *)(r + (size_t)j * (size_t)step));
            _mm512_mask_storeu_epi8((void *)(d + 4 * (size_t)j), ms, _mm512_permutexvar_epi8(perm, v));
        }
        return;
    }
#endif
    for (; j < n; j++)
        d[4 * j] = (uint8_t)((r[j * step] - QG_XOFF) & 255);
}

#if defined(QG_PATH_VNNI) && defined(__AVX512VBMI__)
/* qg_im2col a whole K quad at a time (VBMI): the 4 bytes of 16 pixels'
 * quad are one vpermt2b of the (at most 4, mostly 1 or 2) input rows its
 * taps read, each row one masked load of 64 bytes (the codes of columns
 * outside the input read as the pad).  A run of a row's pixels takes the
 * columns x = x0 + t xs (xs = 2 for the even and odd halves of a fused 2x2
 * pool), so pixel t of a block reads column t S + (its tap's offset) of
 * the row, S = xs sw: the index of a slot is fixed for the quad.  It fits
 * when 15 S plus the quad's widest span of taps in one row is below 64. */
QG_UNUSED static int qg_im2col_wide(const qg_conv_shape *s, int32_t he)
{
    return 15 * (he ? 2 : 1) * s->sw + ((s->kw < 4 ? s->kw : 4) - 1) * s->dw <= 63;
}

QG_UNUSED static void qg_im2col_quads(const qg_conv_shape *s, const uint8_t *in, int32_t y0, int32_t rows,
                                      int32_t ppad, int32_t zp, int32_t he, uint8_t *restrict B)
{
    const int32_t cg = s->c / s->groups, taps = s->kh * s->kw, k = cg * taps, kq = (k + 3) / 4;
    const int32_t xs = he ? 2 : 1, S = xs * s->sw, nrun = he ? 2 : 1;
    const __m512i padv = _mm512_set1_epi8((char)(uint8_t)zp);
    const __m512i lane = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    int32_t qd, j, y, run, t0;
    for (qd = 0; qd < kq; qd++) {
        /* the quad's distinct rows (channel, ky) and the leftmost tap offset
         * read from each; every slot's byte of the index */
        int32_t nr = 0, rci[4], rky[4], rlo[4];
        uint32_t base = 0;
        __mmask64 hi = 0;   /* the bytes of slots that read rows 2 and 3 */
        /* the bytes of slots j < K - 4 qd in every dword; the others are 0 */
        const __mmask64 live = (__mmask64)0x1111111111111111ull * (__mmask64)((1u << (k - 4 * qd < 4 ? k - 4 * qd : 4)) - 1);
        __m512i idx;
        for (j = 0; j < 4 && 4 * qd + j < k; j++) {
            const int32_t kk = 4 * qd + j, ci = kk / taps, ky = kk % taps / s->kw, kx = kk % s->kw;
            const int32_t off = kx * s->dw - s->pw;
            int32_t r;
            for (r = 0; r < nr && (rci[r] != ci || rky[r] != ky); r++)
                ;
            if (r == nr)
                rci[r] = ci, rky[r] = ky, rlo[r] = off, nr++;   /* kx grows within a row: off is its least */
            base |= (uint32_t)(off - rlo[r] + 64 * (r & 1)) << (8 * j);
            if (r >= 2)
                hi |= (__mmask64)0x1111111111111111ull << j;
        }
        idx = _mm512_add_epi32(_mm512_mullo_epi32(lane, _mm512_set1_epi32(S * 0x01010101)), _mm512_set1_epi32((int32_t)base));
        for (run = 0; run < nrun; run++) {
            const int32_t n = he ? (s->ow - run + 1) / 2 : s->ow;
            for (t0 = 0; t0 < n; t0 += 16) {
                /* per row: the first column read and the mask of those inside */
                const __mmask64 ms = n - t0 >= 16 ? ~(__mmask64)0 : qg_mask64(4 * (n - t0));
                uint8_t *d = B + (size_t)qd * (size_t)ppad * 4 + ((size_t)(run ? he : 0) + (size_t)t0) * 4;
                int32_t col[4], iy[4];
                __mmask64 m[4];
                int32_t r;
                for (r = 0; r < nr; r++) {
                    col[r] = (run + t0 * xs) * s->sw + rlo[r];
                    m[r] = qg_mask64(s->w - col[r]) & ~qg_mask64(-col[r]);
                    iy[r] = y0 * s->sh - s->ph + rky[r] * s->dh;
                }
                for (y = 0; y < rows; y++, d += (size_t)s->ow * 4) {
                    __m512i v[4] = {padv, padv, padv, padv}, o;
                    for (r = 0; r < nr; r++) {
                        if (iy[r] >= 0 && iy[r] < s->h) {
                            /* col may be negative: the address as an integer (the bytes
                             * outside the row are not read) */
                            const uintptr_t row = (uintptr_t)in + ((size_t)rci[r] * (size_t)s->h + (size_t)iy[r]) * (size_t)s->w;
                            v[r] = _mm512_mask_loadu_epi8(padv, m[r], (const void *)(row + (uintptr_t)(ptrdiff_t)col[r]));
                        }
                        iy[r] += s->sh;
                    }
                    o = _mm512_maskz_permutex2var_epi8(live, v[0], idx, v[1]);
                    if (nr > 2)
                        o = _mm512_mask_mov_epi8(o, live & hi, _mm512_permutex2var_epi8(v[2], idx, v[3]));
                    _mm512_mask_storeu_epi8((void *)d, ms, o);
                }
            }
        }
    }
}
#endif

#define QG_COL(x) (he ? ((x) >> 1) + ((x) & 1) * he : (x))
QG_UNUSED static void qg_im2col(const qg_conv_shape *s, const uint8_t *in, int32_t y0, int32_t rows,
                                int32_t ppad, int32_t zp, int32_t he, uint8_t *restrict B)
{
    const int32_t cg = s->c / s->groups;
    const uint8_t pad = (uint8_t)((zp - QG_XOFF) & 255);
    int32_t ci, ky, kx, y, x, kk = 0;
#if defined(QG_PATH_VNNI) && defined(__AVX512VBMI__)
    if (qg_im2col_wide(s, he)) {
        qg_im2col_quads(s, in, y0, rows, ppad, zp, he, B);
        return;
    }
#endif
    for (ci = 0; ci < cg; ci++)
        for (ky = 0; ky < s->kh; ky++)
            for (kx = 0; kx < s->kw; kx++, kk++) {
                uint8_t *b = B + (size_t)(kk >> 2) * (size_t)ppad * 4 + (kk & 3);
                const uint8_t *plane = in + (size_t)ci * (size_t)s->h * (size_t)s->w;
                /* the columns whose tap is inside the input: x0 <= x < x1 */
                const int32_t off = kx * s->dw - s->pw;
                int32_t x0 = off >= 0 ? 0 : (-off + s->sw - 1) / s->sw;
                int32_t x1 = s->w - off <= 0 ? 0 : (s->w - off + s->sw - 1) / s->sw;
                x1 = x1 < s->ow ? x1 : s->ow;
                x0 = x0 < x1 ? x0 : x1;
                for (y = 0; y < rows; y++) {
                    const int32_t iy = (y0 + y) * s->sh - s->ph + ky * s->dh;
                    uint8_t *d = b + (size_t)y * (size_t)s->ow * 4;
                    if (iy < 0 || iy >= s->h) {
                        for (x = 0; x < s->ow; x++)
                            d[4 * QG_COL(x)] = pad;
                        continue;
                    }
                    {
                        const uint8_t *r = plane + (size_t)iy * (size_t)s->w + off;
                        for (x = 0; x < x0; x++)
                            d[4 * QG_COL(x)] = pad;
                        if (!he) {
                            qg_spread4(d + 4 * x0, r + x0 * s->sw, x1 - x0, s->sw);
                        } else if (x1 > x0) {   /* even columns to x / 2, odd ones to he + x / 2 */
                            const int32_t xe = x0 + (x0 & 1), xo = x0 + 1 - (x0 & 1);
                            if (x1 > xe)
                                qg_spread4(d + 4 * (xe >> 1), r + xe * s->sw, (x1 - xe + 1) / 2, 2 * s->sw);
                            if (x1 > xo)
                                qg_spread4(d + 4 * (he + (xo >> 1)), r + xo * s->sw, (x1 - xo + 1) / 2, 2 * s->sw);
                        }
                        for (x = x1; x < s->ow; x++)
                            d[4 * QG_COL(x)] = pad;
                    }
                }
            }
}
#undef QG_COL

/* Zero the last K quad of B (its unused K values must be defined, and 0
 * keeps every product with the zero weights 0), once per conv call. */
QG_UNUSED static void qg_im2col_tails(const qg_conv_shape *s, int32_t ppad, uint8_t *B)
{
    const int32_t k = s->c / s->groups * s->kh * s->kw, kq = (k + 3) / 4;
    if (k % 4 != 0)
        memset(B + (size_t)(kq - 1) * (size_t)ppad * 4, 0, (size_t)ppad * 4);
}

/* X4 of one group (in: its first channel), see qg_conv_cq; the slack
 * after it zeroed. */
QG_UNUSED static void qg_quads(const qg_conv_shape *s, const uint8_t *in, int32_t zp, uint8_t *restrict X)
{
    const int32_t cg = s->c / s->groups, hp = qg_conv_hp(s), wp = qg_conv_wp(s);
    const uint8_t pad = (uint8_t)((zp - QG_XOFF) & 255);
    const int32_t x0 = s->pw < wp ? s->pw : wp, x1 = s->pw + s->w < wp ? s->pw + s->w : wp;
    int32_t c4, y, x;
#if defined(QG_PATH_VNNI)
    if (s->ph == 0 && s->pw == 0 && hp == s->h && wp == s->w) {
        /* X4 is the 4 planes' bytes interleaved: 64 pixels a step, the
         * unpacks' 128-bit lanes put in order by a 4x4 transpose of lanes */
        const size_t np = (size_t)s->h * (size_t)s->w;
        for (c4 = 0; c4 < cg / 4; c4++) {
            const uint8_t *p0 = in + (size_t)(4 * c4) * np;
            uint8_t *d = X + (size_t)c4 * np * 4;
            size_t i;
            for (i = 0; i < np; i += 64) {
                const int32_t n = np - i < 64 ? (int32_t)(np - i) : 64;
                const __mmask64 ml = qg_mask64(n);
                const __m512i a = _mm512_maskz_loadu_epi8(ml, p0 + i), b = _mm512_maskz_loadu_epi8(ml, p0 + np + i);
                const __m512i c = _mm512_maskz_loadu_epi8(ml, p0 + 2 * np + i), e = _mm512_maskz_loadu_epi8(ml, p0 + 3 * np + i);
                const __m512i ab0 = _mm512_unpacklo_epi8(a, b), ab1 = _mm512_unpackhi_epi8(a, b);
                const __m512i ce0 = _mm512_unpacklo_epi8(c, e), ce1 = _mm512_unpackhi_epi8(c, e);
                const __m512i q0 = _mm512_unpacklo_epi16(ab0, ce0), q1 = _mm512_unpackhi_epi16(ab0, ce0);
                const __m512i q2 = _mm512_unpacklo_epi16(ab1, ce1), q3 = _mm512_unpackhi_epi16(ab1, ce1);
                const __m512i t0 = _mm512_shuffle_i32x4(q0, q1, 0x44), t1 = _mm512_shuffle_i32x4(q0, q1, 0xEE);
                const __m512i t2 = _mm512_shuffle_i32x4(q2, q3, 0x44), t3 = _mm512_shuffle_i32x4(q2, q3, 0xEE);
                const __m512i v[4] = {_mm512_shuffle_i32x4(t0, t2, 0x88), _mm512_shuffle_i32x4(t0, t2, 0xDD),
                                      _mm512_shuffle_i32x4(t1, t3, 0x88), _mm512_shuffle_i32x4(t1, t3, 0xDD)};
                int32_t j;
                for (j = 0; j < 4; j++)
                    _mm512_mask_storeu_epi8(d + 4 * i + 64 * (size_t)j, qg_mask64(4 * n - 64 * j), v[j]);
            }
        }
        memset(X + (size_t)cg * np, 0, qg_conv_x4(s) - (size_t)cg * np);
        return;
    }
#endif
    for (c4 = 0; c4 < cg / 4; c4++)
        for (y = 0; y < hp; y++) {
            uint8_t *restrict d = X + ((size_t)c4 * (size_t)hp + (size_t)y) * (size_t)wp * 4;
            const int32_t iy = y - s->ph;
            if (iy < 0 || iy >= s->h) {
                memset(d, pad, (size_t)wp * 4);
                continue;
            }
            {
                const uint8_t *r0 = in + ((size_t)(4 * c4) * (size_t)s->h + (size_t)iy) * (size_t)s->w - s->pw;
                const uint8_t *r1 = r0 + (size_t)s->h * (size_t)s->w, *r2 = r1 + (size_t)s->h * (size_t)s->w;
                const uint8_t *r3 = r2 + (size_t)s->h * (size_t)s->w;
                if (x0 > 0)
                    memset(d, pad, (size_t)x0 * 4);
                x = x0;
#if defined(QG_PATH_VNNI) || defined(QG_PATH_AVX2) || defined(QG_PATH_SSE2)
                /* 16 pixels a step: bytes, then byte pairs interleaved (QG_XOFF is 0) */
                for (; x + 16 <= x1; x += 16) {
                    const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(r0 + x));
                    const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(r1 + x));
                    const __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(r2 + x));
                    const __m128i e = _mm_loadu_si128((const __m128i *)(const void *)(r3 + x));
                    const __m128i ab0 = _mm_unpacklo_epi8(a, b), ab1 = _mm_unpackhi_epi8(a, b);
                    const __m128i ce0 = _mm_unpacklo_epi8(c, e), ce1 = _mm_unpackhi_epi8(c, e);
                    __m128i *o = (__m128i *)(void *)(d + 4 * x);
                    _mm_storeu_si128(o, _mm_unpacklo_epi16(ab0, ce0));
                    _mm_storeu_si128(o + 1, _mm_unpackhi_epi16(ab0, ce0));
                    _mm_storeu_si128(o + 2, _mm_unpacklo_epi16(ab1, ce1));
                    _mm_storeu_si128(o + 3, _mm_unpackhi_epi16(ab1, ce1));
                }
#if defined(QG_PATH_VNNI)
                if (x < x1) {   /* the last n < 16 pixels: masked loads and stores */
                    const uint32_t n = (uint32_t)(x1 - x);
                    const __mmask16 ml = qg_mask16((int32_t)n);
                    const __m128i a = _mm_maskz_loadu_epi8(ml, r0 + x), b = _mm_maskz_loadu_epi8(ml, r1 + x);
                    const __m128i c = _mm_maskz_loadu_epi8(ml, r2 + x), e = _mm_maskz_loadu_epi8(ml, r3 + x);
                    const __m128i ab0 = _mm_unpacklo_epi8(a, b), ab1 = _mm_unpackhi_epi8(a, b);
                    const __m128i ce0 = _mm_unpacklo_epi8(c, e), ce1 = _mm_unpackhi_epi8(c, e);
                    const __m128i v[4] = {_mm_unpacklo_epi16(ab0, ce0), _mm_unpackhi_epi16(ab0, ce0),
                                          _mm_unpacklo_epi16(ab1, ce1), _mm_unpackhi_epi16(ab1, ce1)};
                    uint32_t j;
                    for (j = 0; j < 4 && 4 * j < n; j++) {   /* 4 pixels (16 bytes) a store */
                        const uint32_t k = n - 4 * j < 4 ? n - 4 * j : 4;
                        _mm_mask_storeu_epi8(d + 4 * x + 16 * j, qg_mask16((int32_t)(4 * k)), v[j]);
                    }
                    x = x1;
                }
#endif
#elif defined(QG_PATH_SDOT)
                /* 16 pixels a step: vst4 interleaves the four channels */
                for (; x + 16 <= x1; x += 16) {
                    const uint8x16_t off = vdupq_n_u8(QG_XOFF);
                    uint8x16x4_t v;
                    v.val[0] = veorq_u8(vld1q_u8(r0 + x), off);
                    v.val[1] = veorq_u8(vld1q_u8(r1 + x), off);
                    v.val[2] = veorq_u8(vld1q_u8(r2 + x), off);
                    v.val[3] = veorq_u8(vld1q_u8(r3 + x), off);
                    vst4q_u8(d + 4 * x, v);
                }
#endif
                for (; x < x1; x++) {
                    d[4 * x] = (uint8_t)((r0[x] - QG_XOFF) & 255);
                    d[4 * x + 1] = (uint8_t)((r1[x] - QG_XOFF) & 255);
                    d[4 * x + 2] = (uint8_t)((r2[x] - QG_XOFF) & 255);
                    d[4 * x + 3] = (uint8_t)((r3[x] - QG_XOFF) & 255);
                }
                if (x1 < wp)
                    memset(d + 4 * x1, pad, (size_t)(wp - x1) * 4);
            }
        }
    memset(X + (size_t)cg * (size_t)hp * (size_t)wp, 0, qg_conv_x4(s) - (size_t)cg * (size_t)hp * (size_t)wp);
}

/* B of output rows y0 .. y0+rows-1 from X4 (strided channel-quad convs):
 * K quad (tap, c4) of pixel (y, x) is X4 pixel (y sh + ky dh, x sw + kx dw). */
QG_UNUSED static void qg_im2col_cq(const qg_conv_shape *s, const uint8_t *X, int32_t y0, int32_t rows,
                                   int32_t ppad, uint8_t *restrict B)
{
    const int32_t c4n = s->c / s->groups / 4, hp = qg_conv_hp(s), wp = qg_conv_wp(s);
    int32_t ky, kx, c4, y, x, kq = 0;
    for (ky = 0; ky < s->kh; ky++)
        for (kx = 0; kx < s->kw; kx++)
            for (c4 = 0; c4 < c4n; c4++, kq++) {
                uint8_t *b = B + (size_t)kq * (size_t)ppad * 4;
                for (y = 0; y < rows; y++) {
                    const uint8_t *src = X + (((size_t)c4 * (size_t)hp + (size_t)((y0 + y) * s->sh + ky * s->dh))
                                              * (size_t)wp + (size_t)(kx * s->dw)) * 4;
                    uint8_t *restrict d = b + (size_t)y * (size_t)s->ow * 4;
                    if (s->sw == 1) {
                        memcpy(d, src, (size_t)s->ow * 4);
#if defined(QG_PATH_VNNI)
                    } else if (s->sw == 2) {   /* 16 pixels a step: the even dwords of two vectors */
                        const __m512i ev = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
                        for (x = 0; x < s->ow; x += 16) {
                            const int32_t n = s->ow - x < 16 ? s->ow - x : 16;
                            const __m512i lo = _mm512_maskz_loadu_epi32(qg_mask16(2 * n - 1), src + (size_t)x * 8);
                            const __m512i hi = _mm512_maskz_loadu_epi32(qg_mask16(2 * n - 17), src + (size_t)x * 8 + 64);
                            _mm512_mask_storeu_epi32(d + 4 * (size_t)x, qg_mask16(n), _mm512_permutex2var_epi32(lo, ev, hi));
                        }
#endif
                    } else {
                        for (x = 0; x < s->ow; x++)
                            memcpy(d + 4 * x, src + (size_t)x * (size_t)s->sw * 4, 4);
                    }
                }
            }
}

QG_UNUSED static int32_t qg_ld_i32(const void *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* acc[r][p] = corr[r] + sum over k of B_k[p] * W[r][k], r < 4, p < np
 * (a multiple of 16), where B_k = B + koff[k] holds the 4 bytes of K quad k
 * of pixel p at B_k + 4p: an im2col buffer (koff[k] = 4 k ppad) or, for a
 * stride-1 conv, the channel-quad input itself (koff[k]: the tap's offset,
 * an implicit GEMM); acc rows have pitch `pitch`. */
#if QG_FUSE_RQ
/* The fused output stage (qg_gemm4_rq): each accumulator row requantized
 * in registers with its channel's constants and stored as codes; the codes
 * of accumulator pixel y pw + x (x < ow) go to out + r ohw + y ow + x, the
 * columns ow.. of a wide grid (pw > ow: the implicit GEMM's padded rows)
 * are dropped. */
typedef struct {
    qg_rq_k k[4];
    uint8_t *out;             /* channel row 0's codes of the band's first output row */
    size_t ohw;               /* bytes from one channel row's codes to the next */
    int32_t rows, pw, ow, np; /* channel rows stored (<= 4); accumulators per row, codes per row, accumulators */
} qg_gemm_rq;
#endif

#if defined(QG_PATH_VNNI)
/* qg_rq_x16 on each vector, 64 pixels a store: the four vectors of a row
 * put together by two saturating packs (exact: the codes are 0..255) and
 * one vpermd, which undoes the packs' interleaving of 128-bit lanes; a wide
 * grid loses its columns ow.. by a vpcompressb (VBMI2) of the register. */

QG_UNUSED static void qg_gemm_codes(const qg_gemm_rq *g, int32_t r, int32_t p0, int32_t n, __m512i a, __m512i b,
                                    __m512i c, __m512i d)
{
    const __m512i ix = _mm512_set_epi32(15, 11, 7, 3, 14, 10, 6, 2, 13, 9, 5, 1, 12, 8, 4, 0);
    const __m512i z = _mm512_setzero_si512();
    const int32_t lim = n < g->np - p0 ? n : g->np - p0;   /* accumulators of the block in the band */
    __m512i v;
    __mmask64 mk;
    int32_t at;
    if (r >= g->rows)
        return;
    a = qg_rq_x16_in(a, &g->k[r]);
    b = n > 16 ? qg_rq_x16_in(b, &g->k[r]) : z;
    c = n > 32 ? qg_rq_x16_in(c, &g->k[r]) : z;
    d = n > 32 ? qg_rq_x16_in(d, &g->k[r]) : z;
    v = _mm512_permutexvar_epi32(ix, _mm512_packus_epi16(_mm512_packus_epi32(a, b), _mm512_packus_epi32(c, d)));
    if (g->pw == g->ow) {
        at = p0;
        mk = qg_mask64(lim);
    } else {
#if defined(__AVX512VBMI2__)
        int32_t x = p0 % g->pw, i = 0, cnt = 0;
        mk = 0;
        at = p0 / g->pw * g->ow + (x < g->ow ? x : g->ow);
        while (i < lim) {   /* the row segments of the block, their columns < ow */
            int32_t seg = x < g->ow ? g->ow - x : 0;
            if (seg > lim - i)
                seg = lim - i;
            mk |= qg_mask64(seg) << i;
            cnt += seg;
            i += g->pw - x;
            x = 0;
        }
        v = _mm512_maskz_compress_epi8(mk, v);
        mk = qg_mask64(cnt);
#else
        at = 0, mk = 0;   /* not reached: qg_conv2d_gemm fuses only pw == ow without VBMI2 */
#endif
    }
    _mm512_mask_storeu_epi8((void *)(g->out + (size_t)r * g->ohw + (size_t)at), mk, v);
}

QG_UNUSED static void qg_gemm4_rq(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                                  const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np, const qg_gemm_rq *rq)
{
    int32_t p0 = 0, k;
    for (; p0 + 64 <= np; p0 += 64) {
        __m512i c00 = _mm512_set1_epi32(corr[0]), c01 = c00, c02 = c00, c03 = c00;
        __m512i c10 = _mm512_set1_epi32(corr[1]), c11 = c10, c12 = c10, c13 = c10;
        __m512i c20 = _mm512_set1_epi32(corr[2]), c21 = c20, c22 = c20, c23 = c20;
        __m512i c30 = _mm512_set1_epi32(corr[3]), c31 = c30, c32 = c30, c33 = c30;
        const uint8_t *bp = B + (size_t)p0 * 4;
        const int8_t *w = W;
        for (k = 0; k < nkq; k++, w += 16) {
            const uint8_t *b = bp + koff[k];
            const __m512i b0 = _mm512_loadu_si512((const void *)b), b1 = _mm512_loadu_si512((const void *)(b + 64));
            const __m512i b2 = _mm512_loadu_si512((const void *)(b + 128)), b3 = _mm512_loadu_si512((const void *)(b + 192));
            __m512i w0 = _mm512_set1_epi32(qg_ld_i32(w));
            c00 = _mm512_dpbusd_epi32(c00, b0, w0); c01 = _mm512_dpbusd_epi32(c01, b1, w0);
            c02 = _mm512_dpbusd_epi32(c02, b2, w0); c03 = _mm512_dpbusd_epi32(c03, b3, w0);
            w0 = _mm512_set1_epi32(qg_ld_i32(w + 4));
            c10 = _mm512_dpbusd_epi32(c10, b0, w0); c11 = _mm512_dpbusd_epi32(c11, b1, w0);
            c12 = _mm512_dpbusd_epi32(c12, b2, w0); c13 = _mm512_dpbusd_epi32(c13, b3, w0);
            w0 = _mm512_set1_epi32(qg_ld_i32(w + 8));
            c20 = _mm512_dpbusd_epi32(c20, b0, w0); c21 = _mm512_dpbusd_epi32(c21, b1, w0);
            c22 = _mm512_dpbusd_epi32(c22, b2, w0); c23 = _mm512_dpbusd_epi32(c23, b3, w0);
            w0 = _mm512_set1_epi32(qg_ld_i32(w + 12));
            c30 = _mm512_dpbusd_epi32(c30, b0, w0); c31 = _mm512_dpbusd_epi32(c31, b1, w0);
            c32 = _mm512_dpbusd_epi32(c32, b2, w0); c33 = _mm512_dpbusd_epi32(c33, b3, w0);
        }
        if (rq) {
            qg_gemm_codes(rq, 0, p0, 64, c00, c01, c02, c03);
            qg_gemm_codes(rq, 1, p0, 64, c10, c11, c12, c13);
            qg_gemm_codes(rq, 2, p0, 64, c20, c21, c22, c23);
            qg_gemm_codes(rq, 3, p0, 64, c30, c31, c32, c33);
            continue;
        }
        _mm512_storeu_si512((void *)(acc + p0), c00); _mm512_storeu_si512((void *)(acc + p0 + 16), c01);
        _mm512_storeu_si512((void *)(acc + p0 + 32), c02); _mm512_storeu_si512((void *)(acc + p0 + 48), c03);
        _mm512_storeu_si512((void *)(acc + pitch + p0), c10); _mm512_storeu_si512((void *)(acc + pitch + p0 + 16), c11);
        _mm512_storeu_si512((void *)(acc + pitch + p0 + 32), c12); _mm512_storeu_si512((void *)(acc + pitch + p0 + 48), c13);
        _mm512_storeu_si512((void *)(acc + 2 * pitch + p0), c20); _mm512_storeu_si512((void *)(acc + 2 * pitch + p0 + 16), c21);
        _mm512_storeu_si512((void *)(acc + 2 * pitch + p0 + 32), c22); _mm512_storeu_si512((void *)(acc + 2 * pitch + p0 + 48), c23);
        _mm512_storeu_si512((void *)(acc + 3 * pitch + p0), c30); _mm512_storeu_si512((void *)(acc + 3 * pitch + p0 + 16), c31);
        _mm512_storeu_si512((void *)(acc + 3 * pitch + p0 + 32), c32); _mm512_storeu_si512((void *)(acc + 3 * pitch + p0 + 48), c33);
    }
    if (np - p0 >= 32) {   /* a 32-pixel block: 8 accumulators hide vpdpbusd's latency better than 4 */
        __m512i c00 = _mm512_set1_epi32(corr[0]), c01 = c00, c10 = _mm512_set1_epi32(corr[1]), c11 = c10;
        __m512i c20 = _mm512_set1_epi32(corr[2]), c21 = c20, c30 = _mm512_set1_epi32(corr[3]), c31 = c30;
        const uint8_t *bp = B + (size_t)p0 * 4;
        const int8_t *w = W;
        for (k = 0; k < nkq; k++, w += 16) {
            const uint8_t *b = bp + koff[k];
            const __m512i b0 = _mm512_loadu_si512((const void *)b), b1 = _mm512_loadu_si512((const void *)(b + 64));
            __m512i w0 = _mm512_set1_epi32(qg_ld_i32(w));
            c00 = _mm512_dpbusd_epi32(c00, b0, w0); c01 = _mm512_dpbusd_epi32(c01, b1, w0);
            w0 = _mm512_set1_epi32(qg_ld_i32(w + 4));
            c10 = _mm512_dpbusd_epi32(c10, b0, w0); c11 = _mm512_dpbusd_epi32(c11, b1, w0);
            w0 = _mm512_set1_epi32(qg_ld_i32(w + 8));
            c20 = _mm512_dpbusd_epi32(c20, b0, w0); c21 = _mm512_dpbusd_epi32(c21, b1, w0);
            w0 = _mm512_set1_epi32(qg_ld_i32(w + 12));
            c30 = _mm512_dpbusd_epi32(c30, b0, w0); c31 = _mm512_dpbusd_epi32(c31, b1, w0);
        }
        if (rq) {
            const __m512i z = _mm512_setzero_si512();
            qg_gemm_codes(rq, 0, p0, 32, c00, c01, z, z);
            qg_gemm_codes(rq, 1, p0, 32, c10, c11, z, z);
            qg_gemm_codes(rq, 2, p0, 32, c20, c21, z, z);
            qg_gemm_codes(rq, 3, p0, 32, c30, c31, z, z);
        } else {
            _mm512_storeu_si512((void *)(acc + p0), c00); _mm512_storeu_si512((void *)(acc + p0 + 16), c01);
            _mm512_storeu_si512((void *)(acc + pitch + p0), c10); _mm512_storeu_si512((void *)(acc + pitch + p0 + 16), c11);
            _mm512_storeu_si512((void *)(acc + 2 * pitch + p0), c20); _mm512_storeu_si512((void *)(acc + 2 * pitch + p0 + 16), c21);
            _mm512_storeu_si512((void *)(acc + 3 * pitch + p0), c30); _mm512_storeu_si512((void *)(acc + 3 * pitch + p0 + 16), c31);
        }
        p0 += 32;
    }
    for (; p0 < np; p0 += 16) {
        /* the even and the odd K quads into two sets of accumulators (8
         * chains), added at the end: integer sums in any order are equal */
        __m512i c0 = _mm512_set1_epi32(corr[0]), c1 = _mm512_set1_epi32(corr[1]);
        __m512i c2 = _mm512_set1_epi32(corr[2]), c3 = _mm512_set1_epi32(corr[3]);
        __m512i d0 = _mm512_setzero_si512(), d1 = d0, d2 = d0, d3 = d0;
        const uint8_t *bp = B + (size_t)p0 * 4;
        const int8_t *w = W;
        for (k = 0; k + 1 < nkq; k += 2, w += 32) {
            const __m512i b0 = _mm512_loadu_si512((const void *)(bp + koff[k]));
            const __m512i b1 = _mm512_loadu_si512((const void *)(bp + koff[k + 1]));
            c0 = _mm512_dpbusd_epi32(c0, b0, _mm512_set1_epi32(qg_ld_i32(w)));
            c1 = _mm512_dpbusd_epi32(c1, b0, _mm512_set1_epi32(qg_ld_i32(w + 4)));
            c2 = _mm512_dpbusd_epi32(c2, b0, _mm512_set1_epi32(qg_ld_i32(w + 8)));
            c3 = _mm512_dpbusd_epi32(c3, b0, _mm512_set1_epi32(qg_ld_i32(w + 12)));
            d0 = _mm512_dpbusd_epi32(d0, b1, _mm512_set1_epi32(qg_ld_i32(w + 16)));
            d1 = _mm512_dpbusd_epi32(d1, b1, _mm512_set1_epi32(qg_ld_i32(w + 20)));
            d2 = _mm512_dpbusd_epi32(d2, b1, _mm512_set1_epi32(qg_ld_i32(w + 24)));
            d3 = _mm512_dpbusd_epi32(d3, b1, _mm512_set1_epi32(qg_ld_i32(w + 28)));
        }
        if (k < nkq) {
            const __m512i b0 = _mm512_loadu_si512((const void *)(bp + koff[k]));
            c0 = _mm512_dpbusd_epi32(c0, b0, _mm512_set1_epi32(qg_ld_i32(w)));
            c1 = _mm512_dpbusd_epi32(c1, b0, _mm512_set1_epi32(qg_ld_i32(w + 4)));
            c2 = _mm512_dpbusd_epi32(c2, b0, _mm512_set1_epi32(qg_ld_i32(w + 8)));
            c3 = _mm512_dpbusd_epi32(c3, b0, _mm512_set1_epi32(qg_ld_i32(w + 12)));
        }
        if (rq) {
            const __m512i z = _mm512_setzero_si512();
            qg_gemm_codes(rq, 0, p0, 16, _mm512_add_epi32(c0, d0), z, z, z);
            qg_gemm_codes(rq, 1, p0, 16, _mm512_add_epi32(c1, d1), z, z, z);
            qg_gemm_codes(rq, 2, p0, 16, _mm512_add_epi32(c2, d2), z, z, z);
            qg_gemm_codes(rq, 3, p0, 16, _mm512_add_epi32(c3, d3), z, z, z);
            continue;
        }
        _mm512_storeu_si512((void *)(acc + p0), _mm512_add_epi32(c0, d0));
        _mm512_storeu_si512((void *)(acc + pitch + p0), _mm512_add_epi32(c1, d1));
        _mm512_storeu_si512((void *)(acc + 2 * pitch + p0), _mm512_add_epi32(c2, d2));
        _mm512_storeu_si512((void *)(acc + 3 * pitch + p0), _mm512_add_epi32(c3, d3));
    }
}

QG_UNUSED static void qg_gemm4(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                               const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np)
{
    qg_gemm4_rq(B, koff, W, nkq, corr, acc, pitch, np, NULL);
}

/* Output channels in lanes (qg_conv_tr): a tile of 32 output channels (two
 * 16-row weight tiles W0, W1: W[k][16][4], K quad k of 16 channels in 64
 * bytes) by 7 pixels, pixel j's K quad k being the 4 bytes at B + koff[k] +
 * poff[j] (broadcast to every lane), so that no lane computes a pixel
 * nobody reads.  The accumulators start at the folded biases and are
 * requantized in registers, per lane, with the channels' own constants
 * (qg_rq_lanes: qg_rq_x16's fast form, shifts by vpsravq); the codes of
 * pixel j go to out + o ohw + pix[j] for the tile's channels o, those of
 * pixels j >= np and, with W1 NULL, of the second 16 channels are not
 * stored (their lanes compute copies). */
typedef struct {
    __m512i m, mo, he, ho, te, to, lo, hi;   /* m's odd lanes, hz and t of the even and odd lanes, the clamp */
} qg_rq_lanes;

QG_UNUSED static qg_rq_lanes qg_rq_lanes_of(const qg_qparams *q, int32_t o0)
{
    int64_t h[16], t[16];
    int32_t m[16], i;
    qg_rq_lanes r;
    for (i = 0; i < 16; i++) {
        const qg_rq_k k = qg_rq_consts(qg_rd_i32(q->mult, (size_t)(o0 + i)), qg_rd_i32(q->shift, (size_t)(o0 + i)),
                                       q->zp_out, q->act_min, q->act_max);
        m[i] = k.k.m, h[i] = k.hz, t[i] = k.k.t;
    }
    r.m = _mm512_loadu_si512((const void *)m);
    r.mo = _mm512_srli_epi64(r.m, 32);
    r.he = _mm512_set_epi64(h[14], h[12], h[10], h[8], h[6], h[4], h[2], h[0]);
    r.ho = _mm512_set_epi64(h[15], h[13], h[11], h[9], h[7], h[5], h[3], h[1]);
    r.te = _mm512_set_epi64(t[14], t[12], t[10], t[8], t[6], t[4], t[2], t[0]);
    r.to = _mm512_set_epi64(t[15], t[13], t[11], t[9], t[7], t[5], t[3], t[1]);
    r.lo = _mm512_set1_epi64(q->act_min);
    r.hi = _mm512_set1_epi64(q->act_max);
    return r;
}

QG_UNUSED static QG_INLINE __m512i qg_rq_lanes_x16(__m512i x, const qg_rq_lanes *r)
{
    __m512i pe = _mm512_mul_epi32(x, r->m), po = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), r->mo);
    pe = _mm512_add_epi64(_mm512_add_epi64(pe, r->he), _mm512_srai_epi64(pe, 63));
    po = _mm512_add_epi64(_mm512_add_epi64(po, r->ho), _mm512_srai_epi64(po, 63));
    pe = _mm512_max_epi64(_mm512_min_epi64(_mm512_srav_epi64(pe, r->te), r->hi), r->lo);
    po = _mm512_max_epi64(_mm512_min_epi64(_mm512_srav_epi64(po, r->to), r->hi), r->lo);
    return _mm512_mask_shuffle_epi32(pe, (__mmask16)0xAAAA, po, (_MM_PERM_ENUM)0xA0);
}

/* the 16 codes of v (low bytes of its lanes) to o, o + ohw, .. o + 15 ohw */
QG_UNUSED static void qg_store_lanes(uint8_t *o, size_t ohw, __m512i v)
{
    uint8_t c[16];
    int i;
    _mm_storeu_si128((__m128i *)(void *)c, _mm512_cvtepi32_epi8(v));
    for (i = 0; i < 16; i++)
        o[(size_t)i * ohw] = c[i];
}

#define QG_T_PX 7
QG_UNUSED static void qg_gemm_t(const uint8_t *B, const int32_t *koff, const int32_t *poff, int32_t np,
                                const int8_t *W0, const int8_t *W1, int32_t nkq, const int32_t *corr,
                                const qg_rq_lanes *r0, const qg_rq_lanes *r1, uint8_t *out, size_t ohw,
                                const int32_t *pix)
{
    const int8_t *w1 = W1 ? W1 : W0;
    const int32_t o0 = poff[0], o1 = poff[1], o2 = poff[2], o3 = poff[3], o4 = poff[4], o5 = poff[5], o6 = poff[6];
    __m512i a0 = _mm512_loadu_si512((const void *)corr), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0;
    __m512i b0 = W1 ? _mm512_loadu_si512((const void *)(corr + 16)) : a0, b1 = b0, b2 = b0, b3 = b0, b4 = b0, b5 = b0, b6 = b0;
    const int8_t *w0 = W0;
    int32_t k;
    for (k = 0; k < nkq; k++, w0 += 64, w1 += 64) {
        const uint8_t *b = B + koff[k];
        const __m512i u = _mm512_loadu_si512((const void *)w0), v = _mm512_loadu_si512((const void *)w1);
        __m512i x;
        x = _mm512_set1_epi32(qg_ld_i32(b + o0)); a0 = _mm512_dpbusd_epi32(a0, x, u); b0 = _mm512_dpbusd_epi32(b0, x, v);
        x = _mm512_set1_epi32(qg_ld_i32(b + o1)); a1 = _mm512_dpbusd_epi32(a1, x, u); b1 = _mm512_dpbusd_epi32(b1, x, v);
        x = _mm512_set1_epi32(qg_ld_i32(b + o2)); a2 = _mm512_dpbusd_epi32(a2, x, u); b2 = _mm512_dpbusd_epi32(b2, x, v);
        x = _mm512_set1_epi32(qg_ld_i32(b + o3)); a3 = _mm512_dpbusd_epi32(a3, x, u); b3 = _mm512_dpbusd_epi32(b3, x, v);
        x = _mm512_set1_epi32(qg_ld_i32(b + o4)); a4 = _mm512_dpbusd_epi32(a4, x, u); b4 = _mm512_dpbusd_epi32(b4, x, v);
        x = _mm512_set1_epi32(qg_ld_i32(b + o5)); a5 = _mm512_dpbusd_epi32(a5, x, u); b5 = _mm512_dpbusd_epi32(b5, x, v);
        x = _mm512_set1_epi32(qg_ld_i32(b + o6)); a6 = _mm512_dpbusd_epi32(a6, x, u); b6 = _mm512_dpbusd_epi32(b6, x, v);
    }
    {
        const __m512i a[QG_T_PX] = {a0, a1, a2, a3, a4, a5, a6}, bb[QG_T_PX] = {b0, b1, b2, b3, b4, b5, b6};
        int32_t j;
        for (j = 0; j < np; j++) {
            qg_store_lanes(out + pix[j], ohw, qg_rq_lanes_x16(a[j], r0));
            if (W1)
                qg_store_lanes(out + 16 * ohw + pix[j], ohw, qg_rq_lanes_x16(bb[j], r1));
        }
    }
}
#elif defined(QG_PATH_AVX2)
/* Row r's (r < rows) 8 codes of pixels p0 .. p0+7 (v: int32 lanes; p0 is
 * column x of grid row y) to their places, the pixels of the band only (p
 * < np): with pw == ow one run, 8 bytes straight to the output where all
 * are in the band; else the grid's row segments one by one (one where the
 * 8 pixels lie in one row, inside its ow columns). */
QG_UNUSED static QG_INLINE void qg_gemm_codes(const qg_gemm_rq *g, int32_t r, int32_t p0, int32_t x, int32_t y, __m256i v)
{
    uint8_t c[8];
    uint8_t *o = g->out + (size_t)r * g->ohw;
    const int32_t lim = g->np - p0 < 8 ? g->np - p0 : 8;
    int32_t i = 0;
    if (lim <= 0)   /* a tile past the band's pixels */
        return;
    if (g->pw == g->ow && lim == 8) {   /* the common case: straight to the output */
        qg_store8_u8(o + p0, v);
        return;
    }
    qg_store8_u8(c, v);
    if (g->pw == g->ow) {
        memcpy(o + p0, c, (size_t)lim);
        return;
    }
    if (x + 8 <= g->ow) {   /* the 8 pixels are in one grid row, all inside it */
        memcpy(o + (size_t)y * (size_t)g->ow + (size_t)x, c, (size_t)lim);
        return;
    }
    while (i < lim) {
        const int32_t seg = x < g->ow ? (g->ow - x < lim - i ? g->ow - x : lim - i) : 0;
        if (seg > 0)
            memcpy(o + (size_t)y * (size_t)g->ow + (size_t)x, c + i, (size_t)seg);
        i += g->pw - x;
        x = 0, y++;
    }
}

/* The AVX2 GEMM: vpmaddwd on int16 values (u8 times s8 widened: |2 * 255
 * * 128| fits, no saturation), 4 rows x 8 pixels a tile, 8 accumulators
 * holding each pixel's two pair sums apart (added once, at the end, by
 * vphaddd).  Every shuffle of the inner loop stays inside 128-bit lanes,
 * since on Zen 3 the lane-crossing ones (vpmovzxbw to ymm, vpermq) issue
 * at about one a cycle and were what held back the eight vpmaddwd of a K
 * step:
 *   - the weights of up to QG_WK K quads are widened to int16 once per
 *     call into a buffer on the stack, so that each row's 4 weights come
 *     in by one 64-bit broadcast load (no shuffle); past QG_WK quads the
 *     sums of each chunk go on in acc;
 *   - the 8 pixels' 32 bytes are one load, widened by vpunpck{l,h}bw with
 *     zero: pixels 0 1 | 4 5 and 2 3 | 6 7, which vphaddd of the two puts
 *     back in order.
 * With rq, the output stage is fused (qg_gemm_rq): the 8 sums of a row are
 * requantized in registers (qg_rq_x8) and stored as codes. */
#define QG_WK 128   /* K quads widened at a time: 4 KiB of stack */

/* 8 bytes at p in every 64 bits: vbroadcastsd from memory, a load alone */
QG_UNUSED static QG_INLINE __m256i qg_bcast64(const void *p)
{
    return _mm256_castpd_si256(_mm256_broadcast_sd((const double *)p));
}

QG_UNUSED static void qg_gemm4_rq(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                                  const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np, const qg_gemm_rq *rq)
{
    int16_t w16[QG_WK * 16];
    int32_t k0, p0, k, r;
    const __m256i z = _mm256_setzero_si256();
    for (k0 = 0; k0 < nkq; k0 += QG_WK) {
        const int32_t nk = nkq - k0 < QG_WK ? nkq - k0 : QG_WK;
        const int first = k0 == 0, last = k0 + nk == nkq;
        int32_t px = 0, py = 0;   /* p0's column and row in the grid (pw per row) */
        for (k = 0; k < nk; k++)
            _mm256_storeu_si256((__m256i *)(void *)(w16 + 16 * k),
                                _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(W + 16 * (k0 + k)))));
        for (p0 = 0; p0 < np; p0 += 8, px += 8) {
            __m256i a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z;
            const uint8_t *bp = B + (size_t)p0 * 4;
            const int16_t *w = w16;
            if (rq)
                while (px >= rq->pw)
                    px -= rq->pw, py++;
            for (k = k0; k < k0 + nk; k++, w += 16) {
                const __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(bp + koff[k]));
                const __m256i x0 = _mm256_unpacklo_epi8(v, z), x1 = _mm256_unpackhi_epi8(v, z);
                __m256i wr = qg_bcast64(w);
                a00 = _mm256_add_epi32(a00, _mm256_madd_epi16(x0, wr));
                a01 = _mm256_add_epi32(a01, _mm256_madd_epi16(x1, wr));
                wr = qg_bcast64(w + 4);
                a10 = _mm256_add_epi32(a10, _mm256_madd_epi16(x0, wr));
                a11 = _mm256_add_epi32(a11, _mm256_madd_epi16(x1, wr));
                wr = qg_bcast64(w + 8);
                a20 = _mm256_add_epi32(a20, _mm256_madd_epi16(x0, wr));
                a21 = _mm256_add_epi32(a21, _mm256_madd_epi16(x1, wr));
                wr = qg_bcast64(w + 12);
                a30 = _mm256_add_epi32(a30, _mm256_madd_epi16(x0, wr));
                a31 = _mm256_add_epi32(a31, _mm256_madd_epi16(x1, wr));
            }
            for (r = 0; r < 4; r++) {
                const __m256i lo = r == 0 ? a00 : r == 1 ? a10 : r == 2 ? a20 : a30;
                const __m256i hi = r == 0 ? a01 : r == 1 ? a11 : r == 2 ? a21 : a31;
                int32_t *ar = acc + r * pitch + p0;
                /* hadd: pixels 0 1 2 3 | 4 5 6 7, plus the bias or the chunks before */
                __m256i sum = _mm256_add_epi32(_mm256_hadd_epi32(lo, hi),
                                               first ? _mm256_set1_epi32(corr[r])
                                                     : _mm256_loadu_si256((const __m256i *)(const void *)ar));
                if (!last || !rq)
                    _mm256_storeu_si256((__m256i *)(void *)ar, sum);
                else if (r < rq->rows)
                    qg_gemm_codes(rq, r, p0, px, py, qg_rq_x8(sum, &rq->k[r]));
            }
        }
    }
}
#undef QG_WK

QG_UNUSED static void qg_gemm4(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                               const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np)
{
    qg_gemm4_rq(B, koff, W, nkq, corr, acc, pitch, np, NULL);
}
#elif defined(QG_PATH_SSE2)
/* 4 pixels a step: their 16 bytes widened to int16 in two halves (2
 * pixels each), times each row's 4 weights repeated twice (pmaddwd: pair
 * sums in int32, no saturation); the two pair sums of a pixel are added
 * once at the end. */
QG_UNUSED static void qg_gemm4(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                               const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np)
{
    int32_t p0, k, r;
    const __m128i z = _mm_setzero_si128();
    for (p0 = 0; p0 < np; p0 += 4) {
        __m128i a0l = z, a0h = z, a1l = z, a1h = z, a2l = z, a2h = z, a3l = z, a3h = z;
        const uint8_t *bp = B + (size_t)p0 * 4;
        const int8_t *w = W;
        for (k = 0; k < nkq; k++, w += 16) {
            const uint8_t *b = bp + koff[k];
            const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)b);
            const __m128i xl = _mm_unpacklo_epi8(x, z), xh = _mm_unpackhi_epi8(x, z);
            const __m128i ww = _mm_loadu_si128((const __m128i *)(const void *)w);
            const __m128i wl = _mm_srai_epi16(_mm_unpacklo_epi8(ww, ww), 8);   /* rows 0, 1 */
            const __m128i wh = _mm_srai_epi16(_mm_unpackhi_epi8(ww, ww), 8);   /* rows 2, 3 */
            __m128i wr = _mm_shuffle_epi32(wl, 0x44);
            a0l = _mm_add_epi32(a0l, _mm_madd_epi16(xl, wr));
            a0h = _mm_add_epi32(a0h, _mm_madd_epi16(xh, wr));
            wr = _mm_shuffle_epi32(wl, 0xee);
            a1l = _mm_add_epi32(a1l, _mm_madd_epi16(xl, wr));
            a1h = _mm_add_epi32(a1h, _mm_madd_epi16(xh, wr));
            wr = _mm_shuffle_epi32(wh, 0x44);
            a2l = _mm_add_epi32(a2l, _mm_madd_epi16(xl, wr));
            a2h = _mm_add_epi32(a2h, _mm_madd_epi16(xh, wr));
            wr = _mm_shuffle_epi32(wh, 0xee);
            a3l = _mm_add_epi32(a3l, _mm_madd_epi16(xl, wr));
            a3h = _mm_add_epi32(a3h, _mm_madd_epi16(xh, wr));
        }
        for (r = 0; r < 4; r++) {
            /* [p0a p0b p1a p1b], [p2a p2b p3a p3b] -> p0 .. p3 */
            const __m128i lo = _mm_shuffle_epi32(r == 0 ? a0l : r == 1 ? a1l : r == 2 ? a2l : a3l, 0xd8);
            const __m128i hi = _mm_shuffle_epi32(r == 0 ? a0h : r == 1 ? a1h : r == 2 ? a2h : a3h, 0xd8);
            const __m128i sum = _mm_add_epi32(_mm_unpacklo_epi64(lo, hi), _mm_unpackhi_epi64(lo, hi));
            _mm_storeu_si128((__m128i *)(void *)(acc + r * pitch + p0), _mm_add_epi32(sum, _mm_set1_epi32(corr[r])));
        }
    }
}
#elif defined(QG_PATH_SDOT)
QG_UNUSED static void qg_gemm4(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                               const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np)
{
    int32_t p0, k;
    for (p0 = 0; p0 < np; p0 += 16) {
        int32x4_t c00 = vdupq_n_s32(corr[0]), c01 = c00, c02 = c00, c03 = c00;
        int32x4_t c10 = vdupq_n_s32(corr[1]), c11 = c10, c12 = c10, c13 = c10;
        int32x4_t c20 = vdupq_n_s32(corr[2]), c21 = c20, c22 = c20, c23 = c20;
        int32x4_t c30 = vdupq_n_s32(corr[3]), c31 = c30, c32 = c30, c33 = c30;
        const int8_t *bp = (const int8_t *)(const void *)(B + (size_t)p0 * 4);
        const int8_t *w = W;
        for (k = 0; k < nkq; k++, w += 16) {
            const int8_t *b = bp + koff[k];
            const int8x16_t b0 = vld1q_s8(b), b1 = vld1q_s8(b + 16), b2 = vld1q_s8(b + 32), b3 = vld1q_s8(b + 48);
            const int8x16_t ww = vld1q_s8(w);
            c00 = vdotq_laneq_s32(c00, b0, ww, 0); c01 = vdotq_laneq_s32(c01, b1, ww, 0);
            c02 = vdotq_laneq_s32(c02, b2, ww, 0); c03 = vdotq_laneq_s32(c03, b3, ww, 0);
            c10 = vdotq_laneq_s32(c10, b0, ww, 1); c11 = vdotq_laneq_s32(c11, b1, ww, 1);
            c12 = vdotq_laneq_s32(c12, b2, ww, 1); c13 = vdotq_laneq_s32(c13, b3, ww, 1);
            c20 = vdotq_laneq_s32(c20, b0, ww, 2); c21 = vdotq_laneq_s32(c21, b1, ww, 2);
            c22 = vdotq_laneq_s32(c22, b2, ww, 2); c23 = vdotq_laneq_s32(c23, b3, ww, 2);
            c30 = vdotq_laneq_s32(c30, b0, ww, 3); c31 = vdotq_laneq_s32(c31, b1, ww, 3);
            c32 = vdotq_laneq_s32(c32, b2, ww, 3); c33 = vdotq_laneq_s32(c33, b3, ww, 3);
        }
        vst1q_s32(acc + p0, c00); vst1q_s32(acc + p0 + 4, c01); vst1q_s32(acc + p0 + 8, c02); vst1q_s32(acc + p0 + 12, c03);
        acc += pitch;
        vst1q_s32(acc + p0, c10); vst1q_s32(acc + p0 + 4, c11); vst1q_s32(acc + p0 + 8, c12); vst1q_s32(acc + p0 + 12, c13);
        acc += pitch;
        vst1q_s32(acc + p0, c20); vst1q_s32(acc + p0 + 4, c21); vst1q_s32(acc + p0 + 8, c22); vst1q_s32(acc + p0 + 12, c23);
        acc += pitch;
        vst1q_s32(acc + p0, c30); vst1q_s32(acc + p0 + 4, c31); vst1q_s32(acc + p0 + 8, c32); vst1q_s32(acc + p0 + 12, c33);
        acc -= 3 * (size_t)pitch;
    }
}
#else
/* Plain C: a 4 x 16 tile in local arrays, inner loops of 16 lanes that
 * gcc and clang vectorize. */
QG_UNUSED static void qg_gemm4(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                               const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np)
{
    int32_t p0, k, i, r;
    for (p0 = 0; p0 < np; p0 += 16) {
        int32_t a0[16], a1[16], a2[16], a3[16];
        const uint8_t *bp = B + (size_t)p0 * 4;
        const int8_t *w = W;
        for (i = 0; i < 16; i++) {
            a0[i] = corr[0];
            a1[i] = corr[1];
            a2[i] = corr[2];
            a3[i] = corr[3];
        }
        for (k = 0; k < nkq; k++, w += 16) {
            const uint8_t *b = bp + koff[k];
            const int32_t w00 = w[0], w01 = w[1], w02 = w[2], w03 = w[3];
            const int32_t w10 = w[4], w11 = w[5], w12 = w[6], w13 = w[7];
            const int32_t w20 = w[8], w21 = w[9], w22 = w[10], w23 = w[11];
            const int32_t w30 = w[12], w31 = w[13], w32 = w[14], w33 = w[15];
            for (i = 0; i < 16; i++) {
                const int32_t x0 = b[4 * i], x1 = b[4 * i + 1], x2 = b[4 * i + 2], x3 = b[4 * i + 3];
                a0[i] += x0 * w00 + x1 * w01 + x2 * w02 + x3 * w03;
                a1[i] += x0 * w10 + x1 * w11 + x2 * w12 + x3 * w13;
                a2[i] += x0 * w20 + x1 * w21 + x2 * w22 + x3 * w23;
                a3[i] += x0 * w30 + x1 * w31 + x2 * w32 + x3 * w33;
            }
        }
        for (r = 0; r < 4; r++) {
            const int32_t *a = r == 0 ? a0 : r == 1 ? a1 : r == 2 ? a2 : a3;
            for (i = 0; i < 16; i++)
                acc[r * pitch + p0 + i] = a[i];
        }
    }
}
#endif

/* Weights of all groups into 4-row tiles (16-row ones for qg_conv_tr, the
 * reason for `pool`), and the folded biases, into `packed`
 * (qg_conv2d_packed(s) bytes, 16-byte aligned); nothing for the per-plane
 * kernel. */
QG_UNUSED static void qg_conv2d_pack(const qg_conv_shape *s0, const qg_qparams *q, const qg_pool_shape *pool,
                                     void *packed)
{
    const qg_conv_shape gs = qg_conv_gshape(s0), *s = &gs;   /* groups merged: qg_conv_merge */
    const int32_t og0 = s0->o / s0->groups, cg0 = s0->c / s0->groups, taps = s->kh * s->kw;
    const int32_t og = s->o / s->groups, ogp = (og + 3) / 4 * 4;
    const int32_t cg = s->c / s->groups, k = cg * s->kh * s->kw, kq = (k + 3) / 4;
    const int cq = qg_conv_cq(s);
    int8_t *W = (int8_t *)packed;
    int32_t *corr = (int32_t *)(void *)((unsigned char *)packed + qg_align64((size_t)s->groups * (size_t)ogp * (size_t)kq * 4));
    const int32_t R = qg_conv_tr(s, q, pool) ? 16 : 4;   /* rows of a tile */
    int32_t g, o, kk;
    if (!qg_conv_is_gemm(s))
        return;
    for (g = 0; g < s->groups; g++)
        for (o = 0; o < ogp; o++) {
            int8_t *t = W + ((size_t)g * (size_t)ogp + (size_t)(o - o % R)) * (size_t)kq * 4 + (o % R) * 4;
            int32_t sum = 0;
            if (o < og) {
                /* output channel oc of the original group go; its weights are
                 * [cg0][kh][kw], the input channels of go */
                const int32_t oc = g * og + o, go = oc / og0;
                const int8_t *src = q->w + (size_t)oc * (size_t)(cg0 * taps);
                for (kk = 0; kk < 4 * kq; kk++) {
                    /* channel quads: kk = (ky kw + kx) cg + ci; else kk = ci taps + tap */
                    const int32_t ci = cq ? kk % cg : kk / taps, tap = cq ? kk / cg : kk % taps;
                    const int32_t cin = g * cg + ci - go * cg0;   /* within go, if it is go's */
                    const int8_t v = kk >= k || cin < 0 || cin >= cg0 ? 0 : src[cin * taps + tap];
                    t[(kk >> 2) * 4 * R + (kk & 3)] = v;
                    sum += v;
                }
                corr[g * ogp + o] = qg_rd_i32(q->bias, (size_t)(g * og + o)) - (q->zp_in - QG_XOFF) * sum;
            } else {
                for (kk = 0; kk < 4 * kq; kk++)
                    t[(kk >> 2) * 4 * R + (kk & 3)] = 0;
                corr[g * ogp + o] = 0;
            }
        }
}

/* 2x2 / stride 2 max (mn: min) of `rows` (even) rows of int32 of width w
 * into rows/2 rows of width ow2; he > 0: rows stored even columns first,
 * the odd ones from he (qg_im2col). */
QG_UNUSED static void qg_pool22_acc(const int32_t *restrict a, int32_t rows, int32_t w, int32_t ow2, int mn,
                                    int32_t he, int32_t *restrict d)
{
    int32_t y, x;
    for (y = 0; y + 1 < rows; y += 2, d += ow2) {
        const int32_t *r0 = a + (size_t)y * (size_t)w, *r1 = r0 + w;
        x = 0;
        if (he) {
            const int32_t *o0 = r0 + he, *o1 = r1 + he;
#if defined(QG_PATH_AVX2)
            for (; x + 8 <= ow2; x += 8) {   /* 8 pooled values a step */
                const __m256i a0 = _mm256_loadu_si256((const __m256i *)(const void *)(r0 + x));
                const __m256i b0 = _mm256_loadu_si256((const __m256i *)(const void *)(o0 + x));
                const __m256i a1 = _mm256_loadu_si256((const __m256i *)(const void *)(r1 + x));
                const __m256i b1 = _mm256_loadu_si256((const __m256i *)(const void *)(o1 + x));
                _mm256_storeu_si256((__m256i *)(void *)(d + x),
                                    mn ? _mm256_min_epi32(_mm256_min_epi32(a0, b0), _mm256_min_epi32(a1, b1))
                                       : _mm256_max_epi32(_mm256_max_epi32(a0, b0), _mm256_max_epi32(a1, b1)));
            }
#endif
            for (; x < ow2; x++) {
                const int32_t u = mn ? (r0[x] < o0[x] ? r0[x] : o0[x]) : (r0[x] > o0[x] ? r0[x] : o0[x]);
                const int32_t v = mn ? (r1[x] < o1[x] ? r1[x] : o1[x]) : (r1[x] > o1[x] ? r1[x] : o1[x]);
                d[x] = mn ? (u < v ? u : v) : (u > v ? u : v);
            }
            continue;
        }
#if defined(QG_PATH_AVX2)
        for (; x + 8 <= ow2; x += 8) {   /* pairs side by side: the even and the odd of 16 values */
            const __m256 l0 = _mm256_loadu_ps((const float *)(const void *)(r0 + 2 * x));
            const __m256 h0 = _mm256_loadu_ps((const float *)(const void *)(r0 + 2 * x + 8));
            const __m256 l1 = _mm256_loadu_ps((const float *)(const void *)(r1 + 2 * x));
            const __m256 h1 = _mm256_loadu_ps((const float *)(const void *)(r1 + 2 * x + 8));
            const __m256i e0 = _mm256_castps_si256(_mm256_shuffle_ps(l0, h0, 0x88));
            const __m256i q0 = _mm256_castps_si256(_mm256_shuffle_ps(l0, h0, 0xdd));
            const __m256i e1 = _mm256_castps_si256(_mm256_shuffle_ps(l1, h1, 0x88));
            const __m256i q1 = _mm256_castps_si256(_mm256_shuffle_ps(l1, h1, 0xdd));
            const __m256i v = mn ? _mm256_min_epi32(_mm256_min_epi32(e0, q0), _mm256_min_epi32(e1, q1))
                                 : _mm256_max_epi32(_mm256_max_epi32(e0, q0), _mm256_max_epi32(e1, q1));
            /* the shuffles' lanes hold pairs 0 1 4 5 | 2 3 6 7 */
            _mm256_storeu_si256((__m256i *)(void *)(d + x), _mm256_permute4x64_epi64(v, 0xd8));
        }
#endif
        if (!mn) {
            for (; x < ow2; x++) {
                const int32_t u = r0[2 * x] > r0[2 * x + 1] ? r0[2 * x] : r0[2 * x + 1];
                const int32_t v = r1[2 * x] > r1[2 * x + 1] ? r1[2 * x] : r1[2 * x + 1];
                d[x] = u > v ? u : v;
            }
        } else {
            for (; x < ow2; x++) {
                const int32_t u = r0[2 * x] < r0[2 * x + 1] ? r0[2 * x] : r0[2 * x + 1];
                const int32_t v = r1[2 * x] < r1[2 * x + 1] ? r1[2 * x] : r1[2 * x + 1];
                d[x] = u < v ? u : v;
            }
        }
    }
}

#if defined(QG_PATH_VNNI)
/* qg_pool22_acc and qg_requant in one pass, 16 pooled values a step in
 * registers: the 2x2 max (min) of the accumulators, requantized
 * (qg_rq_x16) and stored as codes.  The loads are masked to the values
 * the pool reads. */
QG_UNUSED static void qg_pool22_rq(const int32_t *a, int32_t rows, int32_t w, int32_t ow2, int mn, int32_t he,
                                   const qg_rq_k *rk, uint8_t *d)
{
    const __m512i ev = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
    const __m512i od = _mm512_add_epi32(ev, _mm512_set1_epi32(1));
    int32_t y, x, j;
    for (y = 0; y + 1 < rows; y += 2, d += ow2) {
        for (x = 0; x < ow2; x += 16) {
            const int32_t n = ow2 - x < 16 ? ow2 - x : 16;
            const __mmask16 mk = qg_mask16(n);
            __m512i t[2];
            for (j = 0; j < 2; j++) {
                const int32_t *r = a + (size_t)(y + j) * (size_t)w;
                __m512i u, v;
                if (he) {   /* even columns first, the odd ones from he */
                    u = _mm512_maskz_loadu_epi32(mk, r + x);
                    v = _mm512_maskz_loadu_epi32(mk, r + he + x);
                } else {    /* pairs side by side: split 2n values into even and odd */
                    const __mmask16 m0 = qg_mask16(2 * n), m1 = qg_mask16(2 * n - 16);
                    const __m512i lo = _mm512_maskz_loadu_epi32(m0, r + 2 * x);
                    const __m512i hi = _mm512_maskz_loadu_epi32(m1, r + 2 * x + 16);
                    u = _mm512_permutex2var_epi32(lo, ev, hi);
                    v = _mm512_permutex2var_epi32(lo, od, hi);
                }
                t[j] = mn ? _mm512_min_epi32(u, v) : _mm512_max_epi32(u, v);
            }
            _mm512_mask_cvtepi32_storeu_epi8(d + x, mk,
                                             qg_rq_x16(mn ? _mm512_min_epi32(t[0], t[1]) : _mm512_max_epi32(t[0], t[1]), rk));
        }
    }
}
#endif

QG_UNUSED static void qg_conv2d_gemm(const qg_conv_shape *s, const qg_qparams *q, const qg_pool_shape *pool,
                                     const void *packed, const uint8_t *in, uint8_t *out, void *work)
{
    const int32_t cg = s->c / s->groups, og = s->o / s->groups, ogp = (og + 3) / 4 * 4;
    const int32_t kq = (cg * s->kh * s->kw + 3) / 4;
    const int cq = qg_conv_cq(s), direct = qg_conv_direct(s), tr = qg_conv_tr(s, q, pool);
    const int32_t pw = qg_gemm_pitch(s);   /* accumulator pixels per output row */
    const int fuse = QG_FUSE_RQ && !pool && (pw == s->ow || QG_FUSE_WIDE);
    const int32_t rows = qg_gemm_rows(s, pool), ppad = (rows * pw + 15) / 16 * 16;
    const int pool22 = qg_pool_is22(s, pool);
    const int32_t ohe = pool22 ? 2 * pool->oh : s->oh;
    const size_t ohw = (size_t)s->oh * (size_t)s->ow;
    const int8_t *W = (const int8_t *)packed;
    const int32_t *corr = (const int32_t *)(const void *)((const unsigned char *)packed
                                                         + qg_align64((size_t)s->groups * (size_t)ogp * (size_t)kq * 4));
    int32_t *koff = (int32_t *)work;
    int32_t *acc = (int32_t *)(void *)((unsigned char *)work + qg_align64((size_t)kq * 4));
    uint8_t *B = (uint8_t *)(acc + 4 * ppad);
    uint8_t *X4 = B + (direct ? 0 : qg_align64((size_t)kq * 4 * (size_t)ppad));
    uint8_t *band = X4 + (cq ? qg_conv_x4(s) : 0);
    int32_t *pooled = (int32_t *)(void *)band;   /* fused 2x2 pool: one channel's pooled band */
    uint8_t *wide = band + (pool ? (pool22 ? qg_align64((size_t)ppad) : qg_align64((size_t)s->o * ohw)) : 0);
    int32_t g, y0, o, r, k, y;
    (void)tr, (void)fuse;
    if (direct) {
        const int32_t hp = qg_conv_hp(s), c4n = cg / 4;
        int32_t ky, kx, c4;
        k = 0;
        for (ky = 0; ky < s->kh; ky++)
            for (kx = 0; kx < s->kw; kx++)
                for (c4 = 0; c4 < c4n; c4++)
                    koff[k++] = ((c4 * hp + ky * s->dh) * pw + kx * s->dw) * 4;
    } else {
        for (k = 0; k < kq; k++)
            koff[k] = k * ppad * 4;
        qg_im2col_tails(s, ppad, B);
    }
    for (g = 0; g < s->groups; g++) {
        const uint8_t *gin = in + (size_t)g * (size_t)cg * (size_t)s->h * (size_t)s->w;
        if (cq)
            qg_quads(s, gin, q->zp_in, X4);
        for (y0 = 0; y0 < ohe; y0 += rows) {
            const int32_t nr = ohe - y0 < rows ? ohe - y0 : rows, np = nr * pw;
            const uint8_t *Bb = B;
            if (direct)
                Bb = X4 + (size_t)y0 * (size_t)pw * 4;
            else if (cq)
                qg_im2col_cq(s, X4, y0, nr, ppad, B);
            else
                qg_im2col(s, gin, y0, nr, ppad, q->zp_in, pool22 ? (s->ow + 1) / 2 : 0, B);
#if defined(QG_PATH_VNNI)
            if (tr) {   /* output channels in lanes, 32 x 7 tiles */
                for (o = 0; o < og; o += 32) {
                    const qg_rq_lanes r0 = qg_rq_lanes_of(q, o), r1 = o + 16 < og ? qg_rq_lanes_of(q, o + 16) : r0;
                    const int8_t *W0 = W + (size_t)o * (size_t)kq * 4;
                    int32_t j0, j;
                    for (j0 = 0; j0 < nr * s->ow; j0 += QG_T_PX) {
                        int32_t poff[QG_T_PX], pix[QG_T_PX];
                        const int32_t n = nr * s->ow - j0 < QG_T_PX ? nr * s->ow - j0 : QG_T_PX;
                        for (j = 0; j < QG_T_PX; j++) {
                            const int32_t p = j0 + (j < n ? j : n - 1), py = p / s->ow, px = p % s->ow;
                            poff[j] = (py * pw + px) * 4;
                            pix[j] = (y0 + py) * s->ow + px;
                        }
                        qg_gemm_t(Bb, koff, poff, n, W0, o + 16 < og ? W0 + (size_t)16 * (size_t)kq * 4 : NULL, kq,
                                  corr + o, &r0, &r1, out + (size_t)o * ohw, ohw, pix);
                    }
                }
                continue;
            }
#endif
            for (o = 0; o < og; o += 4) {
                const int8_t *Wo = W + ((size_t)g * (size_t)ogp + (size_t)o) * (size_t)kq * 4;
#if QG_FUSE_RQ
                qg_gemm_rq g4;   /* fuse: requantized in registers, the codes stored */
                if (fuse) {
                    const int32_t oc = g * og + o;
                    g4.ohw = ohw, g4.pw = pw, g4.ow = s->ow, g4.np = np;
                    g4.rows = og - o < 4 ? og - o : 4;
                    for (r = 0; r < g4.rows; r++)
                        g4.k[r] = qg_rq_consts(qg_rd_i32(q->mult, (size_t)(oc + r)), qg_rd_i32(q->shift, (size_t)(oc + r)),
                                               q->zp_out, q->act_min, q->act_max);
                    g4.out = out + (size_t)oc * ohw + (size_t)y0 * (size_t)s->ow;
                }
                qg_gemm4_rq(Bb, koff, Wo, kq, corr + g * ogp + o, acc, ppad, (np + 15) & ~(int32_t)15, fuse ? &g4 : NULL);
                if (fuse)
                    continue;
#else
                qg_gemm4(Bb, koff, Wo, kq, corr + g * ogp + o, acc, ppad, (np + 15) & ~(int32_t)15);
#endif
                for (r = 0; r < 4 && o + r < og; r++) {
                    const int32_t oc = g * og + o + r;
                    const int32_t m = qg_rd_i32(q->mult, (size_t)oc), sft = qg_rd_i32(q->shift, (size_t)oc);
                    const int32_t *a = acc + r * ppad;
                    if (pool22) {
                        /* pool the accumulators (max, or min when m < 0), then requantize
                         * only the pooled values: monotone, see qg_requant */
                        uint8_t *dst = out + ((size_t)oc * (size_t)pool->oh + (size_t)(y0 / 2)) * (size_t)pool->ow;
#if defined(QG_PATH_VNNI)
                        const qg_rq_k rk = qg_rq_consts(m, sft, q->zp_out, q->act_min, q->act_max);
                        (void)pooled;
                        qg_pool22_rq(a, nr, pw, pool->ow, m < 0, cq ? 0 : (s->ow + 1) / 2, &rk, dst);
#else
                        qg_pool22_acc(a, nr, pw, pool->ow, m < 0, cq ? 0 : (s->ow + 1) / 2, pooled);
                        qg_requant(pooled, dst, nr / 2 * pool->ow, m, sft, q->zp_out, q->act_min, q->act_max);
#endif
                    } else {
                        uint8_t *dst = pool ? band + (size_t)oc * ohw + (size_t)y0 * (size_t)s->ow
                                            : out + (size_t)oc * ohw + (size_t)y0 * (size_t)s->ow;
                        if (pw == s->ow) {
                            qg_requant(a, dst, nr * s->ow, m, sft, q->zp_out, q->act_min, q->act_max);
                        } else {
                            /* the wide grid in one run, then its rows without the columns ow.. */
                            qg_requant(a, wide, (nr - 1) * pw + s->ow, m, sft, q->zp_out, q->act_min, q->act_max);
                            for (y = 0; y < nr; y++)
                                memcpy(dst + (size_t)y * (size_t)s->ow, wide + (size_t)y * (size_t)pw, (size_t)s->ow);
                        }
                    }
                }
            }
        }
    }
    if (pool && !pool22)     /* the plane's codes are all in `band`; acc (>= ow bytes) is free now */
        qg_maxpool2d(pool, band, out, acc);
}

