/* value.c: Value, what a model's Python computes statically, and Python's
 * repr of it (FX prints arguments with repr, so ours must match). */
#include "qgen.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Value none_value = {.kind = V_NONE};
Value ellipsis_value = {.kind = V_ELLIPSIS};
Value true_value = {.kind = V_BOOL, .b = true};
Value false_value = {.kind = V_BOOL, .b = false};
Value no_default = {.kind = V_NONE};

static Value *v_new(VKind kind) {
  Value *v = arena_alloc(sizeof *v);
  v->kind = kind;
  return v;
}

Value *v_none(void) { return &none_value; }
Value *v_bool(bool b) { return b ? &true_value : &false_value; }
Value *v_int(int64_t i) { Value *v = v_new(V_INT); v->i = i; return v; }
Value *v_float(double f) { Value *v = v_new(V_FLOAT); v->f = f; return v; }
Value *v_str(const char *s) { Value *v = v_new(V_STR); v->s = s; return v; }
Value *v_proxy(Node *n) { Value *v = v_new(V_PROXY); v->node = n; return v; }
Value *v_namespace(const char *name) { Value *v = v_new(V_NAMESPACE); v->ns = name; return v; }
Value *v_builtin(const OpDef *op) { Value *v = v_new(V_BUILTIN); v->op = op; return v; }

Value *v_class(ClassDef *c) { Value *v = v_new(V_CLASS); v->cls = c; return v; }
Value *v_func(FuncDef *f) { Value *v = v_new(V_FUNC); v->func = f; return v; }

Value *v_unavailable(const char *what, const char *why, Loc where) {
  Value *v = v_new(V_UNAVAILABLE);
  v->na.what = what;
  v->na.why = why;
  v->na.where = where;
  return v;
}

/* Using a name that could not be had: the error is here, its cause a note. */
void check_available(const Value *v, Loc use) {
  if (v->kind != V_UNAVAILABLE)
    return;
  if (v->na.why)
    error_note(v->na.where, v->na.why);
  error_at(use, "%s", v->na.what);
}

Value *v_bound(Value *self, Value *fn) {
  Value *v = v_new(V_BOUND);
  v->bound.self = self;
  v->bound.fn = fn;
  return v;
}

static Value *v_seq(VKind kind, int n, Value **items) {
  Value *v = v_new(kind);
  v->list = arena_alloc(sizeof(List));
  for (int i = 0; i < n; i++)
    list_push(v->list, items[i]);
  return v;
}
Value *v_tuple(int n, Value **items) { return v_seq(V_TUPLE, n, items); }
Value *v_list(int n, Value **items) { return v_seq(V_LIST, n, items); }

Value *v_dict(void) {
  Value *v = v_new(V_DICT);
  v->dict = dict_new();
  return v;
}

void list_push(List *l, Value *v) {
  if (l->n == l->cap) {
    int cap = l->cap ? l->cap * 2 : 4;
    l->items = arena_grow(l->items, sizeof(Value *) * (size_t)l->n, sizeof(Value *) * (size_t)cap);
    l->cap = cap;
  }
  l->items[l->n++] = v;
}

Dict *dict_new(void) { return arena_alloc(sizeof(Dict)); }

/* Lookups are by string. A dict of more than 8 entries (a Sequential of
 * a thousand layers, the graph's names) gets a hash index, open
 * addressing over the entry numbers, so that tracing stays linear. */
static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void index_insert(Dict *d, int i) {
  uint32_t mask = (uint32_t)d->icap - 1;
  for (uint32_t h = hash(d->keys[i]) & mask;; h = (h + 1) & mask)
    if (!d->index[h]) {
      d->index[h] = i + 1;
      return;
    }
}

static void index_rebuild(Dict *d) {
  d->icap = 16;
  while (d->icap < 2 * d->cap)
    d->icap *= 2;
  d->index = arena_alloc(sizeof(int) * (size_t)d->icap);
  for (int i = 0; i < d->n; i++)
    index_insert(d, i);
}

static int dict_find(const Dict *d, const char *key) {
  if (d->index) {
    uint32_t mask = (uint32_t)d->icap - 1;
    for (uint32_t h = hash(key) & mask; d->index[h]; h = (h + 1) & mask)
      if (!strcmp(d->keys[d->index[h] - 1], key))
        return d->index[h] - 1;
    return -1;
  }
  for (int i = d->n - 1; i >= 0; i--)
    if (!strcmp(d->keys[i], key))
      return i;
  return -1;
}

Value *dict_get(const Dict *d, const char *key) {
  int i = dict_find(d, key);
  return i < 0 ? NULL : d->vals[i];
}

