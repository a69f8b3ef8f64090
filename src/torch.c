/* torch.c: the op table built from torch.def, signatures and argument
 * binding, torch.nn module construction, extra_repr, and shape rules. */
#include "qgen.h"
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define no_call NULL
#define no_shape NULL
#define no_repr NULL
OpDef op_table[OP_COUNT] = {
#define OP(id, kind, ns, name, q, sig, rec, npos, call, shape, repr, quant) \
  {OP_##id, OK_##kind, ns, name, q, sig, REC_##rec, npos, call, shape, repr, Q_##quant, 0, {0}, {0}, -1, false},
#include "torch.def"
#undef OP
};
#undef no_call
#undef no_shape
#undef no_repr

/* ------------------------------------------------------------ literals */
/* literal = int | float | 'str' | "str" | True | False | None
 *         | ( literal, ... ) | [ literal, ... ] | -literal */
static Value *parse_lit(const char **s, Loc loc) {
  while (isspace((unsigned char)**s))
    (*s)++;
  const char *p = *s;
  if (*p == '(' || *p == '[') {
    char close = *p == '(' ? ')' : ']';
    Value *v = *p == '(' ? v_tuple(0, NULL) : v_list(0, NULL);
    (*s)++;
    for (;;) {
      while (isspace((unsigned char)**s))
        (*s)++;
      if (**s == close) {
        (*s)++;
        return v;
      }
      list_push(v->list, parse_lit(s, loc));
      while (isspace((unsigned char)**s))
        (*s)++;
      if (**s == ',')
        (*s)++;
      else if (**s != close)
        error_at(loc, "bad literal '%s'", p);
    }
  }
  if (*p == '\'' || *p == '"') {
    const char *e = strchr(p + 1, *p);
    if (!e)
      error_at(loc, "unterminated string in '%s'", p);
    *s = e + 1;
    return v_str(arena_strndup(p + 1, (size_t)(e - p - 1)));
  }
  static const struct { const char *word; Value *v; } words[] = {
    {"True", &true_value}, {"False", &false_value}, {"None", &none_value}};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t n = strlen(words[i].word);
    if (!strncmp(p, words[i].word, n) && !isalnum((unsigned char)p[n]) && p[n] != '_') {
      *s = p + n;
      return words[i].v;
    }
  }
  char *end;
  long long i = strtoll(p, &end, 10);
  if (end != p && *end != '.' && *end != 'e' && *end != 'E') {
    *s = end;
    return v_int(i);
  }
  double d = strtod(p, &end);
  if (end == p)
    error_at(loc, "expected a Python literal (number, string, True, False, None, tuple), got '%s'", p);
  *s = end;
  return v_float(d);
}

Value *eval_literal(const char *text, Loc loc) {
  const char *s = text;
  Value *v = parse_lit(&s, loc);
  while (isspace((unsigned char)*s))
    s++;
  if (*s)
    error_at(loc, "trailing characters in literal '%s'", text);
  return v;
}

/* ---------------------------------------------------------- signatures */
static void parse_signature(OpDef *op) {
  op->varargs = -1;
  const char *s = op->sig;
  Loc loc = {0};
  while (*s) {
    while (*s == ' ' || *s == ',')
      s++;
    if (!*s)
      break;
    if (s[0] == '*' && s[1] == '*') {
      op->kwvar = true;
      s += strcspn(s, ",");
      continue;
    }
    bool star = *s == '*';
    s += star;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_0123456789");
    int i = op->nparams++;
    op->pname[i] = arena_strndup(s, n);
    s += n;
    if (star)
      op->varargs = i;
    if (*s == '=') {
      s++;
      op->pdefault[i] = parse_lit(&s, loc);
    }
  }
}

/* Lookups by (kind, namespace, name) and by (namespace, name), hashed: the
 * interpreter asks for builtins on every name it does not find in scope. */
/* "a\tb\tc" in buf, without printf: lookups are on the interpreter's hot path */
static const char *join_key(char *buf, size_t size, const char *a, const char *b, const char *c) {
  size_t la = strlen(a), lb = strlen(b), lc = c ? strlen(c) : 0;
  if (la + lb + lc + 3 > size)
    return "";
  memcpy(buf, a, la);
  buf[la] = '\t';
  memcpy(buf + la + 1, b, lb + 1);
  if (c) {
    buf[la + 1 + lb] = '\t';
    memcpy(buf + la + lb + 2, c, lc + 1);
  }
  return buf;
}

static Dict *by_kind, *by_ns;
static Dict *namespaces;   /* qualified names of qgen's own namespaces */

bool is_namespace(const char *ns) { return dict_get(namespaces, ns) != NULL; }

void ops_init(void) {
  by_kind = dict_new();
  by_ns = dict_new();
  namespaces = dict_new();
  for (int i = OP_COUNT - 1; i >= 0; i--) {   /* backwards: the first entry wins */
    OpDef *op = &op_table[i];
    parse_signature(op);
    char buf[256], k[2] = {(char)('0' + op->kind), 0};
    dict_set(by_kind, arena_strdup(join_key(buf, sizeof buf, k, op->ns, op->name)), v_builtin(op));
    if (op->kind != OK_METHOD)
      dict_set(by_ns, arena_strdup(join_key(buf, sizeof buf, op->ns, op->name, NULL)), v_builtin(op));
    if (op->kind == OK_NAMESPACE)
      dict_set(namespaces, op->qualname, &true_value);
  }
}

const OpDef *op_lookup(OpKind kind, const char *ns, const char *name) {
  char buf[256], k[2] = {(char)('0' + kind), 0};
  Value *v = dict_get(by_kind, join_key(buf, sizeof buf, k, ns, name));
  return v ? v->op : NULL;
}

/* The value of `ns.name` for an imported namespace: a sub-namespace, a
 * torch.nn module class or a function. NULL if qgen does not know it. */


Value *namespace_attr(const char *ns, const char *name) {
  char buf[256];
  Value *e = dict_get(by_ns, join_key(buf, sizeof buf, ns, name, NULL));
  if (e) {
    const OpDef *op = e->op;
    if (op->kind == OK_NAMESPACE)
      return v_namespace(op->qualname);
    if (op->kind != OK_PYBUILTIN || is_namespace(ns))   /* not methods of lists, dicts, modules */
      return v_builtin(op);
  }
  if (!strcmp(ns, "math")) {
    static const struct { const char *name; double v; } k[] = {
      {"pi", 3.141592653589793}, {"e", 2.718281828459045}, {"tau", 6.283185307179586},
      {"inf", __builtin_inf()}, {"nan", __builtin_nan("")}};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
      if (!strcmp(k[i].name, name))
        return v_float(k[i].v);
  }
  return NULL;
}

/* A torch.nn module's hyperparameter, as nn_module_new normalized it
 * (m.kernel_size is a pair); NULL if it has none of that name. */
Value *nn_module_attr(const OpDef *op, Value **params, const char *name) {
  for (int i = 0; i < op->nparams; i++)
    if (!strcmp(op->pname[i], name))
      return params[i];
  return NULL;
}

Value *param(const OpDef *op, Value **p, const char *name) {
  for (int i = 0; i < op->nparams; i++)
    if (!strcmp(op->pname[i], name))
      return p[i];
  unreachable();
}

static const char *callee_name(const OpDef *op) {
  return op->kind == OK_METHOD ? format("Tensor.%s", op->name) : op->name;
}

