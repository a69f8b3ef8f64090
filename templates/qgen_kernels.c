/* ------------------------------------------------------------------------
 * qgen kernel library (templates/qgen_kernels.c), pasted verbatim into
 * every generated NAME_q.c after <stdint.h>, <string.h>, <math.h> and
 * <stddef.h>.  The arithmetic is the contract of docs/quantization.md and
 * matches templates/qgen_runtime.py bit for bit.
 *
 * Conventions
 *   - Activations are uint8 codes, one image, NCHW (so C x H x W here).
 *   - Weights are int8, PyTorch layout [O][C/groups][KH][KW] or [O][I].
 *   - Weights-file data is used in place, never copied, and never read as
 *     int32_t / float lvalues: int32 and float32 tensors are read with the
 *     little-endian readers below (qg_rd_i32, qg_rd_f32), which work on any
 *     host byte order and any alignment.  So the weights buffer needs no
 *     alignment at all; int8 / uint8 tensors are plain byte arrays, and the
 *     int32 vectors (bias, multiplier, shift: one value per output channel)
 *     are decoded once per channel inside the kernels, which costs nothing
 *     measurable.
 *   - Temporary buffers ("scratch": int16 input copies, int32
 *     accumulators) are passed in by the caller, 16-byte aligned, of the
 *     size the matching qg_*_scratch() function gives; the generated code
 *     carves them out of its activation arena.  Nothing here allocates,
 *     and no function has mutable static state.
 *   - Fast kernels are plain C99 loops written for gcc's and clang's
 *     vectorizers (contiguous inner loops, trip counts rounded up to whole
 *     16/64-lane blocks over slack in the scratch buffers, restrict).  Each
 *     has a plain _ref version (conv, linear, max pool) that
 *     tests/c/test_kernels.c compares it with.
 *   - Every function is static and prefixed qg_; QG_UNUSED keeps gcc and
 *     clang quiet about the kernels a given model does not call.
 *   - The float parts (quantize, dequantize) must be plain IEEE float32:
 *     no -ffast-math (rejected below), default rounding mode.
 *   - Error codes: enum qg_error (negative), qg_strerror().
 * ------------------------------------------------------------------------ */

#if defined(__FAST_MATH__)
#error "qgen: do not build with -ffast-math: quantize/dequantize must be exact IEEE float32"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define QG_UNUSED __attribute__((unused))
#define QG_ALIGN64 __attribute__((aligned(64)))
#else
#define QG_UNUSED
#define QG_ALIGN64
#endif

/* Compile-time checks: arithmetic >> on negative int32 (the contract's
 * MBQM), and 8-bit bytes. */
typedef char qg_check_arith_shift[((int32_t)-1 >> 1) == (int32_t)-1 && ((int64_t)-1 >> 1) == (int64_t)-1 ? 1 : -1];
typedef char qg_check_char_bit[(unsigned char)0x100 == 0 ? 1 : -1];

/* ===================================================== error codes */

#ifndef QG_ERRORS_DEFINED   /* also emitted, identically, by generated headers */
#define QG_ERRORS_DEFINED
enum qg_error {
    QG_OK = 0,
    QG_E_NULL = -1,        /* weights pointer is NULL */
    QG_E_SHORT = -2,       /* buffer shorter than its header, table or CRC */
    QG_E_MAGIC = -3,       /* first 4 bytes are not "QGW1" */
    QG_E_VERSION = -4,     /* version is not 1 */
    QG_E_FINGERPRINT = -5, /* weights exported for another graph */
    QG_E_COUNT = -6,       /* tensor count differs from the model's */
    QG_E_HEADER = -7,      /* header-bytes field is not 24 + 80 * n */
    QG_E_NAME = -8,        /* a table entry has the wrong name */
    QG_E_DTYPE = -9,       /* a table entry has the wrong dtype */
    QG_E_SHAPE = -10,      /* a table entry has the wrong ndim or dims */
    QG_E_NBYTES = -11,     /* nbytes is not dims x element size */
    QG_E_ALIGN = -12,      /* a tensor offset is not a multiple of 16 */
    QG_E_BOUNDS = -13,     /* tensor data overlaps the header, the CRC, another tensor, or the end */
    QG_E_CRC = -14,        /* CRC-32 mismatch: the file is corrupt */
    QG_E_PARAM = -15,      /* a quantization parameter is out of its valid range */
    QG_E_ARENA = -16,      /* the activation arena is misaligned or too small */
    QG_E_NOINIT = -17,     /* run called before a successful init */
    QG_E_PADDING = -18     /* non-zero padding between tensors, or bytes between the last tensor and the CRC */
};
#endif