void dict_set(Dict *d, const char *key, Value *v) {
  int i = dict_find(d, key);
  if (i >= 0) {
    d->vals[i] = v;
    return;
  }
  if (d->n == d->cap) {
    int cap = d->cap ? d->cap * 2 : 8;
    d->keys = arena_grow(d->keys, sizeof(char *) * (size_t)d->n, sizeof(char *) * (size_t)cap);
    d->vals = arena_grow(d->vals, sizeof(Value *) * (size_t)d->n, sizeof(Value *) * (size_t)cap);
    d->cap = cap;
    if (d->index || cap > 8) {
      d->keys[d->n] = key;
      d->vals[d->n++] = v;
      index_rebuild(d);
      return;
    }
  }
  d->keys[d->n] = key;
  d->vals[d->n++] = v;
  if (d->index)
    index_insert(d, d->n - 1);
}

bool v_is_seq(const Value *v) { return v->kind == V_TUPLE || v->kind == V_LIST; }
bool v_is_module(const Value *v) { return v->kind == V_OBJECT && v->obj->nn; }

bool v_truthy(const Value *v) {
  switch (v->kind) {
  case V_NONE: return false;
  case V_BOOL: return v->b;
  case V_INT: return v->i != 0;
  case V_FLOAT: return v->f != 0;
  case V_STR: return v->s[0] != 0;
  case V_TUPLE: case V_LIST: return v->list->n > 0;
  case V_DICT: return v->dict->n > 0;
  case V_OBJECT:
    if (v->obj->children && v->obj->nn && (v->obj->nn->id == OP_SEQUENTIAL || v->obj->nn->id == OP_MODULELIST))
      return v->obj->children->n > 0;
    return true;
  default: return true;
  }
}

bool v_equal(const Value *a, const Value *b) {
  if ((a->kind == V_INT || a->kind == V_BOOL || a->kind == V_FLOAT) &&
      (b->kind == V_INT || b->kind == V_BOOL || b->kind == V_FLOAT)) {
    double x = a->kind == V_FLOAT ? a->f : a->kind == V_INT ? (double)a->i : a->b;
    double y = b->kind == V_FLOAT ? b->f : b->kind == V_INT ? (double)b->i : b->b;
    if (a->kind != V_FLOAT && b->kind != V_FLOAT) {
      int64_t p = a->kind == V_INT ? a->i : a->b, q = b->kind == V_INT ? b->i : b->b;
      return p == q;
    }
    return x == y;
  }
  if (a->kind != b->kind)
    return false;
  switch (a->kind) {
  case V_NONE: return true;
  case V_STR: return !strcmp(a->s, b->s);
  case V_TUPLE: case V_LIST:
    if (a->list->n != b->list->n || a->list->is_set != b->list->is_set)
      return false;
    if (a->list->is_set) {   /* sets: the same members, in any order */
      for (int i = 0; i < a->list->n; i++) {
        bool found = false;
        for (int k = 0; k < b->list->n && !found; k++)
          found = v_equal(a->list->items[i], b->list->items[k]);
        if (!found)
          return false;
      }
      return true;
    }
    for (int i = 0; i < a->list->n; i++)
      if (!v_equal(a->list->items[i], b->list->items[i]))
        return false;
    return true;
  case V_OBJECT: return a->obj == b->obj;
  case V_DICT:
    if (a->dict->n != b->dict->n)
      return false;
    for (int i = 0; i < a->dict->n; i++) {
      Value *o = dict_get(b->dict, a->dict->keys[i]);
      if (!o || !v_equal(a->dict->vals[i], o))
        return false;
    }
    return true;
  case V_PROXY: return a->node == b->node;
  case V_BUILTIN: return a->op == b->op;
  case V_FUNC: return a->func == b->func;
  case V_CLASS: return a->cls == b->cls;
  case V_NAMESPACE: return !strcmp(a->ns, b->ns);
  default: return a == b;
  }
}

const char *v_kind_name(const Value *v) {
  static const char *names[] = {"None", "bool", "int", "float", "str", "tuple", "list", "dict", "slice", "ellipsis",
                                "function", "class", "object", "builtin", "method", "tensor", "super", "module",
                                "module", "Parameter", "unavailable name", "tensor", "lazy binding"};
  return names[v->kind];
}

const char *v_type_name(const Value *v) {
  if (v->kind == V_OBJECT)
    return v->obj->cls ? v->obj->cls->name : v->obj->nn ? v->obj->nn->name : "object";
  if (v->kind == V_PROXY)
    return v->node->is_tensor ? "Tensor" : v->node->part_len ? "tuple of Tensors" : "value";
  return v_kind_name(v);
}

/* Python's repr(float): the shortest digits that round-trip, fixed notation
 * for exponents in [-4, 16), scientific otherwise, ".0" on integral values. */