void bind_args(const OpDef *op, Value **args, int nargs, Dict *kw, Value **out, Loc loc) {
  for (int i = 0; i < nargs; i++)
    check_available(args[i], loc);
  for (int k = 0; kw && k < kw->n; k++)
    check_available(kw->vals[k], loc);
  int npos = op->varargs >= 0 ? op->varargs : op->nparams;
  for (int i = 0; i < op->nparams; i++)
    out[i] = NULL;
  if (nargs > npos && op->varargs < 0)
    error_at(loc, "%s() takes %d positional argument%s but %d %s given", callee_name(op), npos,
             npos == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
  for (int i = 0; i < nargs && i < npos; i++)
    out[i] = args[i];
  if (op->varargs >= 0)
    out[op->varargs] = nargs > npos ? v_tuple(nargs - npos, args + npos) : v_tuple(0, NULL);
  for (int k = 0; kw && k < kw->n; k++) {
    int i;
    for (i = 0; i < op->nparams; i++)
      if (i != op->varargs && !strcmp(op->pname[i], kw->keys[k]))
        break;
    if (i == op->nparams) {
      if (op->kwvar)
        continue;
      error_at(loc, "%s() got an unexpected keyword argument '%s'", callee_name(op), kw->keys[k]);
    }
    if (out[i])
      error_at(loc, "%s() got multiple values for argument '%s'", callee_name(op), kw->keys[k]);
    out[i] = kw->vals[k];
  }
  for (int i = 0; i < op->nparams; i++) {
    if (out[i])
      continue;
    if (!op->pdefault[i])
      error_at(loc, "%s() missing required argument '%s'", callee_name(op), op->pname[i]);
    out[i] = op->pdefault[i];
  }
}

/* --------------------------------------------------------- int values */
Value *unwrap_const(Value *v) {
  if (v->kind == V_PROXY && v->node->const_value)
    return v->node->const_value;
  return v;
}

int64_t as_int(Value *v, const char *what, Loc loc) {
  v = unwrap_const(v);
  check_available(v, loc);
  if (v->kind == V_INT)
    return v->i;
  if (v->kind == V_BOOL)
    return v->b;
  error_at(loc, "%s must be an int, not %s", what, v_type_name(v));
}

double as_number(Value *v, const char *what, Loc loc) {
  v = unwrap_const(v);
  if (v->kind == V_FLOAT)
    return v->f;
  return (double)as_int(v, what, loc);
}

/* _pair(): an int or a tuple of 2 ints, as a tuple of 2. */
static Value *pair(Value *v, const char *what, Loc loc) {
  v = unwrap_const(v);
  if (v_is_seq(v)) {
    if (v->list->n != 2)
      error_at(loc, "%s must be an int or a pair of ints", what);
    Value *items[2] = {v_int(as_int(v->list->items[0], what, loc)), v_int(as_int(v->list->items[1], what, loc))};
    return v_tuple(2, items);
  }
  Value *i = v_int(as_int(v, what, loc));
  Value *items[2] = {i, i};
  return v_tuple(2, items);
}

/* Conv1d's and AvgPool1d's _single: an int or a 1-sequence becomes a 1-tuple. */
static Value *single(Value *v, const char *what, Loc loc) {
  v = unwrap_const(v);
  if (v_is_seq(v)) {
    if (v->list->n != 1)
      error_at(loc, "%s must be an int or a 1-tuple of ints", what);
    v = v->list->items[0];
  }
  Value *item = v_int(as_int(v, what, loc));
  return v_tuple(1, &item);
}

static int64_t pair_at(Value *v, int k, const char *what, Loc loc) {
  v = unwrap_const(v);
  if (v_is_seq(v)) {
    if (v->list->n == 1)
      k = 0;
    else if (v->list->n != 2)
      error_at(loc, "%s must be an int or a pair of ints", what);
    return as_int(v->list->items[k], what, loc);
  }
  return as_int(v, what, loc);
}

/* ------------------------------------------------------- nn modules */
static void set_param(const OpDef *op, Value **p, const char *name, Value *v) {
  for (int i = 0; i < op->nparams; i++)
    if (!strcmp(op->pname[i], name))
      p[i] = v;
}

/* Construct a torch.nn module. Hyperparameters are normalized as the
 * module's own __init__ does (Conv2d's _pair, pools' stride defaulting to
 * the kernel size), so that attributes and repr read as PyTorch's. */
Object *nn_module_new(const OpDef *op, Value **params, Loc loc) {
  Object *m = arena_alloc(sizeof *m);
  static int next_id;
  m->nn = op;
  m->attrs = dict_new();
  m->children = dict_new();
  m->loc = loc;
  m->id = ++next_id;
  m->params = arena_alloc(sizeof(Value *) * (size_t)(op->nparams + 1));
  memcpy(m->params, params, sizeof(Value *) * (size_t)op->nparams);
  Value **p = m->params;
  switch (op->id) {
  case OP_CONV2D:
  case OP_CONV1D: {
    Value *(*tuple)(Value *, const char *, Loc) = op->id == OP_CONV1D ? single : pair;
    int64_t cin = as_int(param(op, p, "in_channels"), "in_channels", loc);
    int64_t cout = as_int(param(op, p, "out_channels"), "out_channels", loc);
    int64_t groups = as_int(param(op, p, "groups"), "groups", loc);
    if (cin <= 0 || cout <= 0 || groups <= 0)
      error_at(loc, "%s needs positive channel counts and groups", op->name);
    if (cin % groups)
      error_at(loc, "in_channels (%lld) must be divisible by groups (%lld)", (long long)cin, (long long)groups);
    if (cout % groups)
      error_at(loc, "out_channels (%lld) must be divisible by groups (%lld)", (long long)cout, (long long)groups);
    set_param(op, p, "kernel_size", tuple(param(op, p, "kernel_size"), "kernel_size", loc));
    set_param(op, p, "stride", tuple(param(op, p, "stride"), "stride", loc));
    if (param(op, p, "padding")->kind != V_STR)
      set_param(op, p, "padding", tuple(param(op, p, "padding"), "padding", loc));
    else if (strcmp(param(op, p, "padding")->s, "same") && strcmp(param(op, p, "padding")->s, "valid"))
      error_at(loc, "padding must be an int, a pair, 'same' or 'valid'");
    set_param(op, p, "dilation", tuple(param(op, p, "dilation"), "dilation", loc));
    if (param(op, p, "padding_mode")->kind != V_STR || strcmp(param(op, p, "padding_mode")->s, "zeros"))
      error_at(loc, "qgen supports %s with padding_mode='zeros' only", op->name);
    break;
  }
  case OP_CONVTRANSPOSE2D: {
    int64_t cin = as_int(param(op, p, "in_channels"), "in_channels", loc);
    int64_t cout = as_int(param(op, p, "out_channels"), "out_channels", loc);
    int64_t groups = as_int(param(op, p, "groups"), "groups", loc);
    if (cin <= 0 || cout <= 0 || groups <= 0)
      error_at(loc, "ConvTranspose2d needs positive channel counts and groups");
    if (cin % groups || cout % groups)
      error_at(loc, "in_channels (%lld) and out_channels (%lld) must be divisible by groups (%lld)", (long long)cin,
               (long long)cout, (long long)groups);
    static const char *const pairs[] = {"kernel_size", "stride", "padding", "output_padding", "dilation"};
    for (int i = 0; i < 5; i++)
      set_param(op, p, pairs[i], pair(param(op, p, pairs[i]), pairs[i], loc));
    if (param(op, p, "padding_mode")->kind != V_STR || strcmp(param(op, p, "padding_mode")->s, "zeros"))
      error_at(loc, "Only \"zeros\" padding mode is supported for ConvTranspose2d");
    break;
  }
  case OP_PRELU:
    if (as_int(param(op, p, "num_parameters"), "num_parameters", loc) <= 0)
      error_at(loc, "PReLU needs a positive num_parameters");
    as_number(param(op, p, "init"), "init", loc);
    break;
  case OP_LINEAR:
    if (as_int(param(op, p, "in_features"), "in_features", loc) <= 0 ||
        as_int(param(op, p, "out_features"), "out_features", loc) <= 0)
      error_at(loc, "Linear needs positive in_features and out_features");
    break;
  case OP_BATCHNORM2D:
  case OP_BATCHNORM1D:
    if (as_int(param(op, p, "num_features"), "num_features", loc) <= 0)
      error_at(loc, "%s needs a positive num_features", op->name);
    break;
  case OP_DROPOUT: case OP_DROPOUT1D: case OP_DROPOUT2D: case OP_DROPOUT3D:
  case OP_ALPHADROPOUT: case OP_FEATUREALPHADROPOUT: {
    double pr = as_number(param(op, p, "p"), "p", loc);
    if (pr < 0 || pr > 1)
      error_at(loc, "dropout probability has to be between 0 and 1, but got %s", float_repr(pr));
    break;
  }
  case OP_CHANNELSHUFFLE:
    as_int(param(op, p, "groups"), "groups", loc);
    break;
  case OP_UPSAMPLE: {
    /* Upsample.__init__: scale_factor = float(scale_factor) if scale_factor else None */
    Value *sf = unwrap_const(param(op, p, "scale_factor"));
    if (sf->kind == V_TUPLE) {
      Value *t = v_tuple(0, NULL);
      for (int i = 0; i < sf->list->n; i++)
        list_push(t->list, v_float(as_number(sf->list->items[i], "scale_factor", loc)));
      set_param(op, p, "scale_factor", t);
    } else if (v_truthy(sf))
      set_param(op, p, "scale_factor", v_float(as_number(sf, "scale_factor", loc)));
    else
      set_param(op, p, "scale_factor", &none_value);
    if (param(op, p, "mode")->kind != V_STR)
      error_at(loc, "Upsample's mode must be a string");
    break;
  }
  case OP_MAXPOOL2D:
  case OP_AVGPOOL2D:
  case OP_MAXPOOL1D:
    if (param(op, p, "stride")->kind == V_NONE)
      set_param(op, p, "stride", param(op, p, "kernel_size"));
    break;
  case OP_ZEROPAD2D:
  case OP_CONSTANTPAD2D: {
    /* _quadruple(padding); ConstantPad2d's value is the number given */
    Value *pd = unwrap_const(param(op, p, "padding"));
    if (!v_is_seq(pd)) {
      Value *i = v_int(as_int(pd, "padding", loc)), *items[4] = {i, i, i, i};
      set_param(op, p, "padding", v_tuple(4, items));
    } else if (pd->list->n != 4) {
      error_at(loc, "%s's padding must be an int or a 4-tuple", op->name);
    } else {
      Value *items[4];
      for (int i = 0; i < 4; i++)
        items[i] = v_int(as_int(pd->list->items[i], "padding", loc));
      set_param(op, p, "padding", v_tuple(4, items));
    }
    if (op->id == OP_CONSTANTPAD2D)
      as_number(param(op, p, "value"), "value", loc);
    break;
  }
  case OP_AVGPOOL1D:
    /* AvgPool1d.__init__: _single(kernel_size), _single(stride if stride is not None else kernel_size), _single(padding) */
    if (param(op, p, "stride")->kind == V_NONE)
      set_param(op, p, "stride", param(op, p, "kernel_size"));
    set_param(op, p, "kernel_size", single(param(op, p, "kernel_size"), "kernel_size", loc));
    set_param(op, p, "stride", single(param(op, p, "stride"), "stride", loc));
    set_param(op, p, "padding", single(param(op, p, "padding"), "padding", loc));
    break;
  default:
    break;
  }
  return m;
}

/* str() of a value, as str.format prints it: strings bare, the rest repr. */
static void put_str(Buf *b, Value *v) {
  if (v->kind == V_STR)
    buf_puts(b, v->s);
  else
    v_repr(b, v);
}

static bool all_equal(Value *v, int64_t x) {
  if (v->kind == V_STR)
    return false;
  for (int i = 0; i < v->list->n; i++)
    if (v->list->items[i]->kind != V_INT || v->list->items[i]->i != x)
      return false;
  return true;
}

#define P(name) param(&op_table[OP_ID], p, name)

/* _ConvNd.extra_repr, for Conv1d, Conv2d (op OP_CONV2D's signature) and
 * ConvTranspose2d (its own, with output_padding). */
static void repr_conv(Buf *b, const OpDef *op, Value **p) {
  buf_printf(b, "%lld, %lld, kernel_size=", (long long)param(op, p, "in_channels")->i,
             (long long)param(op, p, "out_channels")->i);
  put_str(b, param(op, p, "kernel_size"));
  buf_puts(b, ", stride=");
  put_str(b, param(op, p, "stride"));
  if (!all_equal(param(op, p, "padding"), 0))
    buf_puts(b, ", padding="), put_str(b, param(op, p, "padding"));
  if (!all_equal(param(op, p, "dilation"), 1))
    buf_puts(b, ", dilation="), put_str(b, param(op, p, "dilation"));
  if (op->id == OP_CONVTRANSPOSE2D && !all_equal(param(op, p, "output_padding"), 0))
    buf_puts(b, ", output_padding="), put_str(b, param(op, p, "output_padding"));
  if (as_int(param(op, p, "groups"), "groups", (Loc){0}) != 1)
    buf_puts(b, ", groups="), put_str(b, param(op, p, "groups"));
  if (!v_truthy(param(op, p, "bias")))
    buf_puts(b, ", bias=False");
}

void repr_conv2d(Buf *b, Value **p) { repr_conv(b, &op_table[OP_CONV2D], p); }
void repr_conv_transpose2d(Buf *b, Value **p) { repr_conv(b, &op_table[OP_CONVTRANSPOSE2D], p); }

#define OP_ID OP_LINEAR
void repr_linear(Buf *b, Value **p) {
  buf_puts(b, "in_features=");
  put_str(b, P("in_features"));
  buf_puts(b, ", out_features=");
  put_str(b, P("out_features"));
  buf_printf(b, ", bias=%s", v_truthy(P("bias")) ? "True" : "False");
}
#undef OP_ID

#define OP_ID OP_BATCHNORM2D
void repr_batchnorm2d(Buf *b, Value **p) {
  put_str(b, P("num_features"));
  buf_puts(b, ", eps=");
  put_str(b, P("eps"));
  buf_puts(b, ", momentum=");
  put_str(b, P("momentum"));
  buf_puts(b, ", affine=");
  put_str(b, P("affine"));
  buf_puts(b, ", track_running_stats=");
  put_str(b, P("track_running_stats"));
}
#undef OP_ID

/* ReLU, ReLU6: "inplace=True" or nothing. */
void repr_inplace(Buf *b, Value **p) {
  if (v_truthy(p[0]))
    buf_puts(b, "inplace=True");
}

#define OP_ID OP_HARDTANH
void repr_hardtanh(Buf *b, Value **p) {
  buf_puts(b, "min_val=");
  put_str(b, P("min_val"));
  buf_puts(b, ", max_val=");
  put_str(b, P("max_val"));
  if (v_truthy(P("inplace")))
    buf_puts(b, ", inplace=True");
}
#undef OP_ID

#define OP_ID OP_MAXPOOL2D
void repr_maxpool2d(Buf *b, Value **p) {
  static const char *keys[] = {"kernel_size", "stride", "padding", "dilation", "ceil_mode"};
  for (int i = 0; i < 5; i++) {
    buf_printf(b, "%s%s=", i ? ", " : "", keys[i]);
    put_str(b, P(keys[i]));
  }
}
#undef OP_ID

#define OP_ID OP_AVGPOOL2D
void repr_avgpool2d(Buf *b, Value **p) {
  static const char *keys[] = {"kernel_size", "stride", "padding"};
  for (int i = 0; i < 3; i++) {
    buf_printf(b, "%s%s=", i ? ", " : "", keys[i]);
    put_str(b, P(keys[i]));
  }
}
#undef OP_ID

void repr_zeropad2d(Buf *b, Value **p) { put_str(b, p[0]); }

void repr_prelu(Buf *b, Value **p) {
  buf_puts(b, "num_parameters=");
  put_str(b, p[0]);
}

void repr_constantpad2d(Buf *b, Value **p) {
  buf_puts(b, "padding=");
  put_str(b, p[0]);
  buf_puts(b, ", value=");
  v_repr(b, p[1]->kind == V_INT ? v_float((double)p[1]->i) : p[1]);
}

void repr_adaptive(Buf *b, Value **p) {
  buf_puts(b, "output_size=");
  put_str(b, p[0]);
}

void repr_flatten(Buf *b, Value **p) {
  buf_puts(b, "start_dim=");
  put_str(b, p[0]);
  buf_puts(b, ", end_dim=");
  put_str(b, p[1]);
}

void repr_dropout(Buf *b, Value **p) {
  buf_puts(b, "p=");
  put_str(b, p[0]);
  buf_puts(b, ", inplace=");
  put_str(b, p[1]);
}

void repr_gelu(Buf *b, Value **p) {
  buf_puts(b, "approximate=");
  v_repr(b, p[0]);
}

/* LeakyReLU, ELU: 'negative_slope={}{}'.format(self.negative_slope, inplace_str) */
static void repr_value_inplace(Buf *b, const char *key, Value **p) {
  buf_printf(b, "%s=", key);
  put_str(b, p[0]);
  if (v_truthy(p[1]))
    buf_puts(b, ", inplace=True");
}
void repr_leaky_relu(Buf *b, Value **p) { repr_value_inplace(b, "negative_slope", p); }
void repr_elu(Buf *b, Value **p) { repr_value_inplace(b, "alpha", p); }
/* Softplus: 'beta={}, threshold={}'; Hardshrink, Softshrink: '{}'.format(lambd);
 * Threshold: 'threshold={}, value={}{}' with ', inplace=True' */
void repr_softplus(Buf *b, Value **p) {
  buf_puts(b, "beta=");
  put_str(b, p[0]);
  buf_puts(b, ", threshold=");
  put_str(b, p[1]);
}
void repr_lambd(Buf *b, Value **p) { put_str(b, p[0]); }
void repr_threshold(Buf *b, Value **p) {
  buf_puts(b, "threshold=");
  put_str(b, p[0]);
  repr_value_inplace(b, ", value", p + 1);
}

/* Softmax, LogSoftmax: 'dim={dim}' */
void repr_dim(Buf *b, Value **p) {
  buf_puts(b, "dim=");
  put_str(b, p[0]);
}

void repr_groups(Buf *b, Value **p) {
  buf_puts(b, "groups=");
  put_str(b, p[0]);
}

#define OP_ID OP_UPSAMPLE
void repr_upsample(Buf *b, Value **p) {
  if (P("scale_factor")->kind != V_NONE)
    buf_puts(b, "scale_factor="), put_str(b, P("scale_factor"));
  else
    buf_puts(b, "size="), put_str(b, P("size"));
  buf_puts(b, ", mode=");
  put_str(b, P("mode"));
}
#undef OP_ID

/* --------------------------------------------------------- shapes */
/* Size arithmetic is 64-bit and checked: a product or sum that does not
 * fit, or a tensor past QGEN_MAX_NUMEL elements (so that each size fits an
 * int and the generated C indexes a tensor with int32_t), is an error at
 * the expression that makes it, never a wrap. */
static NORETURN void size_overflow(Loc loc, const char *what, int64_t a, int64_t b) {
  error_at(loc, "size overflow: %s of %lld and %lld is past qgen's limit of %lld elements per tensor "
                "(the generated C indexes tensors with int32_t)", what, (long long)a, (long long)b,
           (long long)QGEN_MAX_NUMEL);
}

int64_t size_mul(int64_t a, int64_t b, Loc loc) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r) || r > QGEN_MAX_NUMEL || r < -QGEN_MAX_NUMEL)
    size_overflow(loc, "the product", a, b);
  return r;
}

