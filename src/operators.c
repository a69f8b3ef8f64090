/* operators.c: what Python's operators, subscripts and iteration do to the
 * Values of a model's code (eval.c evaluates the syntax and calls these):
 * int arithmetic in 64 bits, every overflow a located error; sequence
 * concatenation and repetition; comparisons and truth, which refuse a
 * traced tensor's data; indexing and slicing of sequences, namedtuples,
 * nn containers and user classes with __getitem__; for-loop iteration.
 * An operand that is a traced tensor records a graph node (trace.c). */
#include "qgen.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------- operators */

static Value *concat(Value *a, Value *b) {
  Value *r = a->kind == V_TUPLE ? v_tuple(0, NULL) : v_list(0, NULL);
  for (int i = 0; i < a->list->n; i++)
    list_push(r->list, a->list->items[i]);
  for (int i = 0; i < b->list->n; i++)
    list_push(r->list, b->list->items[i]);
  return r;
}

static NORETURN void int_overflow(Loc loc) {
  error_at(loc, "integer overflow: qgen computes with 64-bit integers and this result does not fit");
}

static Value *int_binary(const char *op, int64_t x, int64_t y, Loc loc) {
  int64_t r;
  switch (op[0]) {
  case '+': if (__builtin_add_overflow(x, y, &r)) int_overflow(loc); return v_int(r);
  case '-': if (__builtin_sub_overflow(x, y, &r)) int_overflow(loc); return v_int(r);
  case '*':
    if (op[1] == '*') {
      if (y < 0)
        return v_float(pow((double)x, (double)y));
      r = 1;
      for (int64_t i = 0; i < y; i++) {
        if (__builtin_mul_overflow(r, x, &r))
          int_overflow(loc);
        if (r == 0 || r == 1 || (r == -1 && i > 64))
          break;
      }
      return v_int(r);
    }
    if (__builtin_mul_overflow(x, y, &r)) int_overflow(loc);
    return v_int(r);
  case '/':
    if (y == 0)
      error_at(loc, op[1] == '/' ? "integer division or modulo by zero" : "division by zero");
    if (op[1] != '/')
      return v_float((double)x / (double)y);
    if (x == INT64_MIN && y == -1) int_overflow(loc);
    return v_int(floordiv64(x, y));
  case '%':
    if (y == 0)
      error_at(loc, "integer division or modulo by zero");
    if (y == -1) return v_int(0);
    return v_int(x - floordiv64(x, y) * y);
  case '<':
    if (y < 0) error_at(loc, "negative shift count");
    if (y >= 63 || (x != 0 && (x > (INT64_MAX >> y) || x < (INT64_MIN >> y)))) {
      if (x == 0) return v_int(0);
      int_overflow(loc);
    }
    return v_int((int64_t)((uint64_t)x << y));
  case '>':
    if (y < 0) error_at(loc, "negative shift count");
    return v_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
  case '&': return v_int(x & y);
  case '|': return v_int(x | y);
  case '^': return v_int(x ^ y);
  }
  return NULL;
}