const char *float_repr(double d) {
  if (isnan(d))
    return "nan";
  if (isinf(d))
    return d > 0 ? "inf" : "-inf";
  char buf[64];
  int prec;
  for (prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
    if (strtod(buf, NULL) == d)
      break;
  }
  /* buf = [-]D[.DDD]e[+-]XX */
  char digits[32];
  int nd = 0, neg = buf[0] == '-';
  const char *p = buf + neg;
  for (; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9')
      digits[nd++] = *p;
  int exp = atoi(p + 1);
  while (nd > 1 && digits[nd - 1] == '0')
    nd--;
  Buf b = {0};
  if (neg)
    buf_putc(&b, '-');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      buf_puts(&b, "0.");
      for (int i = 0; i < -exp - 1; i++)
        buf_putc(&b, '0');
      buf_putn(&b, digits, (size_t)nd);
    } else {
      for (int i = 0; i <= exp; i++)
        buf_putc(&b, i < nd ? digits[i] : '0');
      buf_putc(&b, '.');
      if (nd > exp + 1)
        buf_putn(&b, digits + exp + 1, (size_t)(nd - exp - 1));
      else
        buf_putc(&b, '0');
    }
  } else {
    buf_putc(&b, digits[0]);
    if (nd > 1) {
      buf_putc(&b, '.');
      buf_putn(&b, digits + 1, (size_t)(nd - 1));
    }
    buf_printf(&b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  }
  return buf_str(&b);
}

static void str_repr(Buf *b, const char *s) {
  char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
  buf_putc(b, q);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == (unsigned char)q || c == '\\')
      buf_printf(b, "\\%c", c);
    else if (c == '\n')
      buf_puts(b, "\\n");
    else if (c == '\t')
      buf_puts(b, "\\t");
    else if (c == '\r')
      buf_puts(b, "\\r");
    else if (c < 0x20 || c == 0x7f)
      buf_printf(b, "\\x%02x", c);
    else
      buf_putc(b, (char)c);
  }
  buf_putc(b, q);
}

void v_repr(Buf *b, const Value *v) {
  switch (v->kind) {
  case V_NONE: buf_puts(b, "None"); break;
  case V_ELLIPSIS: buf_puts(b, "Ellipsis"); break;
  case V_BOOL: buf_puts(b, v->b ? "True" : "False"); break;
  case V_INT: buf_printf(b, "%lld", (long long)v->i); break;
  case V_FLOAT: buf_puts(b, float_repr(v->f)); break;
  case V_STR: str_repr(b, v->s); break;
  case V_TUPLE:
  case V_LIST:
    if (v->list->is_set && v->list->n) {
      buf_putc(b, '{');
      for (int i = 0; i < v->list->n; i++) {
        if (i)
          buf_puts(b, ", ");
        v_repr(b, v->list->items[i]);
      }
      buf_putc(b, '}');
      break;
    }
    if (v->list->is_set) {
      buf_puts(b, "set()");
      break;
    }
    buf_putc(b, v->kind == V_TUPLE ? '(' : '[');
    for (int i = 0; i < v->list->n; i++) {
      if (i)
        buf_puts(b, ", ");
      v_repr(b, v->list->items[i]);
    }
    if (v->kind == V_TUPLE && v->list->n == 1)
      buf_putc(b, ',');
    buf_putc(b, v->kind == V_TUPLE ? ')' : ']');
    break;
  case V_DICT:
    buf_putc(b, '{');
    for (int i = 0; i < v->dict->n; i++) {
      buf_printf(b, "%s'%s': ", i ? ", " : "", v->dict->keys[i]);
      v_repr(b, v->dict->vals[i]);
    }
    buf_putc(b, '}');
    break;
  case V_SLICE:
    buf_puts(b, "slice(");
    v_repr(b, v->slice.lo);
    buf_puts(b, ", ");
    v_repr(b, v->slice.hi);
    buf_puts(b, ", ");
    v_repr(b, v->slice.step);
    buf_putc(b, ')');
    break;
  case V_PROXY: buf_puts(b, v->node->name); break;
  case V_BUILTIN: buf_puts(b, v->op->qualname); break;
  case V_NAMESPACE: buf_puts(b, v->ns); break;
  case V_FUNC: buf_printf(b, "<function %s>", v->func->name); break;
  case V_CLASS: buf_printf(b, "<class '%s'>", v->cls->name); break;
  case V_OBJECT: buf_printf(b, "<%s object>", v_type_name(v)); break;
  case V_BOUND: buf_puts(b, "<bound method>"); break;
  case V_SUPER: buf_puts(b, "<super>"); break;
  case V_MODULE: buf_printf(b, "<module '%s'>", v->mod->name); break;
  case V_PARAM: buf_printf(b, "<%s of %s>", v->param.name, v_type_name(v->param.module)); break;
  case V_UNAVAILABLE: buf_puts(b, "<unavailable>"); break;
  case V_LAZY: buf_puts(b, "<lazy>"); break;
  case V_CTENSOR:
    buf_puts(b, v->ct.scalar ? "tensor(" : "tensor([");
    for (int i = 0; i < v->ct.n; i++) {
      double x = v->ct.v[i];
      if (v->ct.dtype == 'f')
        buf_printf(b, "%s%.4f", i ? ", " : "", x);
      else
        buf_printf(b, "%s%lld", i ? ", " : "", (long long)x);
    }
    buf_puts(b, v->ct.scalar ? ")" : "])");
    break;
  }
}