QG_UNUSED static const char *qg_strerror(int err)
{
    switch (err) {
    case QG_OK: return "ok";
    case QG_E_NULL: return "weights buffer is NULL";
    case QG_E_SHORT: return "weights buffer is truncated";
    case QG_E_MAGIC: return "not a qgen weights file (bad magic)";
    case QG_E_VERSION: return "unsupported weights file version";
    case QG_E_FINGERPRINT: return "weights were exported for a different model (fingerprint mismatch)";
    case QG_E_COUNT: return "wrong number of tensors in weights file";
    case QG_E_HEADER: return "bad header size in weights file";
    case QG_E_NAME: return "unexpected tensor name in weights file";
    case QG_E_DTYPE: return "unexpected tensor dtype in weights file";
    case QG_E_SHAPE: return "unexpected tensor shape in weights file";
    case QG_E_NBYTES: return "tensor byte count does not match its shape";
    case QG_E_ALIGN: return "tensor offset is not 16-byte aligned";
    case QG_E_BOUNDS: return "tensor data out of bounds or overlapping";
    case QG_E_CRC: return "weights file CRC mismatch (corrupt file)";
    case QG_E_PARAM: return "quantization parameter out of range in weights file";
    case QG_E_ARENA: return "activation arena misaligned or too small";
    case QG_E_NOINIT: return "model not initialized (call init first)";
    case QG_E_PADDING: return "non-zero padding or trailing bytes in weights file";
    default: return "unknown error";
    }
}

/* ============================================ little-endian readers */

QG_UNUSED static uint32_t qg_rd_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

QG_UNUSED static uint64_t qg_rd_u64(const unsigned char *p)
{
    return (uint64_t)qg_rd_u32(p) | (uint64_t)qg_rd_u32(p + 4) << 32;
}

/* two's-complement reinterpretation without implementation-defined casts */
QG_UNUSED static int32_t qg_u32_to_i32(uint32_t u)
{
    return u <= 0x7fffffffu ? (int32_t)u : -(int32_t)(0xffffffffu - u) - 1;
}

/* element i of a little-endian int32 array */
QG_UNUSED static int32_t qg_rd_i32(const unsigned char *p, size_t i)
{
    return qg_u32_to_i32(qg_rd_u32(p + 4 * i));
}

/* element i of a little-endian float32 array (IEEE binary32 host floats) */
QG_UNUSED static float qg_rd_f32(const unsigned char *p, size_t i)
{
    uint32_t u = qg_rd_u32(p + 4 * i);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* ================================================ fixed-point helpers */

/* int64 to int32, saturating */
QG_UNUSED static int32_t qg_sat_i32(int64_t v)
{
    return v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : (int32_t)v;
}

/* MultiplyByQuantizedMultiplier (docs section 2): x * m / 2^(31 - shift)
 * rounded half away from zero, saturated to int32; exact for any m and
 * -31 <= shift <= 31 (|x * m| <= 2^62, |p + nudge| < 2^63). */
QG_UNUSED static int32_t qg_mbqm(int32_t x, int32_t m, int32_t shift)
{
    const int t = 31 - (int)shift;
    int64_t p = (int64_t)x * (int64_t)m;
    if (t > 0)
        p += ((int64_t)1 << (t - 1)) - (p < 0 ? 1 : 0);
    return qg_sat_i32(p >> t);
}

QG_UNUSED static uint8_t qg_clamp_u8(int32_t v, int32_t lo, int32_t hi)
{
    return (uint8_t)(v < lo ? lo : v > hi ? hi : v);
}

/* out[i] = clamp(MBQM(acc[i], m, shift) + zp, lo, hi) for n values.
 * 0 <= lo <= hi <= 255, 0 <= zp <= 255, -31 <= shift <= 31.  One
 * branch-free loop that gcc and clang vectorize: the 64-bit product, the
 * rounding nudge, one arithmetic shift, then the clamp straight to
 * [lo - zp, hi - zp] (inside int32, so saturating first changes nothing). */
QG_UNUSED static void qg_requant(const int32_t *acc, uint8_t *out, int32_t n,
                                 int32_t m, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    int32_t i;
    const int64_t rlo = lo - zp, rhi = hi - zp, m64 = m;
    const int t = 31 - (int)shift;
    const int64_t half = t > 0 ? (int64_t)1 << (t - 1) : 0, neg = t > 0 ? 1 : 0;
    for (i = 0; i < n; i++) {
        const int64_t p = acc[i] * m64;
        const int64_t r = (p + half - (p < 0 ? neg : 0)) >> t;
        const int64_t c = r < rlo ? rlo : r > rhi ? rhi : r;
        out[i] = (uint8_t)(c + zp);
    }
}

/* The same with int32 codes out (so that a short run vectorizes with
 * 16-lane int32 vectors and no byte-vector remainder). */
QG_UNUSED static void qg_requant_i32(const int32_t *restrict acc, int32_t *restrict out, int32_t n,
                                     int32_t m, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    int32_t i;
    const int64_t rlo = lo - zp, rhi = hi - zp, m64 = m;
    const int t = 31 - (int)shift;
    const int64_t half = t > 0 ? (int64_t)1 << (t - 1) : 0, neg = t > 0 ? 1 : 0;
    for (i = 0; i < n; i++) {
        const int64_t p = acc[i] * m64;
        const int64_t r = (p + half - (p < 0 ? neg : 0)) >> t;
        const int64_t c = r < rlo ? rlo : r > rhi ? rhi : r;
        out[i] = (int32_t)c + zp;
    }
}

/* codes held in int32 (0..255) to uint8 */
QG_UNUSED static void qg_narrow(const int32_t *restrict in, uint8_t *restrict out, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++)
        out[i] = (uint8_t)in[i];
}

