/* ------------------------------------------------------------------------
 * qgen kernel library (templates/kernels/: base.c, conv.c, gemm.c,
 * depthwise.c, linear.c, pool.c, elementwise.c, weights.c, in that order),
 * pasted verbatim into every generated NAME_q.c after <stdint.h>,
 * <string.h>, <math.h> and <stddef.h>.  The arithmetic is the contract of
 * docs/quantization.md and matches templates/qgen_runtime.py bit for bit.
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
#define QG_INLINE inline __attribute__((always_inline))   /* the SIMD kernels' small steps */
#else
#define QG_UNUSED
#define QG_ALIGN64
#define QG_INLINE
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

/* a code: clamp(MBQM(x, m, shift) + zp, lo, hi), the sum taken in int64 (MBQM
 * may saturate to INT32_MAX, and the clamp makes the sum's own saturation
 * irrelevant: 0 <= lo <= hi <= 255) */
QG_UNUSED static uint8_t qg_code(int32_t x, int32_t m, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    return qg_clamp_u8(qg_sat_i32((int64_t)qg_mbqm(x, m, shift) + zp), lo, hi);
}

#if defined(__AVX512VNNI__) && defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#define QG_PATH_VNNI 1
#define QG_KERNEL_PATH "avx512vnni"
#include <immintrin.h>
#elif defined(__AVX2__)
#define QG_PATH_AVX2 1
#define QG_KERNEL_PATH "avx2"
#include <immintrin.h>
#elif defined(__SSE2__) && (defined(__x86_64__) || defined(_M_X64))
#define QG_PATH_SSE2 1   /* every x86-64: the plain -O2 build's path there */
#define QG_KERNEL_PATH "sse2"
#include <emmintrin.h>
#elif defined(__aarch64__) && defined(__ARM_NEON) && defined(__ARM_FEATURE_DOTPROD)
#define QG_PATH_SDOT 1
#define QG_KERNEL_PATH "neon-sdot"
#include <arm_neon.h>
#else
#define QG_KERNEL_PATH "portable"
#endif
#if defined(QG_PATH_VNNI) || defined(QG_PATH_AVX2)
#define QG_FUSE_RQ 1   /* the GEMM's fused output stage, qg_gemm4_rq */
#else
#define QG_FUSE_RQ 0
#endif
#if defined(__AVX512VBMI2__)
#define QG_VBMI2 1
#else
#define QG_VBMI2 0
#endif
#if defined(QG_PATH_AVX2) || QG_VBMI2
#define QG_FUSE_WIDE 1   /* the fused output stage takes a wide accumulator grid (pw > ow) */
#else
#define QG_FUSE_WIDE 0
#endif
#if defined(QG_PATH_SDOT)
#define QG_XOFF 128   /* codes stored as q - 128 (s8) */
#else
#define QG_XOFF 0
#endif

/* SIMD MBQM (docs section 2), the same value as qg_mbqm in every lane:
 * the exact 64-bit products of the even and the odd lanes (vpmuldq), the
 * nudge h - [p < 0] (h = 2^(t-1), t = 31 - shift; none when t = 0), one
 * arithmetic shift, the saturation to int32, the lanes put back together. */
typedef struct {
    int32_t m, t;
    int64_t half, neg;   /* neg: all ones when t > 0 (the [p < 0] term), else 0 */
} qg_mbqm_k;

QG_UNUSED static qg_mbqm_k qg_mbqm_consts(int32_t m, int32_t shift)
{
    qg_mbqm_k k;
    k.m = m;
    k.t = 31 - shift;
    k.half = k.t > 0 ? (int64_t)1 << (k.t - 1) : 0;
    k.neg = k.t > 0 ? -1 : 0;
    return k;
}

#if defined(QG_PATH_VNNI)
QG_UNUSED static __m512i qg_mbqm_x16(__m512i x, const qg_mbqm_k *k)
{
    const __m512i m = _mm512_set1_epi32(k->m), h = _mm512_set1_epi64(k->half), ng = _mm512_set1_epi64(k->neg);
    const __m128i t = _mm_cvtsi32_si128(k->t);
    const __m512i lo = _mm512_set1_epi64(INT32_MIN), hi = _mm512_set1_epi64(INT32_MAX);
    __m512i pe = _mm512_mul_epi32(x, m), po = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), m);
    pe = _mm512_add_epi64(_mm512_add_epi64(pe, h), _mm512_and_si512(_mm512_srai_epi64(pe, 63), ng));
    po = _mm512_add_epi64(_mm512_add_epi64(po, h), _mm512_and_si512(_mm512_srai_epi64(po, 63), ng));
    pe = _mm512_max_epi64(_mm512_min_epi64(_mm512_sra_epi64(pe, t), hi), lo);
    po = _mm512_max_epi64(_mm512_min_epi64(_mm512_sra_epi64(po, t), hi), lo);
    return _mm512_mask_blend_epi32((__mmask16)0xAAAA, pe, _mm512_slli_epi64(po, 32));
}

