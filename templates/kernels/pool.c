/* ============================================================== pooling */

/* Output size of a pooling window as PyTorch computes it (pooling_output_shape). */
QG_UNUSED static int32_t qg_pool_out_size(int32_t in, int32_t k, int32_t s, int32_t p, int32_t d, int ceil_mode)
{
    const int32_t num = in + 2 * p - d * (k - 1) - 1 + (ceil_mode ? s - 1 : 0);
    int32_t out = (num >= 0 ? num / s : -((-num + s - 1) / s)) + 1;
    if (ceil_mode && (out - 1) * s >= in + p)
        out--;
    return out;
}

/* max_pool2d on codes; out-of-bounds positions are ignored (an all-padding
 * window, which PyTorch's parameter checks exclude, would give 0). */
QG_UNUSED static void qg_maxpool2d_ref(const qg_pool_shape *s, const uint8_t *in, uint8_t *out)
{
    int32_t c, y, x, ky, kx;
    for (c = 0; c < s->c; c++)
        for (y = 0; y < s->oh; y++)
            for (x = 0; x < s->ow; x++) {
                uint8_t mx = 0;
                for (ky = 0; ky < s->kh; ky++)
                    for (kx = 0; kx < s->kw; kx++) {
                        const int32_t iy = y * s->sh - s->ph + ky * s->dh;
                        const int32_t ix = x * s->sw - s->pw + kx * s->dw;
                        if (iy >= 0 && iy < s->h && ix >= 0 && ix < s->w) {
                            const uint8_t v = in[(c * s->h + iy) * s->w + ix];
                            mx = v > mx ? v : mx;
                        }
                    }
                out[(c * s->oh + y) * s->ow + x] = mx;
            }
}

/* avg_pool2d as PyTorch's CPU kernel windows it:
 *   y0 = oy*sh - ph, y1 = min(y0 + kh, h + ph), pool = (y1-y0)*(x1-x0),
 *   then clipped to the input (cnt = in-bounds positions);
 *   divisor d = divisor_override if > 0, else pool when count_include_pad,
 *   else cnt.
 * S = sum over the in-bounds positions of (q - zp_in) (padding is the real
 * value 0, i.e. the code zp_in), out = clamp(zp_in + floor((S + d/2) / d),
 * qmin, qmax), as qgen_runtime.QAvgPool2d.  Without divisor_override this
 * is the doc's (sum of codes + d/2) / d, the padded positions counting as
 * zp_in when count_include_pad; with it, only this form matches the float
 * op.  The clamp only acts with a divisor_override smaller than the window.
 * A window with no input position (excluded by PyTorch's checks) gives
 * zp_in.  avg_pool2d has no dilation: dh, dw are ignored. */
QG_UNUSED static void qg_avgpool2d(const qg_pool_shape *s, int count_include_pad, int32_t divisor_override,
                                   int32_t zp_in, int32_t qmin, int32_t qmax, const uint8_t *in, uint8_t *out)
{
    int32_t c, y, x, iy, ix;
    for (c = 0; c < s->c; c++)
        for (y = 0; y < s->oh; y++)
            for (x = 0; x < s->ow; x++) {
                int32_t y0 = y * s->sh - s->ph, x0 = x * s->sw - s->pw;
                int32_t y1 = y0 + s->kh < s->h + s->ph ? y0 + s->kh : s->h + s->ph;
                int32_t x1 = x0 + s->kw < s->w + s->pw ? x0 + s->kw : s->w + s->pw;
                const int32_t pool = (y1 - y0) * (x1 - x0);
                int32_t sum = 0, d, v;
                y0 = y0 > 0 ? y0 : 0;
                x0 = x0 > 0 ? x0 : 0;
                y1 = y1 < s->h ? y1 : s->h;
                x1 = x1 < s->w ? x1 : s->w;
                if (y0 >= y1 || x0 >= x1) {
                    out[(c * s->oh + y) * s->ow + x] = (uint8_t)zp_in;
                    continue;
                }
                for (iy = y0; iy < y1; iy++)
                    for (ix = x0; ix < x1; ix++)
                        sum += in[(c * s->h + iy) * s->w + ix];
                sum -= zp_in * (y1 - y0) * (x1 - x0);
                d = divisor_override > 0 ? divisor_override : count_include_pad ? pool : (y1 - y0) * (x1 - x0);
                v = sum + d / 2;
                v = zp_in + (v >= 0 ? v / d : -((d - 1 - v) / d));   /* floor division */
                out[(c * s->oh + y) * s->ow + x] = qg_clamp_u8(v, qmin, qmax);
            }
}

/* adaptive_avg_pool2d: window [floor(i*h/oh), ceil((i+1)*h/oh)), same rounding. */
QG_UNUSED static void qg_adaptive_avgpool2d(int32_t c, int32_t h, int32_t w, int32_t oh, int32_t ow,
                                            const uint8_t *in, uint8_t *out)
{
    int32_t k, y, x, iy, ix;
    for (k = 0; k < c; k++)
        for (y = 0; y < oh; y++) {
            const int32_t y0 = y * h / oh, y1 = ((y + 1) * h + oh - 1) / oh;
            for (x = 0; x < ow; x++) {
                const int32_t x0 = x * w / ow, x1 = ((x + 1) * w + ow - 1) / ow;
                const int32_t div = (y1 - y0) * (x1 - x0);
                int32_t sum = 0;
                for (iy = y0; iy < y1; iy++)
                    for (ix = x0; ix < x1; ix++)
                        sum += in[(k * h + iy) * w + ix];
                out[(k * oh + y) * ow + x] = (uint8_t)((sum + div / 2) / div);
            }
        }
}

