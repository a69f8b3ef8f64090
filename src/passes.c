/* passes.c: the graph rewrites for quantization.
 *   plan:   give every node its quantized form; fold each BatchNorm into the
 *           conv before it; fuse ReLU / ReLU6 / Hardtanh into the op that
 *           requantizes before them (conv, linear, add); find, for every
 *           value, the node whose output parameters describe it.
 *   memory: give every value the C code computes an arena offset, from the
 *           values' lifetimes, so the arena is the peak of live activations. */
#include "qgen.h"
#include <string.h>

/* Tensor inputs of a node, in argument order (cat's list flattened). */
static void tensor_inputs(Value *v, Node **out, int *n) {
  if (v->kind == V_PROXY && v->node->is_tensor)
    out[(*n)++] = v->node;
  else if (v_is_seq(v))
    for (int i = 0; i < v->list->n && *n < 64; i++)
      tensor_inputs(v->list->items[i], out, n);
}

static int inputs_of(const Node *n, Node **out) {
  int k = 0;
  tensor_inputs(n->args, out, &k);
  return k;
}

int node_ninputs(const Node *n) {
  Node *in[64];
  return inputs_of(n, in);
}

Node *node_input(const Node *n, int k) {
  Node *in[64];
  int m = inputs_of(n, in);
  return k < m ? in[k] : NULL;
}

bool node_is_qmodule(const Node *n) {
  if (n->fused_into)
    return false;
  switch (n->q) {
  case Q_INPUT: case Q_CONV: case Q_LINEAR: case Q_BATCHNORM: case Q_RELU: case Q_RELU6: case Q_HARDTANH:
  case Q_MAXPOOL: case Q_AVGPOOL: case Q_ADAPTIVE_AVGPOOL: case Q_ADD: case Q_CAT: case Q_SIGMOID:
    return true;
  default:
    return false;
  }
}

static const char *what(const Node *n) {
  return n->op == N_CALL_MODULE ? format("%s (%s)", n->target, n->def->name) : n->target;
}

static bool is_activation(QKind q) { return q == Q_RELU || q == Q_RELU6 || q == Q_HARDTANH; }

void pass_quantize_plan(Graph *g) {
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    n->q = n->op == N_PLACEHOLDER ? Q_INPUT : n->op == N_OUTPUT ? Q_OUTPUT : n->def ? n->def->q : Q_NONE;
    if (n->const_value)
      n->q = Q_SIZE;
    if (n->q == Q_UNSUPPORTED || n->q == Q_NONE)
      error_at(n->loc, "qgen cannot quantize %s: it has no integer form", what(n));
    if (n->q == Q_ADD && node_ninputs(n) != 2)
      error_at(n->loc, "qgen quantizes the sum of two tensors only, not a tensor and a constant");
    if (n->q == Q_ADD && (node_input(n, 0)->ndim != n->ndim || node_input(n, 1)->ndim != n->ndim ||
                          memcmp(node_input(n, 0)->shape, n->shape, sizeof(int) * (size_t)n->ndim) ||
                          memcmp(node_input(n, 1)->shape, n->shape, sizeof(int) * (size_t)n->ndim)))
      error_at(n->loc, "qgen quantizes the sum of two tensors of one shape only, not a broadcast");
    if (n->q == Q_OUTPUT && (n->args->list->items[0]->kind != V_PROXY || !n->args->list->items[0]->node->is_tensor))
      error_at(n->loc, "qgen quantizes models whose forward() returns one tensor");
    n->tail = n;
    n->buffer = -1;
  }
  /* BatchNorm folds into the conv it follows, if nothing else reads the
   * conv; any other BatchNorm (pre-activation blocks) stands alone as a
   * per-channel affine requantization. */
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->q != Q_BATCHNORM)
      continue;
    Node *p = node_input(n, 0);
    if (p->q != Q_CONV || p->nusers != 1 || p->fused_bn || p->fused_act)
      continue;
    p->fused_bn = n;
    p->tail = n;
    n->fused_into = p;
  }
  /* An activation fuses into the clamp of the op that requantizes before it. */
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (!is_activation(n->q))
      continue;
    Node *p = node_input(n, 0);
    Node *head = p->fused_into ? p->fused_into : p;
    bool requantizes = head->q == Q_CONV || head->q == Q_LINEAR || head->q == Q_ADD || head->q == Q_BATCHNORM;
    if (requantizes && !head->fused_act && p->nusers == 1) {
      head->fused_act = n;
      head->tail = n;
      n->fused_into = head;
    }
  }
  /* Which quantized module's output parameters describe each value. */
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->fused_into)
      n->qsrc = n->fused_into;
    else if (node_is_qmodule(n))
      n->qsrc = n;
    else if (n->q == Q_PASS || n->q == Q_IDENTITY || n->q == Q_OUTPUT) {
      Node *p = node_input(n, 0);
      n->qsrc = p->qsrc;
      n->alias = p->alias ? p->alias : p;
    }
  }
}