int64_t size_add(int64_t a, int64_t b, Loc loc) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r) || r > QGEN_MAX_NUMEL || r < -QGEN_MAX_NUMEL)
    size_overflow(loc, "the sum", a, b);
  return r;
}

/* A hyperparameter (kernel size, stride, padding, dilation, output size):
 * one that cannot be a size is refused before it is computed with. */
static int64_t size_arg(int64_t v, const char *what, Loc loc) {
  if (v > QGEN_MAX_NUMEL || v < -QGEN_MAX_NUMEL)
    error_at(loc, "%s %lld is past qgen's limit of %lld", what, (long long)v, (long long)QGEN_MAX_NUMEL);
  return v;
}

/* The elements of a shape; saturates at INT64_MAX (shape_check refuses
 * any traced tensor past QGEN_MAX_NUMEL, so stored shapes never do). */
int64_t shape_numel(const int *shape, int ndim) {
  int64_t n = 1;
  for (int i = 0; i < ndim; i++)
    if (__builtin_mul_overflow(n, (int64_t)shape[i], &n))
      return INT64_MAX;
  return n;
}

void shape_check(const int *shape, int ndim, Loc loc) {
  int64_t n = 1;
  for (int i = 0; i < ndim; i++)
    n = size_mul(n, shape[i], loc);
}