/* ======================================== quantize / dequantize (float) */

/* q = clamp(round_half_even(x / scale) + zp, qmin, qmax), the division in
 * float32 and nearbyintf under the default rounding mode.  A NaN input
 * gives qmin (the contract leaves NaN undefined). */
QG_UNUSED static void qg_quantize(const float *x, uint8_t *q, int32_t n,
                                  float scale, int32_t zp, int32_t qmin, int32_t qmax)
{
    const float lo = (float)(qmin - zp), hi = (float)(qmax - zp);
    int32_t i;
    for (i = 0; i < n; i++) {
        const float d = x[i] / scale; /* one float32 division, no reciprocal */
        float r = nearbyintf(d);
        r = r > lo ? r : lo;          /* NaN -> lo */
        r = r < hi ? r : hi;
        q[i] = (uint8_t)((int32_t)r + zp);
    }
}

/* y = (float)scale * (float)(q - zp) */
QG_UNUSED static void qg_dequantize(const uint8_t *q, float *y, int32_t n, float scale, int32_t zp)
{
    int32_t i;
    for (i = 0; i < n; i++)
        y[i] = scale * (float)((int32_t)q[i] - zp);
}

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
                    qg_clamp_u8(qg_mbqm(acc, m, sh) + q->zp_out, q->act_min, q->act_max);
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
 * uint8 in one run (a 5x5 channel alone would be too short a run). */
QG_UNUSED static int32_t qg_conv_stage(const qg_pool_shape *pool)
{
    const int32_t ohw = pool ? pool->oh * pool->ow : 0;
    return (ohw > 960 ? qg_r16(ohw) : 960) + 64;
}

QG_UNUSED static size_t qg_align64(size_t n) { return (n + 63u) & ~(size_t)63u; }

/* Bytes of scratch qg_conv2d needs, with or without a fused pool (a
 * multiple of 64; scratch must be 16-byte aligned).  Layout:
 *   int32 tap offsets [cg*kh*kw]; int32 acc [cap]; int32 tmp [cap];
 *   uint8 rows [cap]; int32 stage [stage]; int16 X [c*sw*hp*wq + 16]. */
