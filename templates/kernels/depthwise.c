/* ------------------------------------- depthwise conv on AVX-512 VNNI
 * A depthwise conv (one input and one output channel per group, no fused
 * pool) on AVX-512 VNNI with VBMI, channel by channel and, in a channel,
 * column strip by column strip: 16 output pixels x .. x+15 of each row:
 *   - per kernel row and 4 taps 4d .. 4d+3, one vpdpbusd: vpermb gathers
 *     from one 64-byte window of the input row iy = y sh + ky dh - ph,
 *     starting at column x sw + 4d dw - pw, the 4 bytes of each pixel's 4
 *     taps (byte 4j + k is j sw + k dw: 15 sw + 3 dw <= 63 keeps them
 *     inside the window), against those taps' weights (zero past kw);
 *   - the window is a masked load: its columns outside 0 .. w-1 (the
 *     padding) are the code zp_in and are not read, and a row outside the
 *     input is zp_in throughout, so nothing is copied; the masks depend on
 *     the strip only (computed once per strip), the address is made as an
 *     integer since the window may start before the row;
 *   - the zero point is folded into the bias, acc = bias - zp_in sum(w) +
 *     sum(q w), as in the GEMM (so every partial sum is bounded as there);
 *   - the 16 accumulators are requantized in registers (qg_rq_x16) and
 *     stored straight into the output row.
 * No scratch is used (the caller's is the per-plane kernel's). */
#if defined(QG_PATH_VNNI) && defined(__AVX512VBMI__)
#define QG_DW_VNNI 1
#define QG_DW_QUADS 64   /* kh * ceil(kw / 4) at most */
#define QG_DW_NQ 16      /* ceil(kw / 4) at most */
QG_UNUSED static int qg_conv_dw_vnni(const qg_conv_shape *s, const qg_pool_shape *pool)
{
    return !pool && s->groups == s->c && s->o == s->c && 15 * s->sw + 3 * s->dw <= 63
        && s->kh * ((s->kw + 3) / 4) <= QG_DW_QUADS && (s->kw + 3) / 4 <= QG_DW_NQ;
}

QG_UNUSED static void qg_conv2d_dw(const qg_conv_shape *s, const qg_qparams *q, const uint8_t *in, uint8_t *out,
                                   void *scratch)
{
    const int32_t nq = (s->kw + 3) / 4;
    const __m512i perm = qg_perm_ab(s->sw, s->dw);   /* byte 4 j + k: j sw + k dw */
    const __m512i vp = _mm512_set1_epi8((char)q->zp_in);
    int32_t wq[QG_DW_QUADS];
    int32_t c, y, x, ky, d, k;
    (void)scratch;
    for (c = 0; c < s->c; c++) {
        const uint8_t *plane = in + (size_t)c * (size_t)s->h * (size_t)s->w;
        const int8_t *wc = q->w + (size_t)c * (size_t)s->kh * (size_t)s->kw;
        uint8_t *oc = out + (size_t)c * (size_t)s->oh * (size_t)s->ow;
        int32_t sum = 0, corr;
        qg_rq_k rk;
        for (ky = 0; ky < s->kh; ky++)
            for (d = 0; d < nq; d++) {
                int8_t b[4];
                for (k = 0; k < 4; k++) {
                    const int32_t kx = 4 * d + k;
                    b[k] = kx < s->kw ? wc[ky * s->kw + kx] : 0;
                    sum += b[k];
                }
                memcpy(&wq[ky * nq + d], b, 4);
            }
        corr = qg_rd_i32(q->bias, (size_t)c) - q->zp_in * sum;
        rk = qg_rq_consts(qg_rd_i32(q->mult, (size_t)c), qg_rd_i32(q->shift, (size_t)c), q->zp_out, q->act_min,
                          q->act_max);
        for (x = 0; x < s->ow; x += 16) {
            const __mmask16 m = qg_mask16(s->ow - x);
            __mmask64 mk[QG_DW_NQ];
            uintptr_t at[QG_DW_NQ];   /* the windows' addresses in row 0 */
            for (d = 0; d < nq; d++) {
                const int32_t x0 = x * s->sw + 4 * d * s->dw - s->pw;   /* the window's first column */
                mk[d] = qg_mask64(s->w - x0) & ~qg_mask64(-x0);
                at[d] = (uintptr_t)plane + (uintptr_t)(ptrdiff_t)x0;
            }
            for (y = 0; y < s->oh; y++) {
                __m512i acc = _mm512_set1_epi32(corr);
                for (ky = 0; ky < s->kh; ky++) {
                    const int32_t iy = y * s->sh + ky * s->dh - s->ph;
                    const uintptr_t row = (uintptr_t)((size_t)iy * (size_t)s->w);
                    if (iy < 0 || iy >= s->h) {
                        for (d = 0; d < nq; d++)
                            acc = _mm512_dpbusd_epi32(acc, vp, _mm512_set1_epi32(wq[ky * nq + d]));
                        continue;
                    }
                    for (d = 0; d < nq; d++) {
                        const __m512i v = _mm512_mask_loadu_epi8(vp, mk[d], (const void *)(at[d] + row));
                        acc = _mm512_dpbusd_epi32(acc, _mm512_permutexvar_epi8(perm, v), _mm512_set1_epi32(wq[ky * nq + d]));
                    }
                }
                _mm512_mask_cvtepi32_storeu_epi8(oc + (size_t)y * (size_t)s->ow + x, m, qg_rq_x16(acc, &rk));
            }
        }
    }
}
#endif