const char *shape_str(const int *shape, int ndim) {
  Buf b = {0};
  buf_putc(&b, '[');
  for (int i = 0; i < ndim; i++)
    buf_printf(&b, "%s%d", i ? ", " : "", shape[i]);
  buf_putc(&b, ']');
  return buf_str(&b);
}

/* The k-th operand of a call: for functions and methods the argument bound
 * to the k-th parameter (a method's self is operand 0), so that keywords
 * (`torch.add(x, other=y)`) count; for modules the k-th argument. */
Value *node_operand(const Node *n, int k, Loc loc) {
  const OpDef *op = n->def;
  int i = n->op == N_CALL_METHOD ? k - 1 : k;
  if (n->op != N_CALL_MODULE && n->params && i >= 0 && i < op->nparams && i != op->varargs)
    return n->params[i];
  if (k < n->args->list->n)
    return n->args->list->items[k];
  error_at(loc, "%s expects at least %d arguments", op->name, k + 1);
}

static Node *input_node(Node *n, int k, Loc loc) {
  Value *v = node_operand(n, k, loc);
  if (v->kind != V_PROXY || !v->node->is_tensor)
    error_at(loc, "%s expects a tensor as argument %d, got %s", n->def->name, k + 1, v_type_name(v));
  return v->node;
}

static void set_shape(Node *n, const int *shape, int ndim) {
  n->ndim = ndim;
  if (ndim)
    memcpy(n->shape, shape, sizeof(int) * (size_t)ndim);
  n->is_tensor = true;
}

static void need_rank(Node *in, int rank, const char *who, Loc loc) {
  if (in->ndim != rank)
    error_at(loc, "%s expects a %dD input, got shape %s", who, rank, shape_str(in->shape, in->ndim));
}

void shape_same(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  set_shape(n, in->shape, in->ndim);
}

/* Conv2d on [N, C, H, W], Conv1d on [N, C, L]: the last nd dims are spatial. */
#define OP_ID OP_CONV2D
static void shape_conv(Node *n, Value **p, Loc loc, int nd) {
  const char *who = n->def->name;
  Node *in = input_node(n, 0, loc);
  need_rank(in, 2 + nd, who, loc);
  int64_t cin = P("in_channels")->i, cout = P("out_channels")->i;
  if (in->shape[1] != cin)
    error_at(loc, "shape mismatch: %s expects %lld input channels, got input of shape %s", who,
             (long long)cin, shape_str(in->shape, in->ndim));
  int out[4] = {in->shape[0], (int)size_arg(cout, "out_channels", loc), 0, 0};
  for (int k = 0; k < nd; k++) {
    int64_t ks = pair_at(P("kernel_size"), k, "kernel_size", loc);
    int64_t st = pair_at(P("stride"), k, "stride", loc);
    int64_t dl = pair_at(P("dilation"), k, "dilation", loc);
    int64_t pd;
    Value *pad = P("padding");
    if (pad->kind == V_STR) {
      if (!strcmp(pad->s, "same") && st != 1)
        error_at(loc, "padding='same' is not supported for strided convolutions");
      pd = !strcmp(pad->s, "same") ? dl * (ks - 1) / 2 : 0;
      if (!strcmp(pad->s, "same") && (dl * (ks - 1)) % 2)
        error_at(loc, "qgen supports padding='same' only with symmetric padding (odd kernels)");
    } else
      pd = pair_at(pad, k, "padding", loc);
    size_arg(ks, "kernel_size", loc), size_arg(st, "stride", loc), size_arg(dl, "dilation", loc), size_arg(pd, "padding", loc);
    if (st <= 0 || ks <= 0)
      error_at(loc, "shape mismatch: %s's kernel does not fit input of shape %s", who, shape_str(in->shape, in->ndim));
    int64_t o = (in->shape[2 + k] + 2 * pd - dl * (ks - 1) - 1) / st + 1;
    if (o <= 0)
      error_at(loc, "shape mismatch: %s's kernel does not fit input of shape %s", who, shape_str(in->shape, in->ndim));
    out[2 + k] = (int)o;
  }
  set_shape(n, out, 2 + nd);
}
#undef OP_ID

void shape_conv2d(Node *n, Value **p, Loc loc) { shape_conv(n, p, loc, 2); }

/* ConvTranspose2d: (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1 */
#define OP_ID OP_CONVTRANSPOSE2D
void shape_conv_transpose2d(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  need_rank(in, 4, "ConvTranspose2d", loc);
  int64_t cin = P("in_channels")->i, cout = P("out_channels")->i;
  if (in->shape[1] != cin)
    error_at(loc, "shape mismatch: ConvTranspose2d expects %lld input channels, got input of shape %s", (long long)cin,
             shape_str(in->shape, in->ndim));
  int out[4] = {in->shape[0], (int)size_arg(cout, "out_channels", loc), 0, 0};
  for (int k = 0; k < 2; k++) {
    int64_t ks = pair_at(P("kernel_size"), k, "kernel_size", loc), st = pair_at(P("stride"), k, "stride", loc);
    int64_t pd = pair_at(P("padding"), k, "padding", loc), op = pair_at(P("output_padding"), k, "output_padding", loc);
    int64_t dl = pair_at(P("dilation"), k, "dilation", loc);
    size_arg(ks, "kernel_size", loc), size_arg(st, "stride", loc), size_arg(dl, "dilation", loc);
    size_arg(pd, "padding", loc), size_arg(op, "output_padding", loc);
    if (ks <= 0 || st <= 0 || dl <= 0 || pd < 0 || op < 0)
      error_at(loc, "ConvTranspose2d: kernel_size, stride and dilation must be positive, padding and output_padding "
                    "not negative");
    if (op >= st && op >= dl)
      error_at(loc, "output padding must be smaller than either stride or dilation, but got output_padding=%lld, "
                    "stride=%lld, dilation=%lld", (long long)op, (long long)st, (long long)dl);
    int64_t o = (in->shape[2 + k] - 1) * st - 2 * pd + dl * (ks - 1) + op + 1;
    if (o <= 0)
      error_at(loc, "shape mismatch: ConvTranspose2d's output of input %s would be empty", shape_str(in->shape, in->ndim));
    out[2 + k] = (int)size_arg(o, "output size", loc);
  }
  set_shape(n, out, 4);
}
#undef OP_ID
void shape_conv1d(Node *n, Value **p, Loc loc) { shape_conv(n, p, loc, 1); }

#define OP_ID OP_LINEAR
void shape_linear(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int64_t fin = P("in_features")->i;
  if (in->ndim < 1 || in->shape[in->ndim - 1] != fin)
    error_at(loc, "shape mismatch: Linear expects %lld input features, got input of shape %s",
             (long long)fin, shape_str(in->shape, in->ndim));
  int out[MAX_DIMS];
  memcpy(out, in->shape, sizeof out);
  out[in->ndim - 1] = (int)size_arg(P("out_features")->i, "out_features", loc);
  set_shape(n, out, in->ndim);
}
#undef OP_ID

void shape_batchnorm2d(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  need_rank(in, 4, "BatchNorm2d", loc);
  if (in->shape[1] != p[0]->i)
    error_at(loc, "shape mismatch: BatchNorm2d expects %lld channels, got input of shape %s",
             (long long)p[0]->i, shape_str(in->shape, in->ndim));
  set_shape(n, in->shape, in->ndim);
}

/* PyTorch's pooling_output_shape. */
static int64_t pool_out(int64_t in, int64_t k, int64_t pad, int64_t st, int64_t dl, bool ceil) {
  int64_t num = in + 2 * pad - dl * (k - 1) - 1 + (ceil ? st - 1 : 0);
  int64_t o = (num >= 0 ? num / st : -((-num + st - 1) / st)) + 1;
  if (ceil && (o - 1) * st >= in + pad)
    o--;
  return o;
}

