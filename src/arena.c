/* arena.c: qgen's allocator and output buffers.
 * qgen is a short-lived compiler: every allocation comes from a chain of
 * large blocks that is released once, at exit. Nothing is freed one by one. */
#include "qgen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Block {
  struct Block *next;
  size_t used, size;
  max_align_t data[];
} Block;

static Block *blocks;
static size_t arena_total;   /* bytes taken from malloc */
static bool over_limit;
Loc arena_blame;

void *arena_alloc(size_t size) {
  size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  if (!blocks || blocks->used + size > blocks->size) {
    size_t bsize = size > (1u << 20) ? size : (1u << 20);
    Block *b = calloc(1, sizeof(Block) + bsize);   /* zeroed once, here */
    if (!b)
      fatal("out of memory");
    b->next = blocks;
    b->used = 0;
    b->size = bsize;
    blocks = b;
    arena_total += bsize;
    if (arena_total > QGEN_MAX_MEMORY && !over_limit) {
      over_limit = true;   /* the error message itself allocates */
      error_at(arena_blame, "out of memory: this needs more than qgen's limit of %zu MiB", QGEN_MAX_MEMORY >> 20);
    }
  }
  void *p = (char *)blocks->data + blocks->used;
  blocks->used += size;
  return p;   /* never used before, so still zero */
}

void *arena_grow(void *ptr, size_t old, size_t size) {
  void *p = arena_alloc(size);
  if (ptr && old)
    memcpy(p, ptr, old < size ? old : size);
  return p;
}

char *arena_strndup(const char *s, size_t n) {
  char *p = arena_alloc(n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *arena_strdup(const char *s) { return arena_strndup(s, strlen(s)); }

char *format(const char *fmt, ...) {
  Buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  return (char *)buf_str(&b);
}

/* A process that compiles many inputs (the fuzz harnesses) sets a mark once
 * its tables are made (ops_init) and releases back to it after each input:
 * the blocks taken since are freed, and what was used of the marked block
 * is zeroed again, as arena_alloc promises. */
ArenaMark arena_mark(void) {
  return (ArenaMark){blocks, blocks ? blocks->used : 0, arena_total};
}

void arena_release(ArenaMark m) {
  while (blocks && blocks != m.block) {
    Block *next = blocks->next;
    free(blocks);
    blocks = next;
  }
  if (blocks) {
    memset((char *)blocks->data + m.used, 0, blocks->used - m.used);
    blocks->used = m.used;
  }
  arena_total = m.total;
  over_limit = false;
  arena_blame = (Loc){0};
}

void arena_free_all(void) {
  while (blocks) {
    Block *next = blocks->next;
    free(blocks);
    blocks = next;
  }
  arena_total = 0;
  over_limit = false;
  arena_blame = (Loc){0};
}

static void buf_reserve(Buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap * 2 : 32;
  while (cap < b->len + extra + 1)
    cap *= 2;
  b->data = arena_grow(b->data, b->len, cap);
  b->cap = cap;
}

void buf_putn(Buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

void buf_puts(Buf *b, const char *s) { buf_putn(b, s, strlen(s)); }
void buf_putc(Buf *b, char c) { buf_putn(b, &c, 1); }

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  buf_reserve(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

const char *buf_str(Buf *b) {
  buf_reserve(b, 0);
  b->data[b->len] = 0;
  return b->data;
}