/* ------------------------------------------------- depthwise conv on AVX2
 * A depthwise conv of stride 2 (one input and one output channel per
 * group, no fused pool) on AVX2, where the per-plane kernel's phase split
 * of the input (a gather of every other code) costs more than the taps:
 * channel by channel, 16 output pixels of a row at a time, straight from
 * the codes:
 *   - the input rows an output row reads are copied into padded rows of
 *     the scratch (P[j] = in[j - pw], the code zp_in outside the input, and
 *     a row outside the input zp_in throughout), kept in a ring of
 *     (kh - 1) dh + 1 slots so that each row is copied once per channel;
 *   - per kernel row and pair of taps kx, kx+1: each tap's codes of the 16
 *     pixels are the even bytes of 32 (vpshufb and vpermq; with dw = 1 the
 *     next tap's are the odd ones of the same load), the two interleaved
 *     into pairs, widened to int16 and multiplied by the pair of weights
 *     with vpmaddwd (|2 * 255 * 128| fits in int32); an odd last tap is
 *     paired with a zero weight;
 *   - the zero point is folded into the bias, acc = bias - zp_in sum(w) +
 *     sum(q w), as in the GEMM, and the accumulators are requantized in
 *     registers (qg_rq_x8) and stored as codes.
 * At stride 1 the per-plane kernel is the faster (its taps run over the
 * whole plane as one row, with no edge blocks).  This kernel needs no
 * more scratch than the per-plane one (qg_conv_dw_avx2 checks). */
#if defined(QG_PATH_AVX2)
#define QG_DW_AVX2 1
#define QG_DW_K 16      /* kh and kw at most */
#define QG_DW_RING 64   /* (kh - 1) dh + 1 at most: the ring's slots */
QG_UNUSED static size_t qg_dw_pitch(const qg_conv_shape *s)
{
    return qg_align64((size_t)qg_conv_wp(s) + 64);
}

QG_UNUSED static int qg_conv_dw_avx2(const qg_conv_shape *s, const qg_pool_shape *pool)
{
    return !pool && s->groups == s->c && s->o == s->c && s->sw == 2 && s->kh <= QG_DW_K && s->kw <= QG_DW_K
        && (s->kh - 1) * s->dh + 1 <= QG_DW_RING
        && ((size_t)(s->kh - 1) * (size_t)s->dh + 1) * qg_dw_pitch(s) <= qg_conv2d_planes_scratch(s, NULL);
}

/* 16 codes of a row at steps of 2 from p (32 bytes read), in the low half;
 * the odd ones (p + 1 on) in the high half */
QG_UNUSED static QG_INLINE __m256i qg_dw_even(const uint8_t *p)
{
    const __m256i sh = _mm256_setr_epi8(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15,
                                        0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
    const __m256i v = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)(const void *)p), sh);
    return _mm256_permute4x64_epi64(v, 0xd8);
}