/* MaxPool2d, AvgPool2d, F.max_pool2d, F.avg_pool2d and their 1-D forms
 * (nd = 1): the parameters are found by name, so one rule serves the eight
 * signatures; the last nd dims are pooled. */
static void shape_pool(Node *n, Value **p, Loc loc, int nd) {
  const OpDef *op = n->def;
  Node *in = input_node(n, 0, loc);
  if (in->ndim != nd + 2 && in->ndim != nd + 1)
    error_at(loc, "%s expects a %dD or %dD input, got shape %s", op->name, nd + 1, nd + 2, shape_str(in->shape, in->ndim));
  Value *ks = param(op, p, "kernel_size"), *st = unwrap_const(param(op, p, "stride"));
  if (st->kind == V_NONE || (v_is_seq(st) && st->list->n == 0))
    st = ks;
  bool has_dilation = false;
  for (int i = 0; i < op->nparams; i++)
    has_dilation |= !strcmp(op->pname[i], "dilation");
  Value *dl = has_dilation ? param(op, p, "dilation") : v_int(1);
  bool ceil = v_truthy(param(op, p, "ceil_mode"));
  int out[4];
  memcpy(out, in->shape, sizeof out);
  for (int k = 0; k < nd; k++) {
    int64_t kk = pair_at(ks, k, "kernel_size", loc), ss = pair_at(st, k, "stride", loc);
    int64_t pp = pair_at(param(op, p, "padding"), k, "padding", loc), dd = pair_at(dl, k, "dilation", loc);
    if (kk <= 0 || ss <= 0 || dd <= 0 || pp < 0)
      error_at(loc, "%s: kernel_size, stride and dilation must be positive", op->name);
    size_arg(kk, "kernel_size", loc), size_arg(ss, "stride", loc), size_arg(pp, "padding", loc), size_arg(dd, "dilation", loc);
    if (pp * 2 > kk)
      error_at(loc, "%s: padding should be at most half of the kernel size", op->name);
    int64_t o = pool_out(in->shape[in->ndim - nd + k], kk, pp, ss, dd, ceil);
    if (o <= 0)
      error_at(loc, "shape mismatch: %s's window does not fit input of shape %s", op->name,
               shape_str(in->shape, in->ndim));
    out[in->ndim - nd + k] = (int)o;
  }
  set_shape(n, out, in->ndim);
}

void shape_pool2d(Node *n, Value **p, Loc loc) { shape_pool(n, p, loc, 2); }
void shape_pool1d(Node *n, Value **p, Loc loc) { shape_pool(n, p, loc, 1); }

static void shape_adaptive_pool(Node *n, Value **p, Loc loc, int nd) {
  Node *in = input_node(n, 0, loc);
  if (in->ndim != nd + 2 && in->ndim != nd + 1)
    error_at(loc, "%s expects a %dD or %dD input, got shape %s", n->def->name, nd + 1, nd + 2,
             shape_str(in->shape, in->ndim));
  Value *os = unwrap_const(param(n->def, p, "output_size"));
  int out[4];
  memcpy(out, in->shape, sizeof out);
  for (int k = 0; k < nd; k++) {
    Value *v = v_is_seq(os) ? (os->list->n == nd ? os->list->items[k] : NULL) : os;
    if (!v)
      error_at(loc, nd == 2 ? "output_size must be an int or a pair" : "output_size must be an int or a 1-tuple");
    v = unwrap_const(v);
    if (v->kind != V_NONE) {
      int64_t o = as_int(v, "output_size", loc);
      if (o <= 0)
        error_at(loc, "output_size must be positive");
      size_arg(o, "output_size", loc);
      out[in->ndim - nd + k] = (int)o;
    }
  }
  set_shape(n, out, in->ndim);
}

void shape_adaptive_pool2d(Node *n, Value **p, Loc loc) { shape_adaptive_pool(n, p, loc, 2); }

/* The pads of F.pad, ZeroPad2d, ConstantPad2d: (left, right) of the last
 * dim, then of the one before it, ... */
int pad_widths(const OpDef *op, Value **params, int64_t *pads, Loc loc) {
  Value *pd = unwrap_const(param(op, params, op->kind == OK_NN_MODULE ? "padding" : "pad"));
  if (!v_is_seq(pd) || pd->list->n % 2 || pd->list->n == 0)
    error_at(loc, "padding length must be divisible by 2");
  if (pd->list->n > 2 * MAX_DIMS)
    error_at(loc, "padding length too large");
  for (int i = 0; i < pd->list->n; i++)
    pads[i] = as_int(unwrap_const(pd->list->items[i]), "pad", loc);
  return pd->list->n / 2;
}

void shape_pad(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int64_t pads[2 * MAX_DIMS];
  int k = pad_widths(n->def, p, pads, loc);
  if (k > in->ndim)
    error_at(loc, "Padding length too large: %d pairs for a %dD input", k, in->ndim);
  if (n->op != N_CALL_MODULE) {
    Value *mode = unwrap_const(param(n->def, p, "mode"));
    if (mode->kind != V_STR || strcmp(mode->s, "constant"))
      error_at(loc, "qgen pads in mode 'constant' only, not %s", mode->kind == V_STR ? mode->s : v_type_name(mode));
  }
  int out[MAX_DIMS];
  memcpy(out, in->shape, sizeof out);
  for (int i = 0; i < k; i++) {
    int d = in->ndim - 1 - i;
    int64_t o = (int64_t)in->shape[d] + pads[2 * i] + pads[2 * i + 1];
    if (o <= 0)
      error_at(loc, "the padded size of dimension %d would be %lld: it must be positive", d, (long long)o);
    out[d] = (int)size_arg(o, "padded size", loc);
  }
  set_shape(n, out, in->ndim);
  shape_check(out, in->ndim, loc);
}
void shape_adaptive_pool1d(Node *n, Value **p, Loc loc) { shape_adaptive_pool(n, p, loc, 1); }

static int norm_dim(int64_t d, int ndim, Loc loc) {
  if (d < -ndim || d >= (ndim ? ndim : 1))
    error_at(loc, "dimension %lld out of range for a %dD tensor", (long long)d, ndim);
  return (int)(d < 0 ? d + ndim : d);
}

void shape_flatten(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int s = norm_dim(as_int(param(n->def, p, "start_dim"), "start_dim", loc), in->ndim, loc);
  int e = norm_dim(as_int(param(n->def, p, "end_dim"), "end_dim", loc), in->ndim, loc);
  if (s > e)
    error_at(loc, "flatten: start_dim cannot come after end_dim");
  int out[MAX_DIMS], k = 0;
  for (int i = 0; i < s; i++)
    out[k++] = in->shape[i];
  out[k++] = (int)shape_numel(in->shape + s, e - s + 1);
  for (int i = e + 1; i < in->ndim; i++)
    out[k++] = in->shape[i];
  set_shape(n, out, k);
}

void shape_view(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  Value *dims = p[0];
  if (dims->list->n == 1 && v_is_seq(unwrap_const(dims->list->items[0])))
    dims = unwrap_const(dims->list->items[0]);
  if (dims->list->n == 0 || dims->list->n > MAX_DIMS)
    error_at(loc, "%s() needs between 1 and %d dimensions", n->def->name, MAX_DIMS);
  int out[MAX_DIMS], infer = -1;
  int64_t known = 1, total = shape_numel(in->shape, in->ndim);
  for (int i = 0; i < dims->list->n; i++) {
    int64_t d = as_int(dims->list->items[i], "a dimension", loc);
    if (d == -1) {
      if (infer >= 0)
        error_at(loc, "%s(): only one dimension can be inferred", n->def->name);
      infer = i;
      d = 1;
    } else if (d < 0)
      error_at(loc, "%s(): invalid dimension %lld", n->def->name, (long long)d);
    out[i] = (int)size_arg(d, "a dimension", loc);
    known = size_mul(known, d, loc);
  }
  if (infer >= 0) {
    if (known == 0 || total % known)
      error_at(loc, "shape mismatch: cannot %s a tensor of shape %s (%lld elements) with -1 and %lld other elements",
               n->def->name, shape_str(in->shape, in->ndim), (long long)total, (long long)known);
    out[infer] = (int)(total / known);
  } else if (known != total)
    error_at(loc, "shape mismatch: cannot %s a tensor of shape %s (%lld elements) to %s", n->def->name,
             shape_str(in->shape, in->ndim), (long long)total, shape_str(out, dims->list->n));
  set_shape(n, out, dims->list->n);
}