Value *value_binary(Interp *in, const char *op, Value *a, Value *b, Loc loc) {
  check_available(a, loc);
  check_available(b, loc);
  if (a->kind == V_PROXY || b->kind == V_PROXY)
    return trace_binary(in, op, a, b, loc);
  if (a->kind == V_CTENSOR || b->kind == V_CTENSOR)
    return ctensor_binary(op, a, b, loc);
  if (v_is_num(a) && v_is_num(b)) {
    if (v_is_int(a) && v_is_int(b)) {
      Value *r = int_binary(op, v_ival(a), v_ival(b), loc);
      if (r)
        return r;
    } else {
      double p = v_num(a), q = v_num(b);
      switch (op[0]) {
      case '+': return v_float(p + q);
      case '-': return v_float(p - q);
      case '*': return v_float(op[1] == '*' ? pow(p, q) : p * q);
      case '/':
        if (q == 0)
          error_at(loc, "float division by zero");
        return v_float(op[1] == '/' ? floor(p / q) : p / q);
      case '%':
        if (q == 0)
          error_at(loc, "float modulo");
        return v_float(p - floor(p / q) * q);
      }
    }
  }
  if (!strcmp(op, "+") && a->kind == b->kind && v_is_seq(a))
    return concat(a, b);
  if (!strcmp(op, "+") && a->kind == V_STR && b->kind == V_STR)
    return v_str(format("%s%s", a->s, b->s));
  if (!strcmp(op, "%") && a->kind == V_STR)
    return v_str(str_percent(a->s, b, loc));
  if (!strcmp(op, "*") && (v_is_seq(a) || v_is_seq(b) || a->kind == V_STR || b->kind == V_STR) &&
      (v_is_int(a) || v_is_int(b))) {
    Value *s = v_is_int(a) ? b : a;
    int64_t k = v_is_int(a) ? v_ival(a) : v_ival(b);
    int64_t len = s->kind == V_STR ? (int64_t)strlen(s->s) : s->list->n;
    if (k > 0 && len > 0 && k > QGEN_MAX_REPEAT / len)
      error_at(loc, "sequence repetition too large");
    if (s->kind == V_STR) {
      Buf out = {0};
      for (int64_t i = 0; i < k; i++)
        buf_puts(&out, s->s);
      return v_str(out.len ? buf_str(&out) : "");
    }
    Value *r = s->kind == V_TUPLE ? v_tuple(0, NULL) : v_list(0, NULL);
    for (int64_t i = 0; i < k; i++)
      for (int j = 0; j < s->list->n; j++)
        list_push(r->list, s->list->items[j]);
    return r;
  }
  error_at(loc, "unsupported operand types for %s: '%s' and '%s'", op, v_type_name(a), v_type_name(b));
}

static void data_dependent(Value *v, Loc loc) {
  if (v->kind == V_PROXY && !v->node->const_value && !v->node->is_tensor && v->node->ndim < 0)
    error_at(loc, "this depends on the input's shape, and none was given: give --input-shape N,C,H,W "
                  "or a '# qgen: input-shape=N,C,H,W' comment in the model file");
  if (v->kind == V_PROXY && !v->node->const_value)
    error_at(loc, "data-dependent control flow: this depends on a tensor's values, which are not known "
                  "when tracing (torch.fx refuses it too)");
}

bool value_compare(const char *op, Value *a, Value *b, Loc loc) {
  data_dependent(a, loc);
  data_dependent(b, loc);
  a = unwrap_const(a);
  b = unwrap_const(b);
  if (!strcmp(op, "==")) return v_equal(a, b);
  if (!strcmp(op, "!=")) return !v_equal(a, b);
  if (!strcmp(op, "is")) return v_equal(a, b) && (a->kind == b->kind);
  if (!strcmp(op, "is not")) return !(v_equal(a, b) && a->kind == b->kind);
  if (!strcmp(op, "in") || !strcmp(op, "not in")) {
    bool found = false;
    if (v_is_seq(b)) {
      for (int i = 0; i < b->list->n && !found; i++)
        found = v_equal(a, unwrap_const(b->list->items[i]));
    } else if (b->kind == V_DICT && a->kind == V_STR) {
      found = dict_get(b->dict, a->s) != NULL;
    } else if (b->kind == V_STR && a->kind == V_STR) {
      found = strstr(b->s, a->s) != NULL;
    } else
      error_at(loc, "'in' is not supported on %s", v_type_name(b));
    return op[0] == 'i' ? found : !found;
  }
  double x, y;
  if (v_is_num(a) && v_is_num(b)) {
    x = v_num(a);
    y = v_num(b);
  } else if (a->kind == V_STR && b->kind == V_STR) {
    x = strcmp(a->s, b->s);
    y = 0;
  } else
    error_at(loc, "cannot compare %s and %s with %s", v_type_name(a), v_type_name(b), op);
  if (!strcmp(op, "<")) return x < y;
  if (!strcmp(op, "<=")) return x <= y;
  if (!strcmp(op, ">")) return x > y;
  if (!strcmp(op, ">=")) return x >= y;
  error_at(loc, "unsupported comparison '%s'", op);
}