/* Requantization of 16 accumulators to codes, clamp(MBQM(x) + zp, lo, hi)
 * (0 <= lo <= hi <= 255), in fewer operations than qg_mbqm_x16 and a
 * clamp: with 1 <= t <= 54 the zero point rides in the nudge, floor((p +
 * h - [p < 0] + zp 2^t) / 2^t) = floor((p + h - [p < 0]) / 2^t) + zp, and
 * the clamp to [lo, hi] is taken on the 64-bit values (the saturation to
 * int32 before it changes nothing, [lo, hi] being inside int32).  No sum
 * overflows: |p| <= 2^62, h < 2^53 and zp 2^t <= 255 2^54 < 2^62.
 * -[p < 0] is the sign p >> 63.  The even and odd lanes' codes, each in
 * the low half of a 64-bit lane, are put back together with one masked
 * vpshufd.  With t >= 32 (a multiplier below 1/2, as a conv's nearly
 * always is) the codes are put together first and clamped as int32: then
 * |p| / 2^t <= 2^30, so every lane's value, zp included, fits in its low
 * 32 bits.  Other t (rare) take qg_mbqm_x16 and the 32-bit clamp. */
typedef struct {
    qg_mbqm_k k;
    int64_t hz;          /* h + zp 2^t */
    int32_t zp, lo, hi, fast, narrow;   /* narrow: fast with t >= 32 */
} qg_rq_k;

QG_UNUSED static qg_rq_k qg_rq_consts(int32_t m, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    qg_rq_k r;
    r.k = qg_mbqm_consts(m, shift);
    r.fast = r.k.t >= 1 && r.k.t <= 54;
    r.narrow = r.fast && r.k.t >= 32;
    r.hz = r.fast ? r.k.half + (int64_t)zp * ((int64_t)1 << r.k.t) : 0;
    r.zp = zp, r.lo = lo, r.hi = hi;
    return r;
}

QG_UNUSED static QG_INLINE __m512i qg_rq_x16_in(__m512i x, const qg_rq_k *r)
{
    if (r->fast) {
        const __m512i m = _mm512_set1_epi32(r->k.m), h = _mm512_set1_epi64(r->hz);
        const __m512i lo = _mm512_set1_epi64(r->lo), hi = _mm512_set1_epi64(r->hi);
        const __m128i t = _mm_cvtsi32_si128(r->k.t);
        __m512i pe = _mm512_mul_epi32(x, m), po = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), m);
        pe = _mm512_add_epi64(_mm512_add_epi64(pe, h), _mm512_srai_epi64(pe, 63));
        po = _mm512_add_epi64(_mm512_add_epi64(po, h), _mm512_srai_epi64(po, 63));
        if (r->narrow) {
            const __m512i v = _mm512_mask_shuffle_epi32(_mm512_sra_epi64(pe, t), (__mmask16)0xAAAA,
                                                        _mm512_sra_epi64(po, t), (_MM_PERM_ENUM)0xA0);
            return _mm512_max_epi32(_mm512_min_epi32(v, _mm512_set1_epi32(r->hi)), _mm512_set1_epi32(r->lo));
        }
        pe = _mm512_max_epi64(_mm512_min_epi64(_mm512_sra_epi64(pe, t), hi), lo);
        po = _mm512_max_epi64(_mm512_min_epi64(_mm512_sra_epi64(po, t), hi), lo);
        return _mm512_mask_shuffle_epi32(pe, (__mmask16)0xAAAA, po, (_MM_PERM_ENUM)0xA0);
    }
    return _mm512_add_epi32(_mm512_max_epi32(_mm512_min_epi32(qg_mbqm_x16(x, &r->k), _mm512_set1_epi32(r->hi - r->zp)),
                                             _mm512_set1_epi32(r->lo - r->zp)),
                            _mm512_set1_epi32(r->zp));
}

/* the same, left to the compiler to inline or not (qg_rq_x16_in is forced
 * inline where a kernel's inner loop requantizes) */