/* ------------------------------------------------------------ memory */
typedef struct {
  Node *node;
  int64_t size, offset;
  int born, dies;
} Block;

void pass_memory_plan(Graph *g, int64_t (*scratch)(Node *n), int64_t *scratch_off, int64_t *arena_bytes,
                      int64_t *total_bytes) {
  /* Values with their own codes: the tail of every quantized module (a
   * conv that computes the max pool after it stores the pool's output,
   * from the conv's step on). Then each step's scratch. */
  Block *blocks = arena_alloc(sizeof(Block) * (size_t)(2 * g->n));
  int nb = 0;
  int *block_of = arena_alloc(sizeof(int) * (size_t)g->n);
  for (int i = 0; i < g->n; i++)
    block_of[i] = -1;
  Node **pooled_by = arena_alloc(sizeof(Node *) * (size_t)g->n);   /* pool -> the conv tail computing it */
  for (int i = 0; i < g->n; i++)
    if (g->nodes[i]->c_pool)
      pooled_by[g->nodes[i]->c_pool->index] = g->nodes[i];
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (!node_is_qmodule(n) || n->tail->c_pool)
      continue;
    Node *t = n->tail, *producer = pooled_by[t->index] ? pooled_by[t->index] : t;
    int64_t per_image = t->ndim > 1 ? shape_numel(t->shape, t->ndim) / t->shape[0] : shape_numel(t->shape, t->ndim);
    blocks[nb] = (Block){t, (per_image + 15) & ~(int64_t)15, 0, producer->index, t->index};
    block_of[t->index] = nb++;
  }
  int nvalues = nb;
  for (int i = 0; i < g->n; i++) {
    int64_t s = scratch(g->nodes[i]);
    if (s > 0) {
      int when = g->nodes[i]->tail->index;
      blocks[nb++] = (Block){g->nodes[i], (s + 63) & ~(int64_t)63, 0, when, when};
    }
  }
  /* A value lives until its last reader, through the aliases that read it. */
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    int b = block_of[(n->alias ? n->alias : n)->index];
    if (b < 0)
      continue;
    for (int u = 0; u < n->nusers; u++) {
      Node *user = n->users[u];
      Node *head = user->fused_into ? user->fused_into : user;
      int when = head->tail ? head->tail->index : user->index;
      if (when > blocks[b].dies)
        blocks[b].dies = when;
    }
  }
  /* First fit: each block at the lowest offset free for its whole life,
   * every block 64-byte aligned (the kernels' scratch needs 16). */
  int64_t peak = 0, total = 0;
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
    if (b < nvalues)
      blocks[b].node->buffer = (int)off;
    else
      scratch_off[blocks[b].node->index] = off;
    if (off + blocks[b].size > peak)
      peak = off + blocks[b].size;
    total += blocks[b].size;
  }
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->alias)
      n->buffer = n->alias->buffer;
    else if (n->fused_into)
      n->buffer = n->fused_into->tail->buffer;
  }
  *arena_bytes = peak;
  *total_bytes = total;
}
