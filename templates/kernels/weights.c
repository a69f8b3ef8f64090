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