QG_UNUSED static __m512i qg_rq_x16(__m512i x, const qg_rq_k *r)
{
    return qg_rq_x16_in(x, r);
}

/* qg_mbqm_x16 where the result cannot saturate and 1 <= t <= 62: the nudge
 * h - [p < 0] as h + (p >> 63), no clamp to int32. */
QG_UNUSED static __m512i qg_mbqm_x16_ns(__m512i x, const qg_mbqm_k *k)
{
    const __m512i m = _mm512_set1_epi32(k->m), h = _mm512_set1_epi64(k->half);
    const __m128i t = _mm_cvtsi32_si128(k->t);
    __m512i pe = _mm512_mul_epi32(x, m), po = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), m);
    pe = _mm512_sra_epi64(_mm512_add_epi64(_mm512_add_epi64(pe, h), _mm512_srai_epi64(pe, 63)), t);
    po = _mm512_sra_epi64(_mm512_add_epi64(_mm512_add_epi64(po, h), _mm512_srai_epi64(po, 63)), t);
    return _mm512_mask_shuffle_epi32(pe, (__mmask16)0xAAAA, po, (_MM_PERM_ENUM)0xA0);
}

/* the first n lanes of 16 (of 64): all for n >= 16 (64), none for n <= 0 */
QG_UNUSED static __mmask16 qg_mask16(int32_t n)
{
    return n >= 16 ? (__mmask16)0xffff : n <= 0 ? (__mmask16)0 : (__mmask16)((1u << n) - 1u);
}

QG_UNUSED static __mmask64 qg_mask64(int32_t n)
{
    return n >= 64 ? ~(__mmask64)0 : n <= 0 ? (__mmask64)0 : (((__mmask64)1 << n) - 1);
}

/* byte 4 d + k is d a + k b, for k < 4 and 0 <= 15 a + 3 b < 256: the
 * index of a vpermb that puts bytes at steps of a into dwords and of b
 * within them */
QG_UNUSED static __m512i qg_perm_ab(int32_t a, int32_t b)
{
    const __m512i d = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    return _mm512_add_epi32(_mm512_mullo_epi32(d, _mm512_set1_epi32(a * 0x01010101)),
                            _mm512_set1_epi32(b * 0x03020100));
}

/* 16 codes (the lanes of mk; the others 0) minus zp, as int32 */
QG_UNUSED static __m512i qg_codes16(__mmask16 mk, const uint8_t *q, __m512i zp)
{
    return _mm512_sub_epi32(_mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(mk, q)), zp);
}
#elif defined(QG_PATH_AVX2)
/* AVX2 has no 64-bit arithmetic shift or min / max: sign-flip around a
 * logical shift, compares and blends. */
QG_UNUSED static __m256i qg_sra64_x4(__m256i v, __m128i t)
{
    const __m256i sg = _mm256_cmpgt_epi64(_mm256_setzero_si256(), v);
    return _mm256_xor_si256(_mm256_srl_epi64(_mm256_xor_si256(v, sg), t), sg);
}

QG_UNUSED static __m256i qg_sat64_x4(__m256i v)
{
    const __m256i lo = _mm256_set1_epi64x(INT32_MIN), hi = _mm256_set1_epi64x(INT32_MAX);
    v = _mm256_blendv_epi8(v, hi, _mm256_cmpgt_epi64(v, hi));
    return _mm256_blendv_epi8(v, lo, _mm256_cmpgt_epi64(lo, v));
}

QG_UNUSED static __m256i qg_mbqm_x8(__m256i x, const qg_mbqm_k *k)
{
    const __m256i m = _mm256_set1_epi32(k->m), h = _mm256_set1_epi64x(k->half), ng = _mm256_set1_epi64x(k->neg);
    const __m128i t = _mm_cvtsi32_si128(k->t);
    const __m256i z = _mm256_setzero_si256();
    __m256i pe = _mm256_mul_epi32(x, m), po = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), m);
    pe = _mm256_add_epi64(_mm256_add_epi64(pe, h), _mm256_and_si256(_mm256_cmpgt_epi64(z, pe), ng));
    po = _mm256_add_epi64(_mm256_add_epi64(po, h), _mm256_and_si256(_mm256_cmpgt_epi64(z, po), ng));
    pe = qg_sat64_x4(qg_sra64_x4(pe, t));
    po = qg_sat64_x4(qg_sra64_x4(po, t));
    return _mm256_blend_epi32(pe, _mm256_slli_epi64(po, 32), 0xAA);
}

