/* make-random-qgw.c: write a valid .qgw weights file with random values for
 * the tensor table of a generated (or hand-written) NAME_q.c, so that the C
 * can be run and timed without PyTorch.
 *
 *   cc -std=c99 -O2 -o make-random-qgw make-random-qgw.c          (seed_q.c)
 *   cc -std=c99 -O2 -DNET_SOURCE='"other_q.c"' -DNET_TABLE=other_tensors \
 *      -DNET_FP=OTHER_FINGERPRINT -DNET_N=OTHER_NTENSORS -o ... make-random-qgw.c
 *   ./make-random-qgw OUT.qgw [SEED]
 *
 * The values are random but within the ranges init accepts and shaped like
 * real parameters (per field, by the name's suffix, docs/quantization.md
 * section 5):
 *   *.i int32[3]  (QInput)            {zp, 0, 255}
 *   *.i int32[4]  (QConv2d, QLinear)  {zp_in = previous zp_out, zp_out,
 *                                      act_min (relu: zp_out, last node: 0), 255}
 *   *.w int8      uniform in [-127, 127]
 *   *.b int32     uniform in [-2000, 2000]
 *   *.m int32     uniform in [2^30, 2^31 - 1] (a QuantizeMultiplier mantissa)
 *   *.s int32     uniform in [-11, -7]
 *   *.f float32   {scale} in [0.005, 0.05), or {scale, zp} for output.f
 *   anything else random bytes (uint8) or zeros (other int32 fields).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NET_SOURCE
#define NET_SOURCE "seed_q.c"
#define NET_TABLE net_tensors
#define NET_FP NET_FINGERPRINT
#define NET_N NET_NTENSORS
#endif
#include NET_SOURCE

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static int32_t rnd_in(int32_t lo, int32_t hi) /* inclusive */
{
    return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

static void putf(unsigned char *p, float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    put32(p, u);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int main(int argc, char **argv)
{
    const qg_tensor_spec *spec = NET_TABLE;
    const uint32_t n = (uint32_t)NET_N;
    static const uint32_t esize[4] = {4, 4, 1, 1};
    uint64_t off[4096], nbytes[4096], end;
    unsigned char *buf;
    size_t size;
    uint32_t k, d, last_node = 0;
    int32_t zp = 0;
    FILE *f;
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s OUT.qgw [SEED]\n", argv[0]);
        return 2;
    }
    if (argc == 3)
        rng_state ^= strtoull(argv[2], NULL, 0) * 0xff51afd7ed558ccdULL;
    if (n > 4096) {
        fprintf(stderr, "%s: table too large\n", argv[0]);
        return 1;
    }
    end = 24 + 80 * (uint64_t)n;
    for (k = 0; k < n; k++) {
        uint64_t c = 1;
        for (d = 0; d < spec[k].ndim; d++)
            c *= spec[k].dims[d];
        nbytes[k] = c * esize[spec[k].dtype];
        off[k] = (end + 15) / 16 * 16;
        end = off[k] + nbytes[k];
        if (ends_with(spec[k].name, ".i") && spec[k].ndim == 1 && spec[k].dims[0] == 4)
            last_node = k;
    }
    size = (size_t)end + 4;
    buf = (unsigned char *)calloc(1, size);
    if (!buf)
        return 1;
    memcpy(buf, "QGW1", 4);
    put32(buf + 4, 1);
    put64(buf + 8, NET_FP);
    put32(buf + 16, n);
    put32(buf + 20, 24 + 80 * n);
    for (k = 0; k < n; k++) {
        unsigned char *e = buf + 24 + 80 * k, *p = buf + off[k];
        const char *name = spec[k].name;
        const uint64_t cnt = nbytes[k] / esize[spec[k].dtype];
        uint64_t i;
        memcpy(e, name, strlen(name));
        put32(e + 40, spec[k].dtype);
        put32(e + 44, spec[k].ndim);
        for (d = 0; d < 4; d++)
            put32(e + 48 + 4 * d, spec[k].dims[d]);
        put64(e + 64, off[k]);
        put64(e + 72, nbytes[k]);
        if (spec[k].dtype == QG_I32 && ends_with(name, ".i") && cnt == 3) {
            zp = rnd_in(0, 255);
            put32(p, (uint32_t)zp);
            put32(p + 4, 0);
            put32(p + 8, 255);
        } else if (spec[k].dtype == QG_I32 && ends_with(name, ".i") && cnt == 4) {
            const int32_t zo = rnd_in(0, 255);
            put32(p, (uint32_t)zp);
            put32(p + 4, (uint32_t)zo);
            put32(p + 8, k == last_node ? 0u : (uint32_t)zo);
            put32(p + 12, 255);
            zp = zo;
        } else if (spec[k].dtype == QG_I32) {
            for (i = 0; i < cnt; i++) {
                int32_t v = 0;
                if (ends_with(name, ".b"))
                    v = rnd_in(-2000, 2000);
                else if (ends_with(name, ".m"))
                    v = (int32_t)(0x40000000u + (rnd() & 0x3fffffffu));
                else if (ends_with(name, ".s"))
                    v = rnd_in(-11, -7);
                put32(p + 4 * i, (uint32_t)v);
            }
        } else if (spec[k].dtype == QG_F32) {
            putf(p, 0.005f + (float)(rnd() % 1000u) * 0.000045f);
            if (cnt == 2)
                putf(p + 4, (float)zp);
        } else if (spec[k].dtype == QG_I8) {
            for (i = 0; i < cnt; i++)
                p[i] = (unsigned char)(int8_t)rnd_in(-127, 127);
        } else {
            for (i = 0; i < cnt; i++)
                p[i] = (unsigned char)rnd();
        }
    }
    put32(buf + end, qg_crc32(0, buf, (size_t)end));
    f = fopen(argv[1], "wb");
    if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[1]);
        return 1;
    }
    free(buf);
    return 0;
}
