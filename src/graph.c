/* graph.c: the FX-like node list, FX's naming rules, and its printers:
 * the code torch.fx 1.13 prints (--emit fx), a table (--emit graph) and
 * JSON (--emit json). */
#include "qgen.h"
#include <stdio.h>
#include <string.h>

Graph *graph_new(Value *root, const Source *src) {
  Graph *g = arena_alloc(sizeof *g);
  g->root = root;
  g->src = src;
  g->names = dict_new();
  g->class_name = v_type_name(root);
  return g;
}

/* Names a node may not take (FX's _is_illegal_name): Python keywords,
 * builtins, and FX's own globals. */
static const char *reserved[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
  "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
  "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict",
  "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
  "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
  "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next",
  "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
  "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
  "vars", "zip", "Ellipsis", "NotImplemented", "__build_class__", "__debug__", "__doc__", "__import__",
  "__loader__", "__name__", "__package__", "__spec__", "BaseException", "Exception", "ArithmeticError",
  "AssertionError", "AttributeError", "EOFError", "IndexError", "KeyError", "NameError", "OSError",
  "RuntimeError", "StopIteration", "TypeError", "ValueError", "ZeroDivisionError", "Warning",
  "inf", "nan", "NoneType", "torch", "device", "fx_pytree", "pytree", NULL};

static bool illegal_name(const char *s) {
  for (const char **r = reserved; *r; r++)
    if (!strcmp(*r, s))
      return true;
  return false;
}

/* FX's _snake_case: lower-case, '_' before an upper-case letter that
 * follows a lower-case one. */
static const char *snake_case(const char *s) {
  Buf b = {0};
  bool prev_lower = false;
  for (; *s; s++) {
    bool upper = *s >= 'A' && *s <= 'Z', lower = *s >= 'a' && *s <= 'z';
    if (prev_lower && upper)
      buf_putc(&b, '_');
    buf_putc(&b, upper ? (char)(*s - 'A' + 'a') : *s);
    prev_lower = lower;
  }
  return buf_str(&b);
}

/* FX's _Namespace.create_name. */
static const char *create_name(Graph *g, const char *candidate) {
  Buf b = {0};
  bool in_bad = false;
  for (const char *s = candidate; *s; s++) {
    bool ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_';
    if (ok)
      buf_putc(&b, *s);
    else if (!in_bad)
      buf_putc(&b, '_');
    in_bad = !ok;
  }
  const char *c = buf_str(&b);
  if (c[0] >= '0' && c[0] <= '9')
    c = format("_%s", c);
  /* base, num from (.*)_(\d+)$ */
  const char *base = c;
  long num = -1;
  size_t len = strlen(c), k = len;
  while (k > 0 && c[k - 1] >= '0' && c[k - 1] <= '9')
    k--;
  if (k < len && k > 0 && c[k - 1] == '_') {
    base = arena_strndup(c, k - 1);
    num = strtol(c + k, NULL, 10);
  }
  const char *name = num < 0 ? base : format("%s_%ld", base, num);
  if (num < 0)
    num = 0;
  while (dict_get(g->names, name) || illegal_name(name))
    name = format("%s_%ld", base, ++num);
  dict_set(g->names, name, &true_value);
  return name;
}

Node *graph_add(Graph *g, NodeOp op, const char *target, const char *candidate, Value *args, Dict *kwargs, Loc loc) {
  if (g->n == g->cap) {
    int cap = g->cap ? g->cap * 2 : 64;
    g->nodes = arena_grow(g->nodes, sizeof(Node *) * (size_t)g->n, sizeof(Node *) * (size_t)cap);
    g->cap = cap;
  }
  Node *n = arena_alloc(sizeof *n);
  n->op = op;
  n->target = target;
  n->name = op == N_OUTPUT ? "output" : create_name(g, snake_case(candidate));
  n->args = args;
  n->kwargs = kwargs;
  n->loc = loc;
  n->index = g->n;
  n->graph = g;
  g->nodes[g->n++] = n;
  return n;
}

/* Visit every node a value refers to, in FX's map_arg order. */
static void each_input(Value *v, void (*fn)(Node *in, void *ctx), void *ctx) {
  if (v->kind == V_PROXY)
    fn(v->node, ctx);
  else if (v_is_seq(v))
    for (int i = 0; i < v->list->n; i++)
      each_input(v->list->items[i], fn, ctx);
  else if (v->kind == V_DICT)
    for (int i = 0; i < v->dict->n; i++)
      each_input(v->dict->vals[i], fn, ctx);
}