/* 8 int32 lanes holding 0..255 to 8 bytes */
QG_UNUSED static void qg_store8_u8(uint8_t *o, __m256i v)
{
    __m128i w = _mm_packus_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    w = _mm_packus_epi16(w, w);
    _mm_storel_epi64((__m128i *)(void *)o, w);
}

/* Requantization of 8 accumulators to codes, clamp(MBQM(x) + zp, lo, hi),
 * when 32 <= t <= 54 (a multiplier below 1/2, as a conv's nearly always
 * is), in the way of qg_rq_x16's narrow form: the zero point rides in the
 * nudge (hz = h + zp 2^t), and floor(X / 2^t) = floor(floor(X / 2^32) /
 * 2^(t-32)): the high dword of each 64-bit sum (an even lane's moved down,
 * an odd lane's in place) shifted by t - 32 as int32, which needs no 64-bit
 * shift (AVX2 has no arithmetic one).  |X| < 2^63 (|p| <= 2^62, hz < 2^62)
 * and |X| / 2^t <= 2^30, so every value and the clamp are exact in int32.
 * The [p < 0] term is a 64-bit compare. */
/* MBQM of 8 values when 31 <= t <= 62 and |x| < 2^29 (an add's input
 * rescale, docs section 2): X = p + h - [p < 0] doubled (|2X| < 2^62),
 * floor(X / 2^t) = floor(2X / 2^(t+1)), and t + 1 >= 32: the high dword
 * of 2X shifted by t - 31 (s).  |x m| < 2^60 keeps the result in int32
 * with no saturation. */
QG_UNUSED static QG_INLINE __m256i qg_rescale_x8(__m256i x, __m256i m, __m256i h, __m128i s)
{
    const __m256i z = _mm256_setzero_si256();
    __m256i pe = _mm256_mul_epi32(x, m), po = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), m);
    pe = _mm256_add_epi64(_mm256_add_epi64(pe, h), _mm256_cmpgt_epi64(z, pe));
    po = _mm256_add_epi64(_mm256_add_epi64(po, h), _mm256_cmpgt_epi64(z, po));
    pe = _mm256_add_epi64(pe, pe);
    po = _mm256_add_epi64(po, po);
    return _mm256_sra_epi32(_mm256_blend_epi32(_mm256_srli_epi64(pe, 32), po, 0xAA), s);
}

QG_UNUSED static __m256i qg_rq_narrow_x8(__m256i x, __m256i m, __m256i hz, __m128i t32, __m256i lo, __m256i hi)
{
    const __m256i z = _mm256_setzero_si256();
    __m256i pe = _mm256_mul_epi32(x, m), po = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), m);
    pe = _mm256_add_epi64(_mm256_add_epi64(pe, hz), _mm256_cmpgt_epi64(z, pe));
    po = _mm256_add_epi64(_mm256_add_epi64(po, hz), _mm256_cmpgt_epi64(z, po));
    x = _mm256_sra_epi32(_mm256_blend_epi32(_mm256_srli_epi64(pe, 32), po, 0xAA), t32);
    return _mm256_max_epi32(_mm256_min_epi32(x, hi), lo);
}

/* A channel's requantization constants, as vectors, for qg_rq_x8: the
 * narrow form's (32 <= t <= 54) or qg_mbqm_x8's and the clamp around it. */
typedef struct {
    qg_mbqm_k k;
    __m256i m, hz, lo, hi;   /* narrow: the multiplier, h + zp 2^t, [lo, hi]; else [lo - zp, hi - zp] */
    __m256i zp;
    __m128i t32;             /* t - 32 */
    int narrow;
} qg_rq_k;

QG_UNUSED static qg_rq_k qg_rq_consts(int32_t m, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    qg_rq_k r;
    r.k = qg_mbqm_consts(m, shift);
    r.narrow = r.k.t >= 32 && r.k.t <= 54;
    r.m = _mm256_set1_epi32(m);
    r.hz = _mm256_set1_epi64x(r.narrow ? r.k.half + (int64_t)zp * ((int64_t)1 << r.k.t) : 0);
    r.lo = _mm256_set1_epi32(r.narrow ? lo : lo - zp);
    r.hi = _mm256_set1_epi32(r.narrow ? hi : hi - zp);
    r.zp = _mm256_set1_epi32(zp);
    r.t32 = _mm_cvtsi32_si128(r.k.t - 32);
    return r;
}

