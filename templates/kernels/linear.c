/* =============================================================== linear */

/* Reference linear layer: out[o] = clamp(MBQM(b[o] + sum (in - zp_in) w[o][i]) + zp_out). */
QG_UNUSED static void qg_linear_ref(const qg_qparams *q, const uint8_t *in, uint8_t *out,
                                    int32_t nin, int32_t nout)
{
    int32_t o, i;
    for (o = 0; o < nout; o++) {
        int32_t acc = qg_rd_i32(q->bias, (size_t)o);
        for (i = 0; i < nin; i++)
            acc += ((int32_t)in[i] - q->zp_in) * q->w[(size_t)o * (size_t)nin + (size_t)i];
        out[o] = qg_code(acc, qg_rd_i32(q->mult, (size_t)o), qg_rd_i32(q->shift, (size_t)o), q->zp_out, q->act_min,
                         q->act_max);
    }
}

/* Bytes of scratch qg_linear needs: int16 (in - zp_in) [nin], int32 acc [nout]. */
QG_UNUSED static size_t qg_linear_scratch(int32_t nin, int32_t nout)
{
    return qg_align64((size_t)nin * 2) + qg_align64((size_t)nout * 4);
}

/* Fast linear layer (dot products over int16), same result as qg_linear_ref. */
QG_UNUSED static void qg_linear(const qg_qparams *q, const uint8_t *in, uint8_t *out,
                                int32_t nin, int32_t nout, void *scratch)
{
    int16_t *x = (int16_t *)scratch;
    int32_t *acc = (int32_t *)((unsigned char *)scratch + qg_align64((size_t)nin * 2));
    int32_t o, i;
#if defined(QG_PATH_VNNI)
    /* 64 inputs a step: vpdpbusd of the raw codes by the weights, and of
     * ones by the weights for sum(w); acc = bias + sum(q w) - zp_in sum(w),
     * the sum (q - zp_in) w in wrapping int32 arithmetic, so equal to it
     * wherever that sum is (qg_linear_ref's). */
    (void)x;
    for (o = 0; o < nout; o++) {
        const int8_t *w = q->w + (size_t)o * (size_t)nin;
        const __m512i ones = _mm512_set1_epi8(1);
        __m512i sq = _mm512_setzero_si512(), sw = _mm512_setzero_si512();
        for (i = 0; i < nin; i += 64) {
            const __mmask64 mk = qg_mask64(nin - i);
            const __m512i vw = _mm512_maskz_loadu_epi8(mk, (const void *)(w + i));
            sq = _mm512_dpbusd_epi32(sq, _mm512_maskz_loadu_epi8(mk, (const void *)(in + i)), vw);
            sw = _mm512_dpbusd_epi32(sw, ones, vw);
        }
        sq = _mm512_sub_epi32(sq, _mm512_mullo_epi32(sw, _mm512_set1_epi32(q->zp_in)));
        acc[o] = qg_u32_to_i32((uint32_t)_mm512_reduce_add_epi32(sq) + qg_rd_u32(q->bias + 4 * (size_t)o));
    }
#else
    for (i = 0; i < nin; i++)
        x[i] = (int16_t)((int32_t)in[i] - q->zp_in);
    for (o = 0; o < nout; o++) {
        const int8_t *w = q->w + (size_t)o * (size_t)nin;
        int32_t sum = 0;
        for (i = 0; i < nin; i++)
            sum += (int32_t)x[i] * (int32_t)w[i];
        acc[o] = sum + qg_rd_i32(q->bias, (size_t)o);
    }
#endif
    for (o = 0; o < nout; o++)
        out[o] = qg_code(acc[o], qg_rd_i32(q->mult, (size_t)o), qg_rd_i32(q->shift, (size_t)o), q->zp_out, q->act_min,
                         q->act_max);
}