static void each_node_input(Node *n, void (*fn)(Node *in, void *ctx), void *ctx) {
  each_input(n->args, fn, ctx);
  for (int i = 0; i < n->kwargs->n; i++)
    each_input(n->kwargs->vals[i], fn, ctx);
}

static void add_user(Node *in, void *ctx) {
  Node *user = ctx;
  if (in->nusers && in->users[in->nusers - 1] == user)
    return;   /* users arrive in order: a repeat is always the last one */
  if ((in->nusers & (in->nusers - 1)) == 0)
    in->users = arena_grow(in->users, sizeof(Node *) * (size_t)in->nusers, sizeof(Node *) * (size_t)(in->nusers ? 2 * in->nusers : 1));
  in->users[in->nusers++] = user;
}

void graph_compute_users(Graph *g) {
  for (int i = 0; i < g->n; i++) {
    g->nodes[i]->nusers = 0;
    g->nodes[i]->users = NULL;
  }
  for (int i = 0; i < g->n; i++)
    each_node_input(g->nodes[i], add_user, g->nodes[i]);
}

/* ------------------------------------------------------------ FX code */
/* FX's _format_args: positional reprs, then `key = repr`. */
static void format_args(Buf *b, Value *args, int from, Dict *kw) {
  bool first = true;
  for (int i = from; i < args->list->n; i++) {
    if (!first)
      buf_puts(b, ", ");
    v_repr(b, args->list->items[i]);
    first = false;
  }
  for (int i = 0; i < kw->n; i++) {
    if (!first)
      buf_puts(b, ", ");
    buf_printf(b, "%s = ", kw->keys[i]);
    v_repr(b, kw->vals[i]);
    first = false;
  }
}

void node_args_repr(Buf *b, Node *n) { format_args(b, n->args, 0, n->kwargs); }

/* FX's _format_target: self.a.b, getattr(self.a, "0") for non-identifiers. */
static void format_target(Buf *b, const char *base, const char *target) {
  Buf r = {0};
  buf_puts(&r, base);
  const char *s = target;
  while (*s) {
    size_t n = strcspn(s, ".");
    const char *e = arena_strndup(s, n);
    bool ident = !(e[0] >= '0' && e[0] <= '9') && n > 0;
    for (size_t i = 0; i < n; i++)
      if (!((e[i] >= 'a' && e[i] <= 'z') || (e[i] >= 'A' && e[i] <= 'Z') || (e[i] >= '0' && e[i] <= '9') || e[i] == '_'))
        ident = false;
    const char *prev = buf_str(&r);
    Buf next = {0};
    if (ident)
      buf_printf(&next, "%s.%s", prev, e);
    else
      buf_printf(&next, "getattr(%s, \"%s\")", prev, e);
    r = next;
    s += n;
    if (*s == '.')
      s++;
  }
  buf_puts(b, buf_str(&r));
}

static const char *infix_format(const OpDef *op) {
  switch (op ? op->id : OP_COUNT) {
  case OP_O_ADD: return "+";
  case OP_O_MUL: return "*";
  case OP_O_SUB: return "-";
  case OP_O_FLOORDIV: return "//";
  case OP_O_TRUEDIV: return "/";
  default: return NULL;
  }
}

/* One statement of FX's generated forward, without the newline. */
void node_statement(Buf *b, const Node *n) {
  Value **a = n->args->list->items;
  switch (n->op) {
  case N_PLACEHOLDER:
    if (strcmp(n->name, n->target))
      buf_printf(b, "%s = %s", n->name, n->target);
    return;
  case N_CALL_METHOD:
    buf_printf(b, "%s = ", n->name);
    v_repr(b, a[0]);
    buf_printf(b, ".%s(", n->target);
    format_args(b, n->args, 1, n->kwargs);
    buf_putc(b, ')');
    return;
  case N_CALL_FUNCTION: {
    buf_printf(b, "%s = ", n->name);
    const char *infix = infix_format(n->def);
    if (infix) {
      v_repr(b, a[0]);
      buf_printf(b, " %s ", infix);
      v_repr(b, a[1]);
    } else if (n->def->id == OP_O_NEG) {
      buf_putc(b, '-');
      v_repr(b, a[0]);
    } else if (n->def->id == OP_O_GETITEM) {
      v_repr(b, a[0]);
      buf_putc(b, '[');
      v_repr(b, a[1]);
      buf_putc(b, ']');
    } else if (n->def->id == OP_O_GETATTR) {
      v_repr(b, a[0]);
      buf_printf(b, ".%s", a[1]->s);
    } else {
      buf_printf(b, "%s(", n->target);
      format_args(b, n->args, 0, n->kwargs);
      buf_putc(b, ')');
    }
    return;
  }
  case N_CALL_MODULE:
    buf_printf(b, "%s = ", n->name);
    format_target(b, "self", n->target);
    buf_putc(b, '(');
    format_args(b, n->args, 0, n->kwargs);
    buf_putc(b, ')');
    return;
  case N_GET_ATTR:
    buf_printf(b, "%s = ", n->name);
    format_target(b, "self", n->target);
    return;
  case N_OUTPUT:
    buf_puts(b, "return ");
    v_repr(b, a[0]);
    return;
  }
}