QG_UNUSED static size_t qg_conv2d_scratch(const qg_conv_shape *s, const qg_pool_shape *pool)
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
QG_UNUSED static void qg_conv2d(const qg_conv_shape *s, const qg_qparams *q, const qg_pool_shape *pool,
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
            for (j = 0; j < s->sw; j++)
                for (y = 0; y < hp; y++) {
                    int16_t *row = X + c * chan + j * plane + y * wq;
                    const int32_t iy = y - s->ph;
                    if (iy < 0 || iy >= s->h) {
                        for (u = 0; u < wq; u++)
                            row[u] = 0;
                    } else {
                        const uint8_t *irow = in + ((size_t)c * (size_t)s->h + (size_t)iy) * (size_t)s->w;
                        for (u = 0; u < wq; u++) {
                            const int32_t ix = u * s->sw + j - s->pw;
                            row[u] = (int16_t)(ix >= 0 && ix < s->w ? (int32_t)irow[ix] - q->zp_in : 0);
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
        } else if (pool22 && m >= 0 && sft <= 0) {
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
        out[o] = qg_clamp_u8(qg_mbqm(acc, qg_rd_i32(q->mult, (size_t)o), qg_rd_i32(q->shift, (size_t)o))
                             + q->zp_out, q->act_min, q->act_max);
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
    for (i = 0; i < nin; i++)
        x[i] = (int16_t)((int32_t)in[i] - q->zp_in);
    for (o = 0; o < nout; o++) {
        const int8_t *w = q->w + (size_t)o * (size_t)nin;
        int32_t sum = 0;
        for (i = 0; i < nin; i++)
            sum += (int32_t)x[i] * (int32_t)w[i];
        acc[o] = sum + qg_rd_i32(q->bias, (size_t)o);
    }
    for (o = 0; o < nout; o++)
        out[o] = qg_clamp_u8(qg_mbqm(acc[o], qg_rd_i32(q->mult, (size_t)o), qg_rd_i32(q->shift, (size_t)o))
                             + q->zp_out, q->act_min, q->act_max);
}

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
            } else {
                for (x = x0; x < x1; x++) {
                    const uint8_t *p = r + x * s->sw - s->pw;
                    uint8_t mx = p[0];
                    for (kx = 1; kx < s->kw; kx++)
                        mx = p[kx * s->dw] > mx ? p[kx * s->dw] : mx;
                    orow[x] = mx;
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
    for (i0 = 0; i0 < g->n[0]; i0++)
        for (i1 = 0; i1 < g->n[1]; i1++)
            for (i2 = 0; i2 < g->n[2]; i2++) {
                const size_t oa = (size_t)i0 * (size_t)g->sa[0] + (size_t)i1 * (size_t)g->sa[1] + (size_t)i2 * (size_t)g->sa[2];
                const size_t ob = (size_t)i0 * (size_t)g->sb[0] + (size_t)i1 * (size_t)g->sb[1] + (size_t)i2 * (size_t)g->sb[2];
                row(p, a + oa, g->sa[3], b + ob, g->sb[3], out, g->n[3]);
                out += g->n[3];
            }
}

/* TFLite quantized add; p = NAME.i decoded:
 * {zp1, zp2, zp_out, left_shift, m1, sh1, m2, sh2, mo, sho, act_min, act_max} */
QG_UNUSED static void qg_add_row(const int32_t *p, const uint8_t *a, int32_t sa, const uint8_t *b, int32_t sb,
                                 uint8_t *out, int32_t n)
{
    const int32_t mul = (int32_t)1 << p[3];
    int32_t i;
    for (i = 0; i < n; i++) {
        const int32_t x = qg_mbqm(((int32_t)a[(size_t)i * (size_t)sa] - p[0]) * mul, p[4], p[5]);
        const int32_t y = qg_mbqm(((int32_t)b[(size_t)i * (size_t)sb] - p[1]) * mul, p[6], p[7]);
        const int32_t r = qg_mbqm(qg_sat_i32((int64_t)x + y), p[8], p[9]);
        const int64_t v = (int64_t)r + p[2];
        out[i] = (uint8_t)(v < p[10] ? p[10] : v > p[11] ? p[11] : v);
    }
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
                    out[i] = qg_clamp_u8(qg_sat_i32((int64_t)qg_mbqm((int32_t)src[i] - zp[k], m[k], sh[k]) + zp_out),
                                         qmin, qmax);
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

/* ============================================== weights file (.qgw) */

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320, as zlib.crc32), 4 bits a step. */
QG_UNUSED static uint32_t qg_crc32(uint32_t crc, const unsigned char *p, size_t n)
{
    static const uint32_t t[16] = {
        0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u,
        0x4db26158u, 0x5005713cu, 0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
        0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu
    };
    size_t i;
    crc = ~crc;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        crc = (crc >> 4) ^ t[crc & 15u];
        crc = (crc >> 4) ^ t[crc & 15u];
    }
    return ~crc;
}

/* One expected entry of the tensor table (generated per model). */
typedef struct {
    const char *name;     /* at most 39 characters */
    uint32_t dtype;       /* QG_F32, QG_I32, QG_I8, QG_U8 */
    uint32_t ndim;
    uint32_t dims[4];     /* unused dims 0 */
} qg_tensor_spec;

enum { QG_F32 = 0, QG_I32 = 1, QG_I8 = 2, QG_U8 = 3 };

#define QG_MAGIC "QGW1"
#define QG_VERSION 1u
#define QG_ENTRY_BYTES 80u

/* Validate a weights buffer against the expected table (docs section 5)
 * and set data[k] to tensor k's bytes inside buf (no copy).  Checks, in
 * order: NULL, size >= 24, magic, version, fingerprint, count, header
 * bytes, size >= header + 4; per entry: name (NUL padded), dtype, ndim and
 * dims, nbytes, offset % 16, bounds (offset >= end of header and of the
 * previous tensor, end <= size - 4), zero padding before it; no bytes
 * between the last tensor and the CRC (as qgen_runtime.load_qgw); last the
 * CRC of bytes [0, size-4).
 * Returns QG_OK or a negative QG_E_* code; on error data[] is untouched
 * beyond the failing entry and must not be used. */
QG_UNUSED static int qg_check_table(const void *buf, size_t size, uint64_t fingerprint,
                                    const qg_tensor_spec *spec, uint32_t n, const unsigned char **data)
{
    static const uint32_t esize[4] = {4u, 4u, 1u, 1u};
    const unsigned char *p = (const unsigned char *)buf;
    uint64_t hdr, prev_end, body;
    uint32_t k, d;
    if (!p)
        return QG_E_NULL;
    if (size < 24u)
        return QG_E_SHORT;
    if (memcmp(p, QG_MAGIC, 4) != 0)
        return QG_E_MAGIC;
    if (qg_rd_u32(p + 4) != QG_VERSION)
        return QG_E_VERSION;
    if (qg_rd_u64(p + 8) != fingerprint)
        return QG_E_FINGERPRINT;
    if (qg_rd_u32(p + 16) != n)
        return QG_E_COUNT;
    hdr = 24u + (uint64_t)QG_ENTRY_BYTES * n;
    if ((uint64_t)qg_rd_u32(p + 20) != hdr)
        return QG_E_HEADER;
    if ((uint64_t)size < hdr + 4u)
        return QG_E_SHORT;
    body = (uint64_t)size - 4u;   /* data ends before the CRC */
    prev_end = hdr;
    for (k = 0; k < n; k++) {
        const unsigned char *e = p + 24 + (size_t)QG_ENTRY_BYTES * k;
        const size_t len = strlen(spec[k].name);
        const uint32_t dtype = qg_rd_u32(e + 40), ndim = qg_rd_u32(e + 44);
        const uint64_t off = qg_rd_u64(e + 64), nbytes = qg_rd_u64(e + 72);
        uint64_t count = 1;
        size_t i;
        if (len >= 40 || memcmp(e, spec[k].name, len) != 0)
            return QG_E_NAME;
        for (i = len; i < 40; i++)
            if (e[i] != 0)
                return QG_E_NAME;
        if (dtype != spec[k].dtype)
            return QG_E_DTYPE;
        if (ndim != spec[k].ndim)
            return QG_E_SHAPE;
        for (d = 0; d < 4; d++) {
            const uint32_t v = qg_rd_u32(e + 48 + 4 * d);
            if (v != (d < ndim ? spec[k].dims[d] : 0u))
                return QG_E_SHAPE;
            if (d < ndim)
                count *= v;
        }
        if (dtype > 3 || nbytes != count * esize[dtype])
            return QG_E_NBYTES;
        if (off % 16u != 0)
            return QG_E_ALIGN;
        if (off < prev_end || off > body || nbytes > body - off)
            return QG_E_BOUNDS;
        for (; prev_end < off; prev_end++)
            if (p[prev_end] != 0)
                return QG_E_PADDING;
        prev_end = off + nbytes;
        data[k] = p + (size_t)off;
    }
    if (prev_end != body)
        return QG_E_PADDING;
    if (qg_crc32(0, p, (size_t)body) != qg_rd_u32(p + (size_t)body))
        return QG_E_CRC;
    return QG_OK;
}

/* Range check of n little-endian int32 values, for the init's parameter
 * validation (zero points, clamps, shifts, biases). */
QG_UNUSED static int qg_check_range(const unsigned char *p, size_t n, int32_t lo, int32_t hi)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const int32_t v = qg_rd_i32(p, i);
        if (v < lo || v > hi)
            return QG_E_PARAM;
    }
    return QG_OK;
}
/* ------------------------------------------------- end of qgen kernels */