bool value_truth(Value *v, Loc loc) {
  data_dependent(v, loc);
  return v_truthy(unwrap_const(v));
}

/* -------------------------------------------------- subscripts */
int64_t value_index(Value *seq, int64_t i, int n, Loc loc) {
  if (i < 0)
    i += n;
  if (i < 0 || i >= n)
    error_at(loc, "index %lld out of range (%s of length %d)", (long long)(i < 0 ? i - n : i), v_type_name(seq), n);
  return i;
}

static Value *slice_of(Value *seq, int n, Value **items, Value *sl, Loc loc, bool *is_slice) {
  int64_t lo = sl->slice.lo->kind == V_NONE ? 0 : as_int(sl->slice.lo, "slice index", loc);
  int64_t hi = sl->slice.hi->kind == V_NONE ? n : as_int(sl->slice.hi, "slice index", loc);
  int64_t st = sl->slice.step->kind == V_NONE ? 1 : as_int(sl->slice.step, "slice step", loc);
  if (st == 0)
    error_at(loc, "slice step cannot be zero");
  if (lo < 0) lo += n;
  if (hi < 0) hi += n;
  lo = lo < 0 ? (st < 0 ? -1 : 0) : lo >= n ? (st < 0 ? n - 1 : n) : lo;
  hi = hi < 0 ? (st < 0 ? -1 : 0) : hi > n ? n : hi;
  if (sl->slice.lo->kind == V_NONE && st < 0) lo = n - 1;
  if (sl->slice.hi->kind == V_NONE && st < 0) hi = -1;
  Value *r = seq->kind == V_TUPLE ? v_tuple(0, NULL) : v_list(0, NULL);
  for (int64_t i = lo; st > 0 ? i < hi : i > hi; i += st)
    list_push(r->list, items[i]);
  *is_slice = true;
  return r;
}

/* A namedtuple instance's fields, in order, as a tuple. */
static Value *namedtuple_items(Value *obj) {
  ClassDef *c = obj->obj->cls;
  Value *t = v_tuple(0, NULL);
  for (int i = 0; i < c->fields->n; i++) {
    Value *v = dict_get(obj->obj->attrs, c->fields->keys[i]);
    list_push(t->list, v ? v : &none_value);
  }
  return t;
}

static bool is_namedtuple(Value *v) { return v->kind == V_OBJECT && v->obj->cls && v->obj->cls->is_namedtuple; }