typedef struct {
  Node **last_user;   /* by node index */
  Node *user;
  Node **dels;        /* what user is the last user of, in map_arg order */
  int ndels;
} LastUse;

static void count_input(Node *in, void *ctx) { (*(int *)ctx)++; }

static void register_last_use(Node *in, void *ctx) {
  LastUse *lu = ctx;
  if (lu->last_user[in->index])
    return;
  lu->last_user[in->index] = lu->user;
  lu->dels[lu->ndels++] = in;
}

static void fx_code(Buf *b, Graph *g) {
  /* FX frees each value after its last use: "x = None" */
  Node **last = arena_alloc(sizeof(Node *) * (size_t)g->n);
  Node ***dels = arena_alloc(sizeof(Node **) * (size_t)g->n);
  int *ndels = arena_alloc(sizeof(int) * (size_t)g->n);
  for (int i = g->n - 1; i >= 0; i--) {
    int count = 0;
    each_node_input(g->nodes[i], count_input, &count);
    LastUse lu = {last, g->nodes[i], arena_alloc(sizeof(Node *) * (size_t)(count + 1)), 0};
    each_node_input(g->nodes[i], register_last_use, &lu);
    dels[i] = lu.dels;
    ndels[i] = lu.ndels;
  }
  Buf body = {0};
  Buf params = {0};
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->op == N_PLACEHOLDER) {
      buf_printf(&params, ", %s", n->target);
      if (g->input_type)
        buf_printf(&params, " : %s", g->input_type);
      if (strcmp(n->name, n->target)) {
        node_statement(&body, n);
        buf_putc(&body, '\n');
      }
      continue;
    }
    node_statement(&body, n);
    if (ndels[i] && n->op != N_OUTPUT) {
      buf_puts(&body, ";  ");
      for (int k = 0; k < ndels[i]; k++)
        buf_printf(&body, "%s = ", dels[i][k]->name);
      buf_puts(&body, "None");
    }
    buf_putc(&body, '\n');
  }
  /* torch.fx.wrap'd functions are declared before forward, in order of first use */
  Buf wraps = {0};
  Dict *seen = dict_new();
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->def && (n->def->id == OP_FX_WRAPPED || n->def->id == OP_FX_WRAPPED_IDENTITY) && !dict_get(seen, n->target)) {
      dict_set(seen, n->target, &true_value);
      buf_printf(&wraps, "torch.fx._symbolic_trace.wrap(\"%s\")\n", n->target);
    }
  }
  buf_printf(b, "\n%s\ndef forward(self%s)%s%s:\n", wraps.len ? buf_str(&wraps) : "\n", buf_str(&params),
             g->return_type ? " -> " : "", g->return_type ? g->return_type : "");
  /* every line indented by four spaces, including the empty last one */
  const char *s = buf_str(&body);
  for (;;) {
    const char *nl = strchr(s, '\n');
    buf_puts(b, "    ");
    if (!nl) {
      buf_puts(b, s);
      break;
    }
    buf_putn(b, s, (size_t)(nl - s + 1));
    s = nl + 1;
  }
}

/* ----------------------------------------------------- module tree */
/* GraphModule copies the modules the graph calls (_copy_attr): a path
 * a.b.c installs empty Module()s for a and a.b, then the module at c. */
typedef struct Tree {
  const char *name;
  Object *orig;          /* a copied module; NULL for an empty Module() */
  struct Tree **kids;
  int nkids;
  Dict *by_name;         /* name -> kid, as a boxed pointer */
} Tree;

static Tree *tree_child(Tree *t, const char *name) {
  Value *v = t->by_name ? dict_get(t->by_name, name) : NULL;
  return v ? (Tree *)v->s : NULL;
}