void shape_cat(Node *n, Value **p, Loc loc) {
  Value *ts = unwrap_const(p[0]);
  if (!v_is_seq(ts) || ts->list->n == 0)
    error_at(loc, "torch.cat expects a non-empty list of tensors");
  Node *first = NULL;
  int out[MAX_DIMS], dim = 0;
  for (int i = 0; i < ts->list->n; i++) {
    Value *v = ts->list->items[i];
    if (v->kind != V_PROXY || !v->node->is_tensor)
      error_at(loc, "torch.cat expects tensors, got %s", v_type_name(v));
    Node *t = v->node;
    if (!first) {
      first = t;
      dim = norm_dim(as_int(p[1], "dim", loc), t->ndim, loc);
      memcpy(out, t->shape, sizeof out);
      continue;
    }
    if (t->ndim != first->ndim)
      error_at(loc, "shape mismatch: torch.cat of %s and %s", shape_str(first->shape, first->ndim), shape_str(t->shape, t->ndim));
    for (int k = 0; k < t->ndim; k++)
      if (k != dim && t->shape[k] != first->shape[k])
        error_at(loc, "shape mismatch: torch.cat along dim %d of %s and %s", dim,
                 shape_str(first->shape, first->ndim), shape_str(t->shape, t->ndim));
    out[dim] = (int)size_add(out[dim], t->shape[dim], loc);
  }
  set_shape(n, out, first->ndim);
}

/* a + b: tensors whose shapes broadcast, or a tensor and a number (the
 * quantized add takes two tensors of one shape: passes.c checks that);
 * on two sizes, the sum. */
void shape_add(Node *n, Value **p, Loc loc) {
  Value *a = node_operand(n, 0, loc), *b = node_operand(n, 1, loc);
  bool ta = a->kind == V_PROXY && a->node->is_tensor, tb = b->kind == V_PROXY && b->node->is_tensor;
  if (!ta && !tb)
    shape_arith(n, p, loc);
  else
    shape_broadcast(n, p, loc);
}

/* Arithmetic on sizes: the result is known statically. */
void shape_arith(Node *n, Value **p, Loc loc) {
  Value *a = unwrap_const(node_operand(n, 0, loc)), *b = unwrap_const(node_operand(n, 1, loc));
  if (a->kind == V_PROXY || b->kind == V_PROXY) {
    Node *t = (a->kind == V_PROXY ? a : b)->node;
    error_at(loc, "qgen does not support operator.%s on %s", n->def->name,
             t->is_tensor ? "tensors" : t->part_len ? "a tuple of tensors" : "this value");
  }
  if (n->def->id == OP_O_TRUEDIV || a->kind == V_FLOAT || b->kind == V_FLOAT) {
    double x = as_number(a, "operand", loc), y = as_number(b, "operand", loc), r;
    switch (n->def->id) {
    case OP_O_MUL: r = x * y; break;
    case OP_O_SUB: r = x - y; break;
    case OP_O_ADD: case OP_T_ADD: case OP_M_ADD: r = x + y; break;
    case OP_O_TRUEDIV: case OP_O_FLOORDIV:
      if (y == 0)
        error_at(loc, "division by zero");
      r = n->def->id == OP_O_TRUEDIV ? x / y : floor(x / y);
      break;
    default: unreachable();
    }
    n->const_value = v_float(r);
    return;
  }
  int64_t x = as_int(a, "operand", loc), y = as_int(b, "operand", loc), r = 0;
  switch (n->def->id) {
  case OP_O_MUL: r = x * y; break;
  case OP_O_SUB: r = x - y; break;
  case OP_O_ADD: case OP_T_ADD: case OP_M_ADD: r = x + y; break;
  case OP_O_FLOORDIV:
    if (!y)
      error_at(loc, "integer division by zero");
    r = x / y - ((x % y != 0) && ((x < 0) != (y < 0)));
    break;
  default: unreachable();
  }
  n->const_value = v_int(r);
}

/* A tuple of tensors: nparts pieces of `in`'s shape but along dim. */
static void set_parts(Node *n, const Node *in, int dim, const int *len, int nparts) {
  n->ndim = in->ndim;
  memcpy(n->shape, in->shape, sizeof n->shape);
  n->is_tensor = false;
  n->nparts = nparts;
  n->part_dim = dim;
  n->part_len = arena_alloc(sizeof(int) * (size_t)(nparts + 1));
  if (nparts)
    memcpy(n->part_len, len, sizeof(int) * (size_t)nparts);
}

/* chunk[i]: one piece; chunk[a:b]: a tuple of pieces. */
static void getitem_part(Node *n, Node *t, Value *k, Loc loc) {
  if (k->kind == V_SLICE) {
    int64_t len = t->nparts;
    int64_t lo = k->slice.lo->kind == V_NONE ? 0 : as_int(k->slice.lo, "slice index", loc);
    int64_t hi = k->slice.hi->kind == V_NONE ? len : as_int(k->slice.hi, "slice index", loc);
    if (k->slice.step->kind != V_NONE && as_int(k->slice.step, "slice step", loc) != 1)
      error_at(loc, "qgen slices tuples of tensors with step 1 only");
    lo = lo < 0 ? (lo + len < 0 ? 0 : lo + len) : (lo > len ? len : lo);
    hi = hi < 0 ? (hi + len < 0 ? 0 : hi + len) : (hi > len ? len : hi);
    set_parts(n, t, t->part_dim, t->part_len + lo, hi > lo ? (int)(hi - lo) : 0);
    n->part_base = t->part_base;
    for (int64_t j = 0; j < lo; j++)
      n->part_base += t->part_len[j];
    return;
  }
  int64_t i = as_int(k, "tuple index", loc);
  if (i < -t->nparts || i >= t->nparts)
    error_at(loc, "index %lld out of range: %s gives %d tensor%s", (long long)i, t->name, t->nparts,
             t->nparts == 1 ? "" : "s");
  if (i < 0)
    i += t->nparts;
  int out[MAX_DIMS];
  memcpy(out, t->shape, sizeof out);
  out[t->part_dim] = t->part_len[i];
  set_shape(n, out, t->ndim);
  n->part_index = (int)i;
  n->part_start = t->part_base;
  for (int64_t j = 0; j < i; j++)
    n->part_start += t->part_len[j];
}

static int64_t subscript_int(Value *v, Loc loc) {
  v = unwrap_const(v);
  if (v->kind != V_INT && v->kind != V_BOOL)
    error_at(loc, "qgen indexes tensors with ints, slices, None and ... only, not %s", v_type_name(v));
  return v->kind == V_INT ? v->i : v->b;
}

void tensor_subscript(const int *shape, int ndim, Value *key, Subscript *sub, Loc loc) {
  key = unwrap_const(key);
  Value *one[1] = {key};
  Value **items = key->kind == V_TUPLE ? key->list->items : one;
  int nitems = key->kind == V_TUPLE ? key->list->n : 1, consumed = 0, ellipses = 0;
  for (int i = 0; i < nitems; i++) {
    Value *v = unwrap_const(items[i]);
    if (v->kind == V_ELLIPSIS)
      ellipses++;
    else if (v->kind != V_NONE)
      consumed++;
  }
  if (ellipses > 1)
    error_at(loc, "an index can only have a single ellipsis ('...')");
  if (consumed > ndim)
    error_at(loc, "too many indices for tensor of dimension %d", ndim);
  int d = 0;
  sub->ndim = 0;
  for (int i = 0; i <= nitems; i++) {
    Value *v = i < nitems ? unwrap_const(items[i]) : NULL;
    if (!v || v->kind == V_ELLIPSIS) {       /* the dims no item names: whole */
      int upto = v ? d + (ndim - consumed) : ndim;
      for (; d < upto; d++) {
        if (sub->ndim == MAX_DIMS)
          error_at(loc, "qgen's tensors have at most %d dimensions", MAX_DIMS);
        sub->start[d] = 0, sub->step[d] = 1;
        sub->src[sub->ndim] = d, sub->shape[sub->ndim++] = shape[d];
      }
      continue;
    }
    if (sub->ndim == MAX_DIMS && v->kind != V_INT && v->kind != V_BOOL)   /* it would add a dim */
      error_at(loc, "qgen's tensors have at most %d dimensions", MAX_DIMS);
    if (v->kind == V_NONE) {
      sub->src[sub->ndim] = -1, sub->shape[sub->ndim++] = 1;
      continue;
    }
    int64_t size = shape[d];
    if (v->kind == V_SLICE) {
      int64_t step = v->slice.step->kind == V_NONE ? 1 : subscript_int(v->slice.step, loc);
      if (step <= 0)
        error_at(loc, "step must be greater than zero");
      int64_t lo = v->slice.lo->kind == V_NONE ? 0 : subscript_int(v->slice.lo, loc);
      int64_t hi = v->slice.hi->kind == V_NONE ? size : subscript_int(v->slice.hi, loc);
      lo = lo < 0 ? (lo + size < 0 ? 0 : lo + size) : (lo > size ? size : lo);
      hi = hi < 0 ? (hi + size < 0 ? 0 : hi + size) : (hi > size ? size : hi);
      int64_t len = hi > lo ? (hi - lo + step - 1) / step : 0;
      if (len == 0)
        error_at(loc, "this slice of a dimension of size %lld is empty: qgen's tensors have no empty dimensions",
                 (long long)size);
      sub->start[d] = lo, sub->step[d] = step;
      sub->src[sub->ndim] = d, sub->shape[sub->ndim++] = (int)len;
    } else {
      int64_t k = subscript_int(v, loc);
      if (k < -size || k >= size)
        error_at(loc, "index %lld is out of bounds for dimension %d with size %lld", (long long)k, d, (long long)size);
      sub->start[d] = k < 0 ? k + size : k, sub->step[d] = 0;
    }
    d++;
  }
}

