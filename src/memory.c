/* memory.c: the arena plan. Every value the C stores and every kernel's
 * scratch gets an offset in the arena, from their lifetimes counted in
 * steps, so that the arena is the peak of what is live at once rather
 * than the sum of it all. */
#include "qgen.h"

typedef struct {
  Tensor *value;        /* a value's codes, or */
  Step *scratch_of;     /* a step's scratch, or its packed weights (packed) */
  bool packed;
  int64_t size, offset;
  int born, dies;       /* first and last step that touch it */
} Block;

static int when(const Program *p, const Step *s) { return (int)(s - p->steps); }

/* Packed weights first (init writes them; they live through every run),
 * then values, in the order of the steps that write them (a max pool the
 * conv before it computes is written at the conv's step), then scratch. */
static int make_blocks(Program *p, Block *blocks, int *block_of) {
  int nb = 0;
  for (int i = 0; i < p->nsteps; i++)
    if (p->steps[i].packed > 0)
      blocks[nb++] = (Block){NULL, &p->steps[i], true, (p->steps[i].packed + 63) & ~(int64_t)63, 0, 0, p->nsteps};
  for (int i = 0; i < p->nsteps; i++) {
    Step *s = &p->steps[i];
    /* the steps that write codes: the modules, a chunk's pieces, a tensor's subscripts */
    if ((!s->module && s->kind != STEP_SLICE && s->kind != STEP_INDEX) || s->out->store != s->out)
      continue;
    const Step *writer = s->pooled_by ? s->pooled_by : s;
    blocks[nb] = (Block){s->out, NULL, false, (s->out->bytes + 15) & ~(int64_t)15, 0, when(p, writer), i};
    block_of[s->out - p->tensors] = nb++;
  }
  for (int i = 0; i < p->nsteps; i++)
    if (p->steps[i].scratch > 0)
      blocks[nb++] = (Block){NULL, &p->steps[i], false, (p->steps[i].scratch + 63) & ~(int64_t)63, 0, i, i};
  return nb;
}

/* A value lives until the last step that reads it, or reads a view of it. */
static void extend_lifetimes(const Program *p, Block *blocks, const int *block_of) {
  for (int i = 0; i < p->nsteps; i++)
    for (int k = 0; k < p->steps[i].nin; k++) {
      const Tensor *store = p->steps[i].in[k]->store;
      int b = store ? block_of[store - p->tensors] : -1;
      if (b >= 0 && i > blocks[b].dies)
        blocks[b].dies = i;
    }
}

/* First fit: each block at the lowest offset free for its whole life,
 * every block 64-byte aligned (the kernels' scratch needs 16). */
static void first_fit(Program *p, Block *blocks, int nb) {
  for (int b = 0; b < nb; b++) {
    int64_t off = 0;
    for (bool moved = true; moved;) {
      moved = false;
      for (int o = 0; o < b; o++) {
        Block *x = &blocks[o];
        bool overlap_time = x->born <= blocks[b].dies && blocks[b].born <= x->dies;
        bool overlap_mem = x->offset < off + blocks[b].size && off < x->offset + x->size;
        if (overlap_time && overlap_mem) {
          off = (x->offset + x->size + 63) & ~(int64_t)63;
          moved = true;
        }
      }
    }
    blocks[b].offset = off;
    if (off + blocks[b].size > p->arena_bytes)
      p->arena_bytes = off + blocks[b].size;
    p->total_bytes += blocks[b].size;
  }
}

/* The buffers in graph order, each step's scratch and packed weights after
 * its node's value. */
static void list_buffers(Program *p) {
  p->buffers = arena_alloc(sizeof(Buffer) * (size_t)(p->ntensors + 2 * p->nsteps));
  for (int i = 0; i < p->ntensors; i++) {
    const Tensor *t = &p->tensors[i];
    if (t->store == t)
      p->buffers[p->nbuffers++] = (Buffer){t, NULL, t->offset, t->bytes, false};
    const Step *s = t->step;
    if (s->node == t->node && s->scratch > 0)
      p->buffers[p->nbuffers++] = (Buffer){NULL, s, s->scratch_offset, s->scratch, false};
    if (s->node == t->node && s->packed > 0)
      p->buffers[p->nbuffers++] = (Buffer){NULL, s, s->packed_offset, s->packed, true};
  }
}

void plan_memory(Program *p) {
  Block *blocks = arena_alloc(sizeof(Block) * (size_t)(3 * p->nsteps));
  int *block_of = arena_alloc(sizeof(int) * (size_t)p->ntensors);
  for (int i = 0; i < p->ntensors; i++)
    block_of[i] = -1;
  int nb = make_blocks(p, blocks, block_of);
  extend_lifetimes(p, blocks, block_of);
  first_fit(p, blocks, nb);
  for (int b = 0; b < nb; b++) {
    if (blocks[b].value)
      blocks[b].value->offset = blocks[b].offset;
    else if (blocks[b].packed)
      blocks[b].scratch_of->packed_offset = blocks[b].offset;
    else
      blocks[b].scratch_of->scratch_offset = blocks[b].offset;
  }
  list_buffers(p);
}