static Tree *tree_add(Tree *t, const char *name, Object *orig) {
  Tree *k = arena_alloc(sizeof *k);
  k->name = name;
  k->orig = orig;
  if ((t->nkids & (t->nkids - 1)) == 0)   /* capacity doubles at powers of two */
    t->kids = arena_grow(t->kids, sizeof(Tree *) * (size_t)t->nkids, sizeof(Tree *) * (size_t)(t->nkids ? 2 * t->nkids : 1));
  t->kids[t->nkids++] = k;
  if (!t->by_name)
    t->by_name = dict_new();
  dict_set(t->by_name, name, v_str((const char *)k));
  return k;
}

static void copy_attr(Tree *root, Object *from, const char *target) {
  Tree *to = root;
  const char *s = target;
  for (;;) {
    size_t n = strcspn(s, ".");
    const char *item = arena_strndup(s, n);
    Value *f = dict_get(from->children, item);
    if (!s[n]) {
      if (f && f->kind == V_OBJECT && !tree_child(to, item))
        tree_add(to, item, f->obj);
      return;
    }
    Tree *t = tree_child(to, item);
    if (t && f && t->orig == f->obj)
      return;   /* a parent is installed already */
    if (!t)
      t = tree_add(to, item, NULL);
    if (!f || f->kind != V_OBJECT)
      return;
    from = f->obj;
    to = t;
    s += n + 1;
  }
}

/* nn.Module.__repr__, with _addindent(child, 2). */
static void module_repr(Buf *b, const char *name, Object *orig, Tree *t, int indent) {
  Buf extra = {0};
  if (orig && orig->nn && orig->nn->repr && !orig->cls)
    orig->nn->repr(&extra, orig->params);
  buf_printf(b, "%s(", name);
  int nkids = t ? t->nkids : orig ? orig->children->n : 0;
  if (extra.len && !nkids) {
    buf_puts(b, buf_str(&extra));
    buf_putc(b, ')');
    return;
  }
  if (extra.len || nkids) {
    if (extra.len)
      buf_printf(b, "\n%*s%s", indent + 2, "", buf_str(&extra));
    for (int i = 0; i < nkids; i++) {
      Tree *kt = t ? t->kids[i] : NULL;
      Object *ko = kt ? kt->orig : orig->children->vals[i]->obj;
      const char *key = kt ? kt->name : orig->children->keys[i];
      buf_printf(b, "\n%*s(%s): ", indent + 2, "", key);
      const char *kname = ko ? (ko->cls ? ko->cls->name : ko->nn->name) : "Module";
      module_repr(b, kname, ko, kt && !kt->orig ? kt : NULL, indent + 2);
    }
    buf_printf(b, "\n%*s", indent, "");
  }
  buf_putc(b, ')');
}

void emit_fx(Buf *b, Graph *g) {
  Tree root = {0};
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    if (n->op == N_CALL_MODULE || n->op == N_GET_ATTR)
      copy_attr(&root, g->root->obj, n->target);
  }
  module_repr(b, g->class_name, NULL, &root, 0);
  buf_putc(b, '\n');
  fx_code(b, g);
  buf_putc(b, '\n');
}

/* ----------------------------------------------------- table, json */
static const char *op_names[] = {"placeholder", "get_attr", "call_module", "call_function", "call_method", "output"};

static void put_dims(Buf *b, const int *shape, int ndim, int dim, int len) {
  buf_putc(b, '[');
  for (int i = 0; i < ndim; i++)
    buf_printf(b, "%s%d", i ? ", " : "", i == dim ? len : shape[i]);
  buf_putc(b, ']');
}

/* a tensor's [N, C, H, W]; chunk/split: the pieces' ([..], [..]); a size: = value */
static const char *node_shape(Node *n) {
  Buf b = {0};
  if (n->is_tensor && n->ndim < 0) {
    buf_putc(&b, '?');   /* no input shape was given */
  } else if (n->is_tensor) {
    put_dims(&b, n->shape, n->ndim, -1, 0);
  } else if (n->part_len) {
    buf_putc(&b, '(');
    for (int k = 0; k < n->nparts; k++) {
      buf_puts(&b, k ? ", " : "");
      put_dims(&b, n->shape, n->ndim, n->part_dim, n->part_len[k]);
    }
    buf_puts(&b, n->nparts == 1 ? ",)" : ")");
  } else if (n->const_value) {
    buf_puts(&b, "= ");
    v_repr(&b, n->const_value);
  }
  return buf_str(&b);
}

