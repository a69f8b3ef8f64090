/* passes.c: the graph rewrites for quantization: give every node its
 * quantized form; fold each BatchNorm into the conv before it; fuse ReLU /
 * ReLU6 / Hardtanh into the op that requantizes before them (conv, linear,
 * add, mul, a table); find, for every value, the node whose output parameters describe it. */
#include "qgen.h"
#include <string.h>

/* Tensor inputs of a node, in argument order (cat's list flattened). */
static void tensor_inputs(Value *v, Node **out, int *n) {
  /* a chunk's or split's tuple of pieces counts as its reader's input */
  if (v->kind == V_PROXY && (v->node->is_tensor || v->node->nparts))
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
  case Q_MAXPOOL: case Q_AVGPOOL: case Q_ADAPTIVE_AVGPOOL: case Q_ADD: case Q_CAT: case Q_MUL:
  case Q_SIGMOID: case Q_HARDSWISH: case Q_HARDSIGMOID: case Q_SILU: case Q_TANH: case Q_GELU: case Q_LEAKY_RELU:
  case Q_ELU: case Q_MISH: case Q_SUB: case Q_DIV: case Q_TABLE:
  case Q_SOFTMAX: case Q_LOG_SOFTMAX: case Q_UPSAMPLE: case Q_MEAN: case Q_PERMUTE: case Q_PAD: case Q_ADAPTIVE_MAXPOOL: case Q_PRELU:
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
    else if (n->q == Q_SIZE && n->nparts)
      n->q = Q_PARTS;                /* chunk[1:] */
    else if (n->q == Q_SIZE && n->is_tensor)
      n->q = Q_SLICE;                /* chunk[0] */
    if (n->q == Q_UNSUPPORTED || n->q == Q_NONE)
      error_at(n->loc, "qgen cannot quantize %s: it has no integer form", what(n));
    if (n->q == Q_DIV && node_ninputs(n) != 1)
      error_at(n->loc, "qgen quantizes %s of a tensor and a number only, not of two tensors", n->def->name);
    if (n->q == Q_DIV && !(node_operand(n, 0, n->loc)->kind == V_PROXY))
      error_at(n->loc, "qgen quantizes a tensor divided by a number, not a number divided by a tensor");
    if (n->q == Q_OUTPUT && (n->args->list->items[0]->kind != V_PROXY || !n->args->list->items[0]->node->is_tensor))
      error_at(n->loc, "qgen quantizes models whose forward() returns one tensor");
    n->tail = n;
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
    bool requantizes = head->q == Q_CONV || head->q == Q_LINEAR || head->q == Q_ADD || head->q == Q_BATCHNORM ||
                       head->q == Q_MUL || head->q == Q_PRELU || (head->q >= Q_SIGMOID && head->q <= Q_TABLE);
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
    else if (n->q == Q_SLICE)
      n->qsrc = node_input(n, 0)->qsrc;
    else if (n->q == Q_PASS || n->q == Q_IDENTITY || n->q == Q_OUTPUT || n->q == Q_PARTS) {
      Node *p = node_input(n, 0);
      n->qsrc = p->qsrc;
      n->alias = p->alias ? p->alias : p;
    }
  }
}
