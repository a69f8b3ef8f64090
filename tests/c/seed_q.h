/* seed_q.h: integer-only C99 version of examples/seed/net.py (class Net).
 * HAND-WRITTEN model of what `qgen` emits as NAME_q.h (here NAME = net);
 * see seed_q.c.
 *
 * Usage:
 *     static unsigned char w[...];            (the .qgw file, any alignment)
 *     if (net_init(w, size) != 0) ...        validates, binds, no copy
 *     net_run(in, out);                      in: NET_IN_SIZE floats (C x H x W),
 *                                            out: NET_OUT_SIZE floats
 * The weights buffer must stay alive and unchanged while the model is used.
 * Not reentrant: one image at a time (the activations live in one arena).
 *
 * Arena: static inside seed_q.c by default.  Compile seed_q.c AND the code
 * that defines the arena with -DNET_ARENA_EXTERN to supply it yourself
 * (e.g. to place it in a given RAM section):
 *     unsigned char net_arena[NET_ARENA_BYTES];   16-byte aligned (else init
 *                                                 returns QG_E_ARENA)
 * The arena also holds the model's state (the tensor pointers bound by
 * net_init), so it must not be shared with anything else between net_init
 * and the last net_run.
 */
#ifndef NET_Q_H
#define NET_Q_H

#include <stddef.h>
#include <stdint.h>

#define NET_IN_C 1
#define NET_IN_H 28
#define NET_IN_W 28
#define NET_IN_SIZE 784            /* NET_IN_C * NET_IN_H * NET_IN_W, one image */
#define NET_OUT_SIZE 10
#define NET_FINGERPRINT 0x0123456789abcdefULL
#define NET_NTENSORS 18            /* entries of the weights file's table */

/* Activations and kernel scratch, planned by lifetime: 27904 bytes (the sum
 * of all activations of the graph is 40434 bytes, 8554 of them stored: the
 * conv outputs are fused with their max_pool2d); plus the state, one
 * pointer per tensor and one more, rounded up to 64 bytes (192 bytes on a
 * 64-bit host, 128 on a 32-bit one).  So 28096 bytes on a 64-bit host. */
#define NET_ACT_BYTES 27904
#define NET_STATE_BYTES ((sizeof(void *) * (NET_NTENSORS + 1) + 63) / 64 * 64)
#define NET_ARENA_BYTES (NET_ACT_BYTES + NET_STATE_BYTES)

#ifdef NET_ARENA_EXTERN
extern unsigned char net_arena[NET_ARENA_BYTES];
#endif

#ifndef QG_ERRORS_DEFINED   /* the same enum as in the kernel library */
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

/* Validate the weights (a .qgw file image of `size` bytes) and bind the
 * model to them.  0 on success, else a negative QG_E_* code; after a
 * failure the model stays unbound (net_run returns QG_E_NOINIT). */
int net_init(const void *weights, size_t size);

/* One image: NET_IN_SIZE floats in, NET_OUT_SIZE floats out.  0 or QG_E_NOINIT. */
int net_run(const float *in, float *out);

/* The same on codes: the quantized input (x's scale and zero point) in,
 * the last node's codes out (dequantize with output.f). */
int net_run_q(const uint8_t *in, uint8_t *out);

/* A message for a QG_E_* code. */
const char *net_strerror(int err);

#endif /* NET_Q_H */