void shape_getitem(Node *n, Value **p, Loc loc) {
  Value *a = n->args->list->items[0], *k = unwrap_const(n->args->list->items[1]);
  Value *seq = unwrap_const(a);
  if (seq->kind == V_PROXY && seq->node->nparts) {
    getitem_part(n, seq->node, k, loc);
    return;
  }
  if (seq->kind == V_PROXY && seq->node->is_tensor) {
    Subscript sub;
    tensor_subscript(seq->node->shape, seq->node->ndim, k, &sub, loc);
    set_shape(n, sub.shape, sub.ndim);
    return;
  }
  if (seq->kind == V_PROXY)
    error_at(loc, "qgen does not support indexing this value");
  if (v_is_seq(seq) && k->kind == V_SLICE) {   /* x.size()[2:] */
    int64_t len = seq->list->n;
    int64_t lo = k->slice.lo->kind == V_NONE ? 0 : as_int(k->slice.lo, "slice index", loc);
    int64_t hi = k->slice.hi->kind == V_NONE ? len : as_int(k->slice.hi, "slice index", loc);
    if (k->slice.step->kind != V_NONE && as_int(k->slice.step, "slice step", loc) != 1)
      error_at(loc, "qgen slices sizes with step 1 only");
    lo = lo < 0 ? (lo + len < 0 ? 0 : lo + len) : (lo > len ? len : lo);
    hi = hi < 0 ? (hi + len < 0 ? 0 : hi + len) : (hi > len ? len : hi);
    n->const_value = v_tuple(hi > lo ? (int)(hi - lo) : 0, seq->list->items + lo);
    return;
  }
  if (!v_is_seq(seq) || k->kind != V_INT)
    error_at(loc, "unsupported subscript of %s", v_type_name(seq));
  int64_t i = k->i < 0 ? k->i + seq->list->n : k->i;
  if (i < 0 || i >= seq->list->n)
    error_at(loc, "index %lld out of range for a size of %d dimensions", (long long)k->i, seq->list->n);
  n->const_value = seq->list->items[i];
}

static Value *size_tuple(Node *t) {
  Value *dims[MAX_DIMS];
  for (int i = 0; i < t->ndim; i++)
    dims[i] = v_int(t->shape[i]);
  return v_tuple(t->ndim, dims);
}

void shape_getattr(Node *n, Value **p, Loc loc) {
  Node *t = input_node(n, 0, loc);
  n->const_value = size_tuple(t);
}

void shape_size(Node *n, Value **p, Loc loc) {
  Node *t = input_node(n, 0, loc);
  Value *d = unwrap_const(p[0]);
  if (d->kind == V_NONE)
    n->const_value = size_tuple(t);
  else
    n->const_value = v_int(t->shape[norm_dim(as_int(d, "dim", loc), t->ndim, loc)]);
}

void shape_dim(Node *n, Value **p, Loc loc) {
  n->const_value = v_int(input_node(n, 0, loc)->ndim);
}

/* sum and mean over one dim, a list of dims or all of them (dim=None or
 * an empty list): traced, so that a data-dependent `if` on them is
 * reported where it is, and never quantized. */
void shape_reduce(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  Value *d = unwrap_const(param(n->def, p, "dim"));
  bool keep = v_truthy(unwrap_const(param(n->def, p, "keepdim")));
  bool reduced[MAX_DIMS] = {false};
  int nd = 0;
  if (d->kind == V_NONE || (v_is_seq(d) && d->list->n == 0)) {
    for (int i = 0; i < in->ndim; i++)
      reduced[i] = true;
  } else {
    nd = v_is_seq(d) ? d->list->n : 1;
    for (int i = 0; i < nd; i++) {
      int k = norm_dim(as_int(v_is_seq(d) ? d->list->items[i] : d, "dim", loc), in->ndim, loc);
      if (reduced[k])
        error_at(loc, "%s: dim %d appears multiple times in the list of dims", n->def->name, k);
      reduced[k] = true;
    }
  }
  int out[MAX_DIMS], m = 0;
  for (int i = 0; i < in->ndim; i++)
    if (!reduced[i])
      out[m++] = in->shape[i];
    else if (keep)
      out[m++] = 1;
  set_shape(n, out, m);
}

/* Elementwise ops on two operands (mul, sub, div; operator * - /): a
 * tensor and a number, or two tensors whose shapes broadcast. On two
 * sizes, operator.* computes the size. */
void shape_broadcast(Node *n, Value **p, Loc loc) {
  Value *a = node_operand(n, 0, loc), *b = node_operand(n, 1, loc);
  bool ta = a->kind == V_PROXY && a->node->is_tensor, tb = b->kind == V_PROXY && b->node->is_tensor;
  bool is_operator = !strcmp(n->def->ns, "operator");
  if (!ta && !tb) {
    if (!is_operator)
      error_at(loc, "%s() expects a tensor, got %s and %s", n->def->qualname, v_type_name(unwrap_const(a)),
               v_type_name(unwrap_const(b)));
    shape_arith(n, p, loc);
    return;
  }
  for (int k = 0; k < 2; k++) {
    Value *v = unwrap_const(k ? b : a);
    bool number = v->kind == V_INT || v->kind == V_FLOAT || v->kind == V_BOOL;
    if (!(k ? tb : ta) && !number)
      error_at(loc, "%s: expected a tensor or a number, got %s", n->def->qualname, v_type_name(v));
  }
  if (!ta || !tb) {
    Node *t = ta ? a->node : b->node;
    set_shape(n, t->shape, t->ndim);
    return;
  }
  Node *x = a->node, *y = b->node;
  int nd = x->ndim > y->ndim ? x->ndim : y->ndim, out[MAX_DIMS];
  for (int i = 0; i < nd; i++) {
    int dx = i < nd - x->ndim ? 1 : x->shape[i - (nd - x->ndim)];
    int dy = i < nd - y->ndim ? 1 : y->shape[i - (nd - y->ndim)];
    if (dx != dy && dx != 1 && dy != 1)
      error_at(loc, "shape mismatch: %s of tensors of shapes %s and %s, which do not broadcast (dimension %d: %d and %d)",
               n->def->name, shape_str(x->shape, x->ndim), shape_str(y->shape, y->ndim), i, dx, dy);
    out[i] = dx == 1 ? dy : dx;
  }
  set_shape(n, out, nd);
}

void shape_transpose(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int d0 = norm_dim(as_int(param(n->def, p, "dim0"), "dim0", loc), in->ndim, loc);
  int d1 = norm_dim(as_int(param(n->def, p, "dim1"), "dim1", loc), in->ndim, loc);
  int out[MAX_DIMS];
  memcpy(out, in->shape, sizeof out);
  out[d0] = in->shape[d1];
  out[d1] = in->shape[d0];
  set_shape(n, out, in->ndim);
}

/* x.permute(0, 2, 3, 1), x.permute([0, 2, 3, 1]), torch.permute(x, (0, 2, 3, 1)) */
void shape_permute(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  Value *dims = unwrap_const(p[n->op == N_CALL_METHOD ? 0 : 1]);
  if (n->op == N_CALL_METHOD && dims->list->n == 1 && v_is_seq(unwrap_const(dims->list->items[0])))
    dims = unwrap_const(dims->list->items[0]);
  if (!v_is_seq(dims))
    error_at(loc, "permute() expects a sequence of dims, got %s", v_type_name(dims));
  if (dims->list->n != in->ndim)
    error_at(loc, "permute(): number of dims don't match: %d dims for a %dD tensor", dims->list->n, in->ndim);
  bool seen[MAX_DIMS] = {false};
  int out[MAX_DIMS];
  for (int i = 0; i < in->ndim; i++) {
    int d = norm_dim(as_int(dims->list->items[i], "a dim", loc), in->ndim, loc);
    if (seen[d])
      error_at(loc, "permute(): repeated dim %d", d);
    seen[d] = true;
    out[i] = in->shape[d];
  }
  set_shape(n, out, in->ndim);
}

void shape_unsqueeze(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  if (in->ndim == MAX_DIMS)
    error_at(loc, "qgen supports tensors of at most %d dimensions", MAX_DIMS);
  int d = norm_dim(as_int(param(n->def, p, "dim"), "dim", loc), in->ndim + 1, loc), out[MAX_DIMS], m = 0;
  for (int i = 0; i <= in->ndim; i++)
    out[m++] = i == d ? 1 : in->shape[i < d ? i : i - 1];
  set_shape(n, out, m);
}

void shape_squeeze(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  Value *dv = unwrap_const(param(n->def, p, "dim"));
  int d = dv->kind == V_NONE ? -1 : norm_dim(as_int(dv, "dim", loc), in->ndim, loc), out[MAX_DIMS], m = 0;
  for (int i = 0; i < in->ndim; i++)
    if (in->shape[i] != 1 || (d >= 0 && i != d))
      out[m++] = in->shape[i];
  set_shape(n, out, m);
}

/* torch.chunk: pieces of ceil(size / chunks); fewer than `chunks` pieces
 * when that divides the size unevenly (4 by 3 gives 2 and 2). */
