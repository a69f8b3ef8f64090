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
 * < np): with pw == ow one run; else the grid's row segments one by one,
 * 8 bytes a store where a segment is whole. */
QG_UNUSED static QG_INLINE void qg_gemm_codes(const qg_gemm_rq *g, int32_t r, int32_t p0, int32_t x, int32_t y, __m256i v)
{
    uint8_t c[8];
    uint8_t *o = g->out + (size_t)r * g->ohw;
    const int32_t lim = g->np - p0 < 8 ? g->np - p0 : 8;
    int32_t i = 0;
    qg_store8_u8(c, v);
    if (g->pw == g->ow) {
        if (lim <= 0)
            return;
        if (lim == 8)
            memcpy(o + p0, c, 8);
        else
            memcpy(o + p0, c, (size_t)lim);
        return;
    }
    while (i < lim) {
        const int32_t seg = x < g->ow ? (g->ow - x < lim - i ? g->ow - x : lim - i) : 0;
        if (seg == 8)
            memcpy(o + (size_t)y * (size_t)g->ow + (size_t)x, c, 8);
        else if (seg > 0)
            memcpy(o + (size_t)y * (size_t)g->ow + (size_t)x, c + i, (size_t)seg);
        i += g->pw - x;
        x = 0, y++;
    }
}

/* u8 widened to int16 (vpmovzxbw), times the int16 weights, pairs summed
 * into int32 by vpmaddwd (|2 * 255 * 128| fits: no saturation); the two
 * pair sums of a pixel are kept apart and added once at the end.  With rq,
 * the output stage is fused (qg_gemm_rq): the 8 accumulators of a row are
 * requantized in registers (qg_rq_x8) and stored as codes. */
QG_UNUSED static void qg_gemm4_rq(const uint8_t *B, const int32_t *koff, const int8_t *W, int32_t nkq,
                                  const int32_t *corr, int32_t *acc, int32_t pitch, int32_t np, const qg_gemm_rq *rq)
{
    int32_t p0, k, r, px = 0, py = 0;   /* p0's column and row in the grid (pw per row) */
    for (p0 = 0; p0 < np; p0 += 8, px += 8) {
        __m256i a00 = _mm256_setzero_si256(), a01 = a00, a10 = a00, a11 = a00;
        __m256i a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        const uint8_t *bp = B + (size_t)p0 * 4;
        const int8_t *w = W;
        if (rq)
            while (px >= rq->pw)
                px -= rq->pw, py++;
        for (k = 0; k < nkq; k++, w += 16) {
            const uint8_t *b = bp + koff[k];
            const __m256i x0 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(const void *)b));
            const __m256i x1 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(b + 16)));
            const __m256i ww = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)w));
            __m256i wr = _mm256_permute4x64_epi64(ww, 0x00);
            a00 = _mm256_add_epi32(a00, _mm256_madd_epi16(x0, wr));
            a01 = _mm256_add_epi32(a01, _mm256_madd_epi16(x1, wr));
            wr = _mm256_permute4x64_epi64(ww, 0x55);
            a10 = _mm256_add_epi32(a10, _mm256_madd_epi16(x0, wr));
            a11 = _mm256_add_epi32(a11, _mm256_madd_epi16(x1, wr));
            wr = _mm256_permute4x64_epi64(ww, 0xaa);
            a20 = _mm256_add_epi32(a20, _mm256_madd_epi16(x0, wr));
            a21 = _mm256_add_epi32(a21, _mm256_madd_epi16(x1, wr));
            wr = _mm256_permute4x64_epi64(ww, 0xff);
            a30 = _mm256_add_epi32(a30, _mm256_madd_epi16(x0, wr));
            a31 = _mm256_add_epi32(a31, _mm256_madd_epi16(x1, wr));
        }
        for (r = 0; r < 4; r++) {
            const __m256i lo = r == 0 ? a00 : r == 1 ? a10 : r == 2 ? a20 : a30;
            const __m256i hi = r == 0 ? a01 : r == 1 ? a11 : r == 2 ? a21 : a31;
            /* hadd: [p0 p1 p4 p5 | p2 p3 p6 p7] -> p0..p7 */
            const __m256i sum = _mm256_add_epi32(_mm256_permute4x64_epi64(_mm256_hadd_epi32(lo, hi), 0xd8),
                                                 _mm256_set1_epi32(corr[r]));
            if (rq) {
                if (r < rq->rows)
                    qg_gemm_codes(rq, r, p0, px, py, qg_rq_x8(sum, &rq->k[r]));
            } else
                _mm256_storeu_si256((__m256i *)(void *)(acc + r * pitch + p0), sum);
        }
    }
}

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