/* 8 accumulators to their codes (as int32 lanes), clamp(MBQM(x) + zp, lo, hi) */
QG_UNUSED static QG_INLINE __m256i qg_rq_x8(__m256i x, const qg_rq_k *r)
{
    if (r->narrow)
        return qg_rq_narrow_x8(x, r->m, r->hz, r->t32, r->lo, r->hi);
    return _mm256_add_epi32(_mm256_max_epi32(_mm256_min_epi32(qg_mbqm_x8(x, &r->k), r->hi), r->lo), r->zp);
}
#endif

/* out[i] = clamp(MBQM(acc[i], m, shift) + zp, lo, hi) for n values.
 * 0 <= lo <= hi <= 255, 0 <= zp <= 255, -31 <= shift <= 31.  Branch-free
 * blocks of 64 lanes that gcc and clang vectorize with no scalar
 * remainder (the last, partial block goes through a 64-lane copy): the
 * 64-bit product, the rounding nudge, one arithmetic shift, then the clamp
 * straight to [lo - zp, hi - zp] (inside int32, so saturating first
 * changes nothing).
 *
 * Monotonicity (what the conv kernels' fused max pools rely on): for
 * m >= 0 this is a non-decreasing function of acc, for m <= 0 a
 * non-increasing one.  p = acc * m is monotone in acc (exact in int64);
 * with t = 31 - shift >= 0 the rounding maps p to floor((p + h - [p < 0])
 * / 2^t), h = 2^(t-1) (0 when t = 0), and p + h - [p < 0] is strictly
 * increasing over the integers (it steps from h - 2 at p = -1 to h at
 * p = 0), the floor of a quotient by a positive power of two is
 * non-decreasing, and so are the saturation, + zp and the clamp.  So the
 * max of the requantized values of a window is the requantized max (or,
 * for m < 0, min) of its accumulators. */
#define QG_RQ_BLOCK(src, dst)                                                   \
    for (j = 0; j < 64; j++) {                                                  \
        const int64_t p = (src)[j] * m64;                                       \
        const int64_t r = (p + half - (p < 0 ? neg : 0)) >> t;                  \
        const int64_t c = r < rlo ? rlo : r > rhi ? rhi : r;                    \
        (dst)[j] = (uint8_t)(c + zp);                                           \
    }
QG_UNUSED static void qg_requant(const int32_t *restrict acc, uint8_t *restrict out, int32_t n,
                                 int32_t m, int32_t shift, int32_t zp, int32_t lo, int32_t hi)
{
    int32_t i, j;
    const int64_t rlo = lo - zp, rhi = hi - zp, m64 = m;
    const int t = 31 - (int)shift;
    const int64_t half = t > 0 ? (int64_t)1 << (t - 1) : 0, neg = t > 0 ? 1 : 0;
#if defined(QG_PATH_VNNI)
    {
        const qg_rq_k k = qg_rq_consts(m, shift, zp, lo, hi);
        for (i = 0; i < n; i += 16) {
            const __mmask16 mk = qg_mask16(n - i);
            _mm512_mask_cvtepi32_storeu_epi8(out + i, mk, qg_rq_x16(_mm512_maskz_loadu_epi32(mk, acc + i), &k));
        }
        return;
    }
#elif defined(QG_PATH_AVX2)
    {
        const qg_rq_k k = qg_rq_consts(m, shift, zp, lo, hi);
        for (i = 0; i < n; i += 8) {
            /* the last n % 8 values through 8-lane buffers */
            int32_t a[8];
            uint8_t o[8];
            const int tail = n - i < 8;
            const int32_t *src = acc + i;
            if (tail) {
                memset(a, 0, sizeof a);
                memcpy(a, acc + i, (size_t)(n - i) * 4);
                src = a;
            }
            qg_store8_u8(tail ? o : out + i, qg_rq_x8(_mm256_loadu_si256((const __m256i *)(const void *)src), &k));
            if (tail)
                memcpy(out + i, o, (size_t)(n - i));
        }
        return;
    }
#else
    for (i = 0; i + 64 <= n; i += 64) {
        const int32_t *restrict a = acc + i;
        uint8_t *restrict o = out + i;
        QG_RQ_BLOCK(a, o)
    }
#endif
    if (i < n) {
        int32_t a[64];
        uint8_t o[64];
        memset(a, 0, sizeof a);
        memcpy(a, acc + i, (size_t)(n - i) * 4);
        QG_RQ_BLOCK(a, o)
        memcpy(out + i, o, (size_t)(n - i));
    }
}
#undef QG_RQ_BLOCK

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