QG_UNUSED static void qg_conv2d_dw(const qg_conv_shape *s, const qg_qparams *q, const uint8_t *in, uint8_t *out,
                                   void *scratch)
{
    const int32_t ns = (s->kh - 1) * s->dh + 1, np = (s->kw + 1) / 2;
    const size_t pitch = qg_dw_pitch(s);
    uint8_t *ring = (uint8_t *)scratch;
    int32_t tag[QG_DW_RING];   /* the input row in each slot */
    int32_t wp[QG_DW_K][(QG_DW_K + 1) / 2];
    int32_t c, y, x, ky, k, i, base;
    for (c = 0; c < s->c; c++) {
        const uint8_t *plane = in + (size_t)c * (size_t)s->h * (size_t)s->w;
        const int8_t *wc = q->w + (size_t)c * (size_t)s->kh * (size_t)s->kw;
        uint8_t *oc = out + (size_t)c * (size_t)s->oh * (size_t)s->ow;
        int32_t sum = 0;
        qg_rq_k rk;
        __m256i corr;
        for (ky = 0; ky < s->kh; ky++)
            for (k = 0; k < np; k++) {
                const int32_t w0 = wc[ky * s->kw + 2 * k], w1 = 2 * k + 1 < s->kw ? wc[ky * s->kw + 2 * k + 1] : 0;
                wp[ky][k] = (int32_t)((uint32_t)(uint16_t)w0 | ((uint32_t)(uint16_t)w1 << 16));
                sum += w0 + w1;
            }
        corr = _mm256_set1_epi32(qg_rd_i32(q->bias, (size_t)c) - q->zp_in * sum);
        rk = qg_rq_consts(qg_rd_i32(q->mult, (size_t)c), qg_rd_i32(q->shift, (size_t)c), q->zp_out, q->act_min,
                          q->act_max);
        for (i = 0; i < ns; i++)
            tag[i] = INT32_MIN;
        for (y = 0, base = 0; y < s->oh; y++) {
            const uint8_t *rows[QG_DW_K];
            uint8_t *orow = oc + (size_t)y * (size_t)s->ow;
            for (ky = 0; ky < s->kh; ky++) {
                /* row iy's slot, (iy + ph) mod ns, kept without a division:
                 * base = y sh mod ns and ky dh < ns */
                const int32_t iy = y * s->sh + ky * s->dh - s->ph;
                const int32_t slot = base + ky * s->dh < ns ? base + ky * s->dh : base + ky * s->dh - ns;
                uint8_t *r = ring + (size_t)slot * pitch;
                if (tag[slot] != iy) {   /* the padded row iy into its slot */
                    tag[slot] = iy;
                    memset(r, q->zp_in, pitch);
                    if (iy >= 0 && iy < s->h)
                        memcpy(r + s->pw, plane + (size_t)iy * (size_t)s->w, (size_t)s->w);
                }
                rows[ky] = r;
            }
            for (base += s->sh; base >= ns;)
                base -= ns;
            for (x = 0; x < s->ow; x += 16) {
                __m256i a0 = corr, a1 = corr;
                uint8_t o[16];
                for (ky = 0; ky < s->kh; ky++)
                    for (k = 0; k < np; k++) {
                        const int32_t kx = 2 * k, kx1 = kx + 1 < s->kw ? kx + 1 : kx;
                        const __m256i wv = _mm256_set1_epi32(wp[ky][k]);
                        const __m256i e = qg_dw_even(rows[ky] + 2 * x + kx * s->dw);
                        const __m128i va = _mm256_castsi256_si128(e);
                        const __m128i vb = s->dw == 1 ? _mm256_extracti128_si256(e, 1)
                                                      : _mm256_castsi256_si128(qg_dw_even(rows[ky] + 2 * x + kx1 * s->dw));
                        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_cvtepu8_epi16(_mm_unpacklo_epi8(va, vb)), wv));
                        a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_cvtepu8_epi16(_mm_unpackhi_epi8(va, vb)), wv));
                    }
                if (s->ow - x >= 16) {
                    qg_store8_u8(orow + x, qg_rq_x8(a0, &rk));
                    qg_store8_u8(orow + x + 8, qg_rq_x8(a1, &rk));
                } else {
                    qg_store8_u8(o, qg_rq_x8(a0, &rk));
                    if (s->ow - x > 8)
                        qg_store8_u8(o + 8, qg_rq_x8(a1, &rk));
                    memcpy(orow + x, o, (size_t)(s->ow - x));
                }
            }
        }
    }
}
#endif

/* Fast convolution, optionally fused with the max_pool2d that consumes its
 * output (pool != NULL; pool->c, h, w must be s->o, oh, ow): the result
 * equals qg_conv2d_ref (then qg_maxpool2d_ref) bit for bit.  packed: what
 * qg_conv2d_pack(s, q, pool, packed) wrote; work: qg_conv2d_work(s, pool) bytes,
 * both 16-byte aligned. */
QG_UNUSED static void qg_conv2d_run(const qg_conv_shape *s, const qg_qparams *q, const qg_pool_shape *pool,
                                    const void *packed, const uint8_t *in, uint8_t *out, void *work)
{
    if (packed && qg_conv_is_gemm(s)) {   /* a conv the plane kernel takes has no packed weights (NULL) */
        const qg_conv_shape g = qg_conv_gshape(s);
        qg_conv2d_gemm(&g, q, pool, packed, in, out, work);
    }
#if defined(QG_DW_VNNI)
    else if (qg_conv_dw_vnni(s, pool))
        qg_conv2d_dw(s, q, in, out, work);
#endif
#if defined(QG_DW_AVX2)
    else if (qg_conv_dw_avx2(s, pool))
        qg_conv2d_dw(s, q, in, out, work);
#endif
    else
        qg_conv2d_planes(s, q, pool, in, out, work);
}

/* The same in one call, packing the weights into scratch first (tests and
 * one-off use): scratch is qg_conv2d_scratch(s, pool) bytes. */
QG_UNUSED static void qg_conv2d(const qg_conv_shape *s, const qg_qparams *q, const qg_pool_shape *pool,
                                const uint8_t *in, uint8_t *out, void *scratch)
{
    const size_t np = qg_conv2d_packed(s);
    qg_conv2d_pack(s, q, pool, scratch);
    qg_conv2d_run(s, q, pool, scratch, in, out, (unsigned char *)scratch + np);
}