void shape_chunk(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int64_t chunks = as_int(param(n->def, p, "chunks"), "chunks", loc);
  if (chunks <= 0)
    error_at(loc, "chunk expects `chunks` to be greater than 0, got: %lld", (long long)chunks);
  if (in->ndim == 0)
    error_at(loc, "chunk expects at least a 1-dimensional tensor");
  int dim = norm_dim(as_int(param(n->def, p, "dim"), "dim", loc), in->ndim, loc);
  int64_t size = in->shape[dim], step = (size + chunks - 1) / chunks;
  int64_t count = step ? (size + step - 1) / step : chunks;
  if (count > QGEN_MAX_PARTS)
    error_at(loc, "chunk into %lld pieces: qgen's limit is %d", (long long)count, QGEN_MAX_PARTS);
  int *len = arena_alloc(sizeof(int) * (size_t)count);
  for (int64_t i = 0; i < count; i++)
    len[i] = (int)(step && (i + 1) * step > size ? size - i * step : step);
  set_parts(n, in, dim, len, (int)count);
}

/* torch.split, Tensor.split: pieces of split_size (the last one smaller),
 * or of the listed sizes, which must add up to the size. */
void shape_split(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  if (in->ndim == 0)
    error_at(loc, "split expects at least a 1-dimensional tensor");
  Value *ss = unwrap_const(p[n->op == N_CALL_METHOD ? 0 : 1]);
  int dim = norm_dim(as_int(param(n->def, p, "dim"), "dim", loc), in->ndim, loc);
  int64_t size = in->shape[dim];
  if (v_is_seq(ss)) {
    int *len = arena_alloc(sizeof(int) * (size_t)(ss->list->n + 1));
    int64_t total = 0;
    for (int i = 0; i < ss->list->n; i++) {
      int64_t l = as_int(ss->list->items[i], "a split size", loc);
      if (l < 0)
        error_at(loc, "split_with_sizes expects split_sizes to be non-negative, got %lld", (long long)l);
      len[i] = (int)size_arg(l, "a split size", loc);
      total = size_add(total, l, loc);
    }
    if (total != size) {
      Buf b = {0};
      v_repr(&b, ss);
      error_at(loc, "shape mismatch: split sizes %s add up to %lld, but dimension %d of shape %s has size %lld",
               buf_str(&b), (long long)total, dim, shape_str(in->shape, in->ndim), (long long)size);
    }
    set_parts(n, in, dim, len, ss->list->n);
    return;
  }
  int64_t step = as_int(ss, "split_size", loc);
  if (step < 0 || (step == 0 && size))
    error_at(loc, "split expects split_size to be positive, got %lld", (long long)step);
  int64_t count = step ? (size + step - 1) / step : 1;
  if (count == 0)
    count = 1;
  if (count > QGEN_MAX_PARTS)
    error_at(loc, "split into %lld pieces: qgen's limit is %d", (long long)count, QGEN_MAX_PARTS);
  int *len = arena_alloc(sizeof(int) * (size_t)count);
  for (int64_t i = 0; i < count; i++)
    len[i] = (int)((i + 1) * step > size ? size - i * step : step);
  set_parts(n, in, dim, len, (int)count);
}

void shape_gelu(Node *n, Value **p, Loc loc) {
  Value *a = unwrap_const(param(n->def, p, "approximate"));
  if (a->kind != V_STR || (strcmp(a->s, "none") && strcmp(a->s, "tanh")))
    error_at(loc, "GELU's approximate must be 'none' or 'tanh'");
  shape_same(n, p, loc);
}

void shape_softmax(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  Value *d = unwrap_const(param(n->def, p, "dim"));
  if (d->kind != V_NONE)
    norm_dim(as_int(d, "dim", loc), in->ndim, loc);
  set_shape(n, in->shape, in->ndim);
}

void shape_dropout1d(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  if (in->ndim != 2 && in->ndim != 3)
    error_at(loc, "dropout1d expects a 2D or 3D input, got shape %s", shape_str(in->shape, in->ndim));
  set_shape(n, in->shape, in->ndim);
}

void shape_prelu(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int64_t np = as_int(p[0], "num_parameters", loc);
  if (np != 1 && (in->ndim < 2 || in->shape[1] != np))
    error_at(loc, "Mismatch of parameter numbers and input channel size. Found parameter numbers = %lld and channel "
                  "size = %d.", (long long)np, in->ndim < 2 ? 1 : in->shape[1]);
  set_shape(n, in->shape, in->ndim);
}

void shape_batchnorm1d(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  if (in->ndim != 2 && in->ndim != 3)
    error_at(loc, "BatchNorm1d expects a 2D or 3D input, got shape %s", shape_str(in->shape, in->ndim));
  if (in->shape[1] != p[0]->i)
    error_at(loc, "shape mismatch: BatchNorm1d expects %lld channels, got input of shape %s",
             (long long)p[0]->i, shape_str(in->shape, in->ndim));
  set_shape(n, in->shape, in->ndim);
}

void shape_channel_shuffle(Node *n, Value **p, Loc loc) {
  Node *in = input_node(n, 0, loc);
  int64_t groups = as_int(param(n->def, p, "groups"), "groups", loc);
  if (in->ndim < 3)
    error_at(loc, "channel_shuffle expects an input of at least 3 dimensions, got shape %s", shape_str(in->shape, in->ndim));
  if (groups <= 0)
    error_at(loc, "channel_shuffle: the number of groups must be positive, got %lld", (long long)groups);
  if (in->shape[1] % groups)
    error_at(loc, "shape mismatch: channel_shuffle of %d channels into %lld groups (shape %s)", in->shape[1],
             (long long)groups, shape_str(in->shape, in->ndim));
  set_shape(n, in->shape, in->ndim);
}

/* nn.Upsample and F.interpolate: the spatial dims (all after N, C) become
 * `size`, or floor(size * scale_factor). */
void shape_interpolate(Node *n, Value **p, Loc loc) {
  const OpDef *op = n->def;
  Node *in = input_node(n, 0, loc);
  int sd = in->ndim - 2;
  if (sd < 1 || sd > 3)
    error_at(loc, "%s expects a 3D, 4D or 5D input, got shape %s", op->name, shape_str(in->shape, in->ndim));
  Value *size = unwrap_const(param(op, p, "size")), *sf = unwrap_const(param(op, p, "scale_factor"));
  Value *mode = unwrap_const(param(op, p, "mode")), *ac = unwrap_const(param(op, p, "align_corners"));
  if (size->kind != V_NONE && sf->kind != V_NONE)
    error_at(loc, "%s: only one of size or scale_factor should be defined", op->name);
  if (size->kind == V_NONE && sf->kind == V_NONE)
    error_at(loc, "%s: either size or scale_factor should be defined", op->name);
  if (mode->kind != V_STR)
    error_at(loc, "%s: mode must be a string", op->name);
  static const struct { const char *mode; int sd; bool interpolating; } modes[] = {
    {"nearest", 0, false}, {"nearest-exact", 0, false}, {"area", 0, false}, {"linear", 1, true},
    {"bilinear", 2, true}, {"bicubic", 2, true}, {"trilinear", 3, true}};
  size_t m = 0;
  while (m < sizeof modes / sizeof *modes && strcmp(modes[m].mode, mode->s))
    m++;
  if (m == sizeof modes / sizeof *modes)
    error_at(loc, "%s: unknown mode '%s'", op->name, mode->s);
  if (modes[m].sd && modes[m].sd != sd)
    error_at(loc, "%s: got a %dD input, but %s mode needs a %dD input", op->name, in->ndim, mode->s, modes[m].sd + 2);
  if (ac->kind != V_NONE && !modes[m].interpolating)
    error_at(loc, "%s: align_corners can only be set with the interpolating modes: linear, bilinear, bicubic, trilinear",
             op->name);
  Value *spec = size->kind != V_NONE ? size : sf;
  if (v_is_seq(spec) && spec->list->n != sd)
    error_at(loc, "%s: %d output sizes or scale factors for %d spatial dimensions (input shape %s)", op->name,
             spec->list->n, sd, shape_str(in->shape, in->ndim));
  int out[MAX_DIMS];
  memcpy(out, in->shape, sizeof out);
  for (int i = 0; i < sd; i++) {
    Value *v = v_is_seq(spec) ? spec->list->items[i] : spec;
    double f = size->kind != V_NONE ? (double)as_int(v, "size", loc)
                                     : floor((double)in->shape[2 + i] * as_number(v, "scale_factor", loc));
    if (!(f <= (double)QGEN_MAX_NUMEL))
      error_at(loc, "shape mismatch: %s of input of shape %s gives a size past qgen's limit of %lld", op->name,
               shape_str(in->shape, in->ndim), (long long)QGEN_MAX_NUMEL);
    int64_t o = (int64_t)f;
    if (o <= 0)
      error_at(loc, "shape mismatch: %s of input of shape %s gives an empty output", op->name,
               shape_str(in->shape, in->ndim));
    out[2 + i] = (int)o;
  }
  set_shape(n, out, in->ndim);
}