Value *value_subscript(Interp *in, Value *obj, Value *key, Loc loc) {
  check_available(obj, loc);
  if (obj->kind == V_PROXY)
    return trace_getitem(in, obj, key, loc);
  key = unwrap_const(key);
  bool sliced = false;
  if (is_namedtuple(obj))
    obj = namedtuple_items(obj);
  if (obj->kind == V_CLASS || (obj->kind == V_BUILTIN && obj->op->kind == OK_PYBUILTIN))
    return obj;   /* list[int], MyGeneric[T]: the type itself */
  if (obj->kind == V_OBJECT && !obj->obj->nn && obj->obj->cls) {
    Value *gi = object_method(obj, "__getitem__");
    if (gi)
      return call_value(in, gi, &key, 1, NULL, loc);
  }
  if (obj->kind == V_OBJECT && obj->obj->nn && obj->obj->nn->id == OP_MODULEDICT) {
    Value *v = key->kind == V_STR ? dict_get(obj->obj->children, key->s) : NULL;
    if (!v)
      error_at(loc, "ModuleDict has no key %s", key->kind == V_STR ? format("'%s'", key->s) : v_type_name(key));
    return v;
  }
  if (v_is_seq(obj)) {
    if (key->kind == V_SLICE)
      return slice_of(obj, obj->list->n, obj->list->items, key, loc, &sliced);
    return obj->list->items[value_index(obj, as_int(key, "index", loc), obj->list->n, loc)];
  }
  if (obj->kind == V_DICT) {
    if (key->kind != V_STR)
      error_at(loc, "qgen supports dicts with string keys only");
    Value *v = dict_get(obj->dict, key->s);
    if (!v)
      error_at(loc, "key '%s' not found", key->s);
    return v;
  }
  if (obj->kind == V_OBJECT && obj->obj->nn &&
      (obj->obj->nn->id == OP_SEQUENTIAL || obj->obj->nn->id == OP_MODULELIST)) {
    Dict *ch = obj->obj->children;
    if (key->kind == V_SLICE) {
      Value *sub = slice_of(v_list(0, NULL), ch->n, ch->vals, key, loc, &sliced);
      Value *none[1];
      Object *o = nn_module_new(obj->obj->nn, none, loc);
      for (int i = 0; i < sub->list->n; i++)
        dict_set(o->children, format("%d", i), sub->list->items[i]);
      Value *v = arena_alloc(sizeof *v);
      v->kind = V_OBJECT;
      v->obj = o;
      return v;
    }
    return ch->vals[value_index(obj, as_int(key, "index", loc), ch->n, loc)];
  }
  if (obj->kind == V_STR && key->kind == V_INT) {
    int64_t i = value_index(obj, key->i, (int)strlen(obj->s), loc);
    return v_str(arena_strndup(obj->s + i, 1));
  }
  if (obj->kind == V_STR && key->kind == V_SLICE) {
    int n = (int)strlen(obj->s);
    Value **chars = arena_alloc(sizeof(Value *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
      chars[i] = v_str(arena_strndup(obj->s + i, 1));
    Value *l = slice_of(v_list(0, NULL), n, chars, key, loc, &sliced);
    Buf b = {0};
    for (int i = 0; i < l->list->n; i++)
      buf_puts(&b, l->list->items[i]->s);
    return v_str(b.len ? buf_str(&b) : "");
  }
  error_at(loc, "'%s' object is not subscriptable", v_type_name(obj));
}

/* Iterating: sequences, dict keys, containers of modules. */
List *value_iter(Value *v, Loc loc) {
  List *l;
  if (v->kind == V_PROXY && (l = trace_iterate(v, loc)))   /* chunk, size: getitem nodes */
    return l;
  v = unwrap_const(v);
  check_available(v, loc);
  if (v_is_seq(v))
    return v->list;
  if (is_namedtuple(v))
    return namedtuple_items(v)->list;
  if (v->kind == V_CTENSOR)
    return ctensor_iter(v);
  l = arena_alloc(sizeof *l);
  if (v->kind == V_DICT) {
    for (int i = 0; i < v->dict->n; i++)
      list_push(l, v_str(v->dict->keys[i]));
    return l;
  }
  if (v->kind == V_OBJECT && v->obj->nn &&
      (v->obj->nn->id == OP_SEQUENTIAL || v->obj->nn->id == OP_MODULELIST || v->obj->nn->id == OP_MODULEDICT)) {
    if (v->obj->nn->id == OP_MODULEDICT) {   /* a ModuleDict iterates over its keys */
      for (int i = 0; i < v->obj->children->n; i++)
        list_push(l, v_str(v->obj->children->keys[i]));
      return l;
    }
    for (int i = 0; i < v->obj->children->n; i++)
      list_push(l, v->obj->children->vals[i]);
    return l;
  }
  if (v->kind == V_STR) {
    for (const char *s = v->s; *s; s++)
      list_push(l, v_str(arena_strndup(s, 1)));
    return l;
  }
  if (v->kind == V_PROXY)
    error_at(loc, "iterating over a tensor is not supported (its length is data)");
  if (v->kind == V_CLASS && v->cls->is_enum) {
    for (int i = 0; i < v->cls->attrs->n; i++) {
      Value *m = v->cls->attrs->vals[i];
      bool seen = false;
      for (int k = 0; k < l->n; k++)
        seen |= l->items[k] == m;
      if (m->kind == V_OBJECT && m->obj->cls == v->cls && !seen)
        list_push(l, m);
    }
    return l;
  }
  error_at(loc, "'%s' object is not iterable", v_type_name(v));
}