static const char *args_tuple(Node *n) {
  Buf b = {0};
  Value *args = n->args;
  if (n->op == N_OUTPUT)
    args = args->list->items[0];
  v_repr(&b, args);
  return buf_str(&b);
}

static const char *kwargs_dict(Node *n) {
  Buf b = {0};
  Value d = {.kind = V_DICT, .dict = n->kwargs};
  v_repr(&b, &d);
  return buf_str(&b);
}

static const char *target_text(Node *n) {
  return n->op == N_OUTPUT ? "output" : n->target;
}

static void put_row(Buf *b, const char **cells, const int *w) {
  for (int c = 0; c < 5; c++)
    buf_printf(b, "%-*s  ", w[c], cells[c]);
  buf_printf(b, "%s\n", cells[5]);
}

void emit_table(Buf *b, Graph *g) {
  const char *head[6] = {"opcode", "name", "target", "args", "kwargs", "shape"};
  int w[6];
  for (int c = 0; c < 6; c++)
    w[c] = (int)strlen(head[c]);
  const char **cells = arena_alloc(sizeof(char *) * 6 * (size_t)g->n);
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    const char **row = cells + 6 * i;
    row[0] = op_names[n->op];
    row[1] = n->name;
    row[2] = target_text(n);
    row[3] = args_tuple(n);
    row[4] = kwargs_dict(n);
    row[5] = node_shape(n);
    for (int c = 0; c < 6; c++)
      if ((int)strlen(row[c]) > w[c])
        w[c] = (int)strlen(row[c]);
  }
  put_row(b, head, w);
  for (int c = 0; c < 6; c++) {
    for (int k = 0; k < w[c]; k++)
      buf_putc(b, '-');
    buf_puts(b, c < 5 ? "  " : "\n");
  }
  for (int i = 0; i < g->n; i++)
    put_row(b, cells + 6 * i, w);
}

static void json_str(Buf *b, const char *s) {
  buf_putc(b, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      buf_printf(b, "\\%c", c);
    else if (c < 0x20)
      buf_printf(b, "\\u%04x", c);
    else
      buf_putc(b, (char)c);
  }
  buf_putc(b, '"');
}

void emit_json(Buf *b, Graph *g) {
  buf_puts(b, "{\n  \"class\": ");
  json_str(b, g->class_name);
  buf_puts(b, ",\n  \"file\": ");
  json_str(b, g->src->path);
  buf_puts(b, ",\n  \"nodes\": [");
  for (int i = 0; i < g->n; i++) {
    Node *n = g->nodes[i];
    buf_printf(b, "%s\n    {\"op\": \"%s\", \"name\": ", i ? "," : "", op_names[n->op]);
    json_str(b, n->name);
    buf_puts(b, ", \"target\": ");
    json_str(b, target_text(n));
    buf_puts(b, ", \"args\": ");
    json_str(b, args_tuple(n));
    buf_puts(b, ", \"kwargs\": ");
    json_str(b, kwargs_dict(n));
    if (n->is_tensor && n->ndim < 0) {
      buf_puts(b, ", \"shape\": null");
    } else if (n->is_tensor) {
      buf_puts(b, ", \"shape\": ");
      put_dims(b, n->shape, n->ndim, -1, 0);
    } else if (n->part_len) {
      buf_puts(b, ", \"parts\": [");
      for (int k = 0; k < n->nparts; k++) {
        buf_puts(b, k ? ", " : "");
        put_dims(b, n->shape, n->ndim, n->part_dim, n->part_len[k]);
      }
      buf_putc(b, ']');
    } else if (n->const_value) {
      buf_puts(b, ", \"value\": ");
      json_str(b, node_shape(n) + 2);
    }
    buf_printf(b, ", \"line\": %u, \"col\": %u}", n->loc.line, n->loc.col);
  }
  buf_puts(b, "\n  ]\n}\n");
}

/* FNV-1a 64 of the graph's table and its modules' reprs: both generated
 * files carry it, and the weights file must match it. */
uint64_t graph_fingerprint(Graph *g) {
  Buf b = {0};
  emit_table(&b, g);
  for (int i = 0; i < g->n; i++)
    if (g->nodes[i]->op == N_CALL_MODULE)
      module_repr(&b, g->nodes[i]->def->name, g->nodes[i]->module, NULL, 0);
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < b.len; i++) {
    h ^= (unsigned char)b.data[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}
