/* builtins.c: Python's builtins, and the methods of lists, dicts, strings
 * and modules, that model code calls while it is evaluated (eval.c).
 * Each is listed in torch.def; none of them records graph nodes. */
#include "qgen.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Value *one_arg(const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc) {
  if (nargs != 1 || (kw && kw->n))
    error_at(loc, "%s() takes exactly one argument (%d given)", op->name, nargs);
  return unwrap_const(args[0]);
}

Value *builtin_len(BUILTIN_PARAMS) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (v->kind == V_STR)
    return v_int((int64_t)strlen(v->s));
  if (v->kind == V_DICT)
    return v_int(v->dict->n);
  if (v->kind == V_PROXY && v->node->is_tensor) {
    if (v->node->ndim < 0)
      error_at(loc, "len() of a tensor depends on the input's shape, and none was given: give --input-shape");
    return v_int(v->node->ndim ? v->node->shape[0] : 0);
  }
  if (v->kind == V_PROXY && v->node->part_len)   /* chunk's tuple: no getitem nodes */
    return v_int(v->node->nparts);
  return v_int(value_iter(v, loc)->n);
}

Value *builtin_range(BUILTIN_PARAMS) {
  if (nargs < 1 || nargs > 3)
    error_at(loc, "range expected 1 to 3 arguments, got %d", nargs);
  int64_t lo = 0, hi, st = 1;
  if (nargs == 1)
    hi = as_int(args[0], "range() argument", loc);
  else {
    lo = as_int(args[0], "range() argument", loc);
    hi = as_int(args[1], "range() argument", loc);
    if (nargs == 3)
      st = as_int(args[2], "range() argument", loc);
  }
  if (st == 0)
    error_at(loc, "range() arg 3 must not be zero");
  /* the length first, in unsigned arithmetic (hi - lo can pass INT64_MAX) */
  uint64_t span = st > 0 ? (hi > lo ? (uint64_t)hi - (uint64_t)lo : 0) : (lo > hi ? (uint64_t)lo - (uint64_t)hi : 0);
  uint64_t step = st > 0 ? (uint64_t)st : 0 - (uint64_t)st;
  uint64_t count = span ? (span - 1) / step + 1 : 0;
  if (count > QGEN_MAX_RANGE)
    error_at(loc, "range() too large: %llu items, past qgen's limit of %d", (unsigned long long)count, QGEN_MAX_RANGE);
  Value *r = v_list(0, NULL);
  for (uint64_t k = 0; k < count; k++)
    list_push(r->list, v_int((int64_t)((uint64_t)lo + k * (uint64_t)st)));
  return r;
}

Value *builtin_int(BUILTIN_PARAMS) {
  if (nargs == 0)
    return v_int(0);
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (v->kind == V_FLOAT) {
    if (!isfinite(v->f))
      error_at(loc, "cannot convert %s to an int", float_repr(v->f));
    return v_int((int64_t)v->f);
  }
  if (v->kind == V_STR)
    return v_int(strtoll(v->s, NULL, 10));
  return v_int(as_int(v, "int() argument", loc));
}

Value *builtin_float(BUILTIN_PARAMS) {
  if (nargs == 0)
    return v_float(0);
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (v->kind == V_STR)
    return v_float(strtod(v->s, NULL));
  if (!v_is_num(v))
    error_at(loc, "float() argument must be a number, not %s", v_type_name(v));
  return v_float(v_num(v));
}

Value *builtin_bool(BUILTIN_PARAMS) {
  return v_bool(nargs ? value_truth(args[0], loc) : false);
}

Value *builtin_round(BUILTIN_PARAMS) {
  if (nargs < 1 || nargs > 2)
    error_at(loc, "round() takes 1 or 2 arguments");
  Value *v = unwrap_const(args[0]);
  if (!v_is_num(v))
    error_at(loc, "round() argument must be a number, not %s", v_type_name(v));
  if (nargs == 2 && unwrap_const(args[1])->kind != V_NONE) {
    int64_t d = as_int(args[1], "ndigits", loc);
    if (v_is_int(v)) {   /* round(1234, -2) == 1200, half to even */
      if (d >= 0)
        return v_int(v_ival(v));
      if (d < -18)
        return v_int(0);
      int64_t p = 1, x = v_ival(v);
      for (int64_t k = 0; k < -d; k++)
        p *= 10;
      int64_t q = floordiv64(x, p), r = x - q * p;
      if (2 * r > p || (2 * r == p && (q & 1)))
        q++;
      return v_int(q * p);
    }
    if (d < 0 || d > 30)
      error_at(loc, "round() with ndigits outside 0..30 is not supported");
    char buf[400];
    snprintf(buf, sizeof buf, "%.*f", (int)d, v_num(v));   /* exact decimal, half to even */
    return v_float(strtod(buf, NULL));
  }
  return v_int((int64_t)nearbyint(v_num(v)));  /* half to even, as Python */
}

Value *builtin_minmax(BUILTIN_PARAMS) {
  List *items;
  if (nargs == 1)
    items = value_iter(args[0], loc);
  else {
    items = arena_alloc(sizeof *items);
    for (int i = 0; i < nargs; i++)
      list_push(items, args[i]);
  }
  if (items->n == 0)
    error_at(loc, "%s() arg is an empty sequence", op->name);
  bool is_max = op->id == OP_B_MAX;
  Value *best = unwrap_const(items->items[0]);
  for (int i = 1; i < items->n; i++) {
    Value *v = unwrap_const(items->items[i]);
    if (value_compare(is_max ? ">" : "<", v, best, loc))
      best = v;
  }
  return best;
}

Value *builtin_abs(BUILTIN_PARAMS) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (v->kind == V_FLOAT)
    return v_float(fabs(v->f));
  int64_t i = as_int(v, "abs() argument", loc);
  return v_int(i < 0 ? -i : i);
}

Value *builtin_list(BUILTIN_PARAMS) {
  List *items = nargs ? value_iter(one_arg(op, args, nargs, kw, loc), loc) : arena_alloc(sizeof(List));
  return op->id == OP_B_TUPLE ? v_tuple(items->n, items->items) : v_list(items->n, items->items);
}

Value *builtin_enumerate(BUILTIN_PARAMS) {
  if (nargs < 1 || nargs > 2)
    error_at(loc, "enumerate() takes 1 or 2 arguments");
  List *items = value_iter(args[0], loc);
  int64_t start = nargs == 2 ? as_int(args[1], "start", loc) : 0;
  Value *r = v_list(0, NULL);
  for (int i = 0; i < items->n; i++) {
    Value *pair[2] = {v_int(start + i), items->items[i]};
    list_push(r->list, v_tuple(2, pair));
  }
  return r;
}

Value *builtin_zip(BUILTIN_PARAMS) {
  List *ls[16];
  int n = INT32_MAX;
  if (nargs > 16)
    error_at(loc, "zip() of more than 16 sequences");
  for (int i = 0; i < nargs; i++) {
    ls[i] = value_iter(args[i], loc);
    if (ls[i]->n < n)
      n = ls[i]->n;
  }
  Value *r = v_list(0, NULL);
  for (int k = 0; nargs && k < n; k++) {
    Value *t[16];
    for (int i = 0; i < nargs; i++)
      t[i] = ls[i]->items[k];
    list_push(r->list, v_tuple(nargs, t));
  }
  return r;
}

bool value_isinstance(Value *v, Value *cls) {
  v = unwrap_const(v);
  if (cls->kind == V_UNAVAILABLE)
    return false;   /* nothing qgen built is an instance of what it does not know */
  if (cls->kind == V_BUILTIN && cls->op->id == OP_T_TENSOR)
    return v->kind == V_PROXY && v->node->is_tensor;
  if (cls->kind == V_BUILTIN && cls->op->id == OP_B_OBJECT)
    return true;
  if (v_is_seq(cls)) {
    for (int i = 0; i < cls->list->n; i++)
      if (value_isinstance(v, cls->list->items[i]))
        return true;
    return false;
  }
  if (cls->kind == V_BUILTIN && cls->op->kind == OK_PYBUILTIN) {
    switch (cls->op->id) {
    case OP_B_INT: return v->kind == V_INT || v->kind == V_BOOL;
    case OP_B_FLOAT: return v->kind == V_FLOAT;
    case OP_B_BOOL: return v->kind == V_BOOL;
    case OP_B_LIST: return v->kind == V_LIST;
    case OP_B_TUPLE: return v->kind == V_TUPLE;
    case OP_B_STR: return v->kind == V_STR;
    case OP_B_DICT: return v->kind == V_DICT;
    case OP_B_SET: return v->kind == V_LIST && v->list->is_set;
    case OP_B_CALLABLE: return false;
    default: return false;
    }
  }
  if (v->kind != V_OBJECT)
    return false;
  if (cls->kind == V_BUILTIN && cls->op->kind == OK_NN_MODULE)
    return cls->op->id == OP_MODULE ? v->obj->nn != NULL : v->obj->nn == cls->op;
  if (cls->kind == V_CLASS && v->obj->cls) {
    ClassDef *stack[64];
    int n = 0;
    stack[n++] = v->obj->cls;
    while (n) {
      ClassDef *c = stack[--n];
      if (c == cls->cls)
        return true;
      for (int i = 0; i < c->nbases && n < 64; i++)
        if (c->bases[i]->kind == V_CLASS)
          stack[n++] = c->bases[i]->cls;
    }
  }
  return false;
}

Value *builtin_isinstance(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "isinstance expected 2 arguments, got %d", nargs);
  return v_bool(value_isinstance(unwrap_const(args[0]), args[1]));
}

static const char *attr_name(Value *v, Loc loc) {
  if (v->kind != V_STR)
    error_at(loc, "attribute name must be a string");
  return v->s;
}

Value *builtin_getattr(BUILTIN_PARAMS) {
  if (nargs < 2 || nargs > 3)
    error_at(loc, "getattr expected 2 or 3 arguments, got %d", nargs);
  const char *name = attr_name(args[1], loc);
  if (nargs == 3 && args[0]->kind == V_OBJECT) {
    Value *v = value_attr_or_null(in, args[0], name, loc);
    return v ? v : args[2];
  }
  return get_attr(in, args[0], name, loc);
}

Value *builtin_hasattr(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "hasattr expected 2 arguments, got %d", nargs);
  const char *name = attr_name(args[1], loc);
  if (args[0]->kind == V_OBJECT)
    return v_bool(value_attr_or_null(in, args[0], name, loc) != NULL);
  return v_bool(false);
}

Value *builtin_setattr(BUILTIN_PARAMS) {
  if (nargs != 3)
    error_at(loc, "setattr expected 3 arguments, got %d", nargs);
  value_set_attr(args[0], attr_name(args[1], loc), args[2], loc);
  return &none_value;
}

Value *builtin_print(BUILTIN_PARAMS) { return &none_value; }

Value *builtin_sum(BUILTIN_PARAMS) {
  if (nargs < 1)
    error_at(loc, "sum() takes at least 1 argument");
  List *items = value_iter(args[0], loc);
  Value *acc = nargs > 1 ? args[1] : v_int(0);
  for (int i = 0; i < items->n; i++)
    acc = value_binary(in, "+", acc, items->items[i], loc);
  return acc;
}

static double num_arg(const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (!v_is_num(v))
    error_at(loc, "%s() needs a number, not %s", op->qualname, v_type_name(v));
  return v_num(v);
}

Value *builtin_ceil(BUILTIN_PARAMS) { return v_int((int64_t)ceil(num_arg(op, args, nargs, kw, loc))); }
Value *builtin_floor(BUILTIN_PARAMS) { return v_int((int64_t)floor(num_arg(op, args, nargs, kw, loc))); }
Value *builtin_sqrt(BUILTIN_PARAMS) {
  double d = num_arg(op, args, nargs, kw, loc);
  if (d < 0)
    error_at(loc, "math domain error");
  return v_float(sqrt(d));
}

/* list and dict methods: args[0] is self */
static Value *self_of(Value **args, int nargs, VKind kind, const OpDef *op, int want, Loc loc) {
  if (nargs - 1 != want)
    error_at(loc, "%s() takes %d argument%s (%d given)", op->name, want, want == 1 ? "" : "s", nargs - 1);
  if (args[0]->kind != kind)
    unreachable();
  return args[0];
}

Value *method_append(BUILTIN_PARAMS) {
  list_push(self_of(args, nargs, V_LIST, op, 1, loc)->list, args[1]);
  return &none_value;
}

Value *method_extend(BUILTIN_PARAMS) {
  Value *self = self_of(args, nargs, V_LIST, op, 1, loc);
  List *items = value_iter(args[1], loc);
  int n = items->n;
  for (int i = 0; i < n; i++)
    list_push(self->list, items->items[i]);
  return &none_value;
}

Value *method_insert(BUILTIN_PARAMS) {
  Value *self = self_of(args, nargs, V_LIST, op, 2, loc);
  List *l = self->list;
  int64_t i = as_int(args[1], "index", loc);
  if (i < 0)
    i += l->n;
  i = i < 0 ? 0 : i > l->n ? l->n : i;
  list_push(l, args[2]);
  memmove(l->items + i + 1, l->items + i, sizeof(Value *) * (size_t)(l->n - 1 - i));
  l->items[i] = args[2];
  return &none_value;
}

Value *method_pop(BUILTIN_PARAMS) {
  if (nargs > 2)
    error_at(loc, "pop() takes at most 1 argument");
  List *l = args[0]->list;
  if (l->n == 0)
    error_at(loc, "pop from empty list");
  int64_t i = nargs == 2 ? value_index(args[0], as_int(args[1], "index", loc), l->n, loc) : l->n - 1;
  Value *v = l->items[i];
  memmove(l->items + i, l->items + i + 1, sizeof(Value *) * (size_t)(l->n - 1 - i));
  l->n--;
  return v;
}

static Value *dict_view(Value **args, int which) {
  Dict *d = args[0]->dict;
  Value *r = v_list(0, NULL);
  for (int i = 0; i < d->n; i++) {
    Value *k = v_str(d->keys[i]);
    if (which == 0)
      list_push(r->list, k);
    else if (which == 1)
      list_push(r->list, d->vals[i]);
    else {
      Value *pair[2] = {k, d->vals[i]};
      list_push(r->list, v_tuple(2, pair));
    }
  }
  return r;
}

static Value *dict_method(const OpDef *op, Value **args, int nargs, Loc loc, int which) {
  self_of(args, nargs, V_DICT, op, 0, loc);
  return dict_view(args, which);
}
Value *method_items(BUILTIN_PARAMS) { return dict_method(op, args, nargs, loc, 2); }
Value *method_keys(BUILTIN_PARAMS) { return dict_method(op, args, nargs, loc, 0); }
Value *method_values(BUILTIN_PARAMS) { return dict_method(op, args, nargs, loc, 1); }

Value *method_get(BUILTIN_PARAMS) {
  if (nargs < 2 || nargs > 3)
    error_at(loc, "get() takes 1 or 2 arguments");
  Value *v = args[1]->kind == V_STR ? dict_get(args[0]->dict, args[1]->s) : NULL;
  return v ? v : nargs == 3 ? args[2] : &none_value;
}

static void add_child(Value *self, const char *name, Value *m, Loc loc) {
  if (!v_is_module(m))
    error_at(loc, "%s is not a Module subclass", v_type_name(m));
  dict_set(self->obj->children, name, m);
}

/* ModuleDict.update(d): a dict, or (name, module) pairs */
static void module_update(Value *self, Value *d, Loc loc) {
  if (d->kind == V_DICT) {
    for (int i = 0; i < d->dict->n; i++)
      add_child(self, d->dict->keys[i], d->dict->vals[i], loc);
    return;
  }
  List *items = value_iter(d, loc);
  for (int i = 0; i < items->n; i++) {
    Value *pair = items->items[i];
    if (!v_is_seq(pair) || pair->list->n != 2 || pair->list->items[0]->kind != V_STR)
      error_at(loc, "ModuleDict update wants (name, module) pairs");
    add_child(self, pair->list->items[0]->s, pair->list->items[1], loc);
  }
}

/* nn.Module.__init__(self), nn.Sequential.__init__(self, *modules),
 * nn.ModuleList.__init__(self, modules=None) */
Value *method_nn_init(BUILTIN_PARAMS) {
  Value *self = args[0];
  if (self->kind != V_OBJECT)
    error_at(loc, "nn.Module.__init__ needs a module as self, not %s", v_type_name(self));
  const OpDef *kind = self->obj->nn;
  if (!kind)
    self->obj->nn = kind = &op_table[OP_MODULE];
  self->obj->initialized = true;
  if (kind->id == OP_SEQUENTIAL) {
    if (kw && kw->n)
      error_at(loc, "Sequential() takes no keyword arguments");
    if (nargs == 2 && args[1]->kind == V_DICT) {
      for (int i = 0; i < args[1]->dict->n; i++)
        add_child(self, args[1]->dict->keys[i], args[1]->dict->vals[i], loc);
      return &none_value;
    }
    for (int i = 1; i < nargs; i++)
      add_child(self, format("%d", i - 1), args[i], loc);
  } else if (kind->id == OP_MODULELIST) {
    if (nargs > 2)
      error_at(loc, "ModuleList() takes at most one argument");
    if (nargs == 2 && args[1]->kind != V_NONE) {
      List *items = value_iter(args[1], loc);
      for (int i = 0; i < items->n; i++)
        add_child(self, format("%d", i), items->items[i], loc);
    }
  } else if (kind->id == OP_MODULEDICT) {
    if (nargs > 2)
      error_at(loc, "ModuleDict() takes at most one argument");
    if (nargs == 2 && args[1]->kind != V_NONE)
      module_update(self, args[1], loc);
  } else if (nargs > 1 || (kw && kw->n))
    error_at(loc, "Module.__init__() takes no arguments");
  return &none_value;
}

Value *method_module_append(BUILTIN_PARAMS) {
  Value *self = args[0];
  if (nargs != 2)
    error_at(loc, "append() takes exactly one argument");
  if (!self->obj->nn || (self->obj->nn->id != OP_SEQUENTIAL && self->obj->nn->id != OP_MODULELIST))
    error_at(loc, "'%s' object has no attribute 'append'", v_type_name(self));
  add_child(self, format("%d", self->obj->children->n), args[1], loc);
  return &none_value;
}

Value *method_add_module(BUILTIN_PARAMS) {
  if (nargs != 3)
    error_at(loc, "add_module() takes exactly two arguments");
  add_child(args[0], attr_name(args[1], loc), args[2], loc);
  return &none_value;
}

/* children() and named_children(): submodules, skipping those set to None */
Value *method_children(BUILTIN_PARAMS) {
  Dict *ch = args[0]->obj->children;
  Value *r = v_list(0, NULL);
  for (int i = 0; i < ch->n; i++) {
    if (!v_is_module(ch->vals[i]))
      continue;
    if (op->id == OP_NN_NAMED_CHILDREN) {
      Value *pair[2] = {v_str(ch->keys[i]), ch->vals[i]};
      list_push(r->list, v_tuple(2, pair));
    } else
      list_push(r->list, ch->vals[i]);
  }
  return r;
}

/* modules() and named_modules(): the module and all below it, preorder,
 * each once (as PyTorch's memo does). */
static void walk_modules(Value *m, const char *prefix, Value *out, bool named, Dict *seen) {
  const char *id = format("%p", (void *)m->obj);
  if (dict_get(seen, id))
    return;
  dict_set(seen, id, m);
  if (named) {
    Value *pair[2] = {v_str(prefix), m};
    list_push(out->list, v_tuple(2, pair));
  } else
    list_push(out->list, m);
  Dict *ch = m->obj->children;
  for (int i = 0; i < ch->n; i++)
    if (v_is_module(ch->vals[i]))
      walk_modules(ch->vals[i], *prefix ? format("%s.%s", prefix, ch->keys[i]) : ch->keys[i], out, named, seen);
}

Value *method_modules(BUILTIN_PARAMS) {
  Value *out = v_list(0, NULL);
  walk_modules(args[0], "", out, op->id == OP_NN_NAMED_MODULES, dict_new());
  return out;
}

/* parameters(): each module's weight and bias, as values nn.init accepts */
Value *method_parameters(BUILTIN_PARAMS) {
  Value *mods = v_list(0, NULL), *out = v_list(0, NULL);
  walk_modules(args[0], "", mods, true, dict_new());
  for (int i = 0; i < mods->list->n; i++) {
    Value *m = mods->list->items[i]->list->items[1];
    const char *prefix = mods->list->items[i]->list->items[0]->s;
    if (m->obj->cls || !m->obj->params)
      continue;
    static const char *names[] = {"weight", "bias"};
    for (int k = 0; k < 2; k++) {
      Value *p = value_attr_or_null(in, m, names[k], loc);
      if (!p || p->kind != V_PARAM)
        continue;
      if (op->id == OP_NN_NAMED_PARAMETERS) {
        Value *pair[2] = {v_str(*prefix ? format("%s.%s", prefix, names[k]) : names[k]), p};
        list_push(out->list, v_tuple(2, pair));
      } else
        list_push(out->list, p);
    }
  }
  return out;
}

/* ModuleDict's items(), keys(), values() */
Value *method_moduledict(BUILTIN_PARAMS) {
  Value *self = args[0];
  if (!self->obj->nn || self->obj->nn->id != OP_MODULEDICT)
    error_at(loc, "'%s' object has no attribute '%s'", v_type_name(self), op->name);
  Dict *ch = self->obj->children;
  Value *r = v_list(0, NULL);
  for (int i = 0; i < ch->n; i++) {
    Value *k = v_str(ch->keys[i]);
    if (op->id == OP_NN_KEYS)
      list_push(r->list, k);
    else if (op->id == OP_NN_VALUES)
      list_push(r->list, ch->vals[i]);
    else {
      Value *pair[2] = {k, ch->vals[i]};
      list_push(r->list, v_tuple(2, pair));
    }
  }
  return r;
}

Value *method_apply(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "apply() takes exactly one argument");
  Value *mods = v_list(0, NULL);
  walk_modules(args[0], "", mods, false, dict_new());
  for (int i = mods->list->n - 1; i >= 0; i--)   /* children first, as PyTorch */
    call_value(in, args[1], &mods->list->items[i], 1, NULL, loc);
  return args[0];
}

Value *method_self(BUILTIN_PARAMS) { return nargs ? args[0] : &none_value; }
Value *builtin_none(BUILTIN_PARAMS) { return &none_value; }
Value *builtin_false(BUILTIN_PARAMS) { return v_bool(false); }
Value *builtin_identity(BUILTIN_PARAMS) { return nargs ? args[0] : &none_value; }

/* nn.init.*(tensor, ...): weights' values are not qgen's concern */
Value *builtin_init(BUILTIN_PARAMS) {
  if (nargs < 1 && !(kw && dict_get(kw, "tensor")))
    error_at(loc, "%s() missing required argument 'tensor'", op->qualname);
  return nargs ? args[0] : dict_get(kw, "tensor");
}

Value *builtin_calculate_gain(BUILTIN_PARAMS) {
  const char *nl = nargs && args[0]->kind == V_STR ? args[0]->s : "linear";
  if (!strcmp(nl, "relu"))
    return v_float(sqrt(2.0));
  if (!strcmp(nl, "tanh"))
    return v_float(5.0 / 3);
  if (!strcmp(nl, "selu"))
    return v_float(3.0 / 4);
  return v_float(1.0);
}

/* torch.jit.annotate(T, value) */
Value *builtin_annotate(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "annotate() takes 2 arguments");
  return args[1];
}

Value *builtin_tensor_type(BUILTIN_PARAMS) {
  error_at(loc, "torch.Tensor(...) in a model is not supported; tensors come from the input");
}

Value *builtin_is_tensor(BUILTIN_PARAMS) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  return v_bool(v->kind == V_PROXY && v->node->is_tensor);
}

Value *builtin_torch_assert(BUILTIN_PARAMS) {
  if (nargs < 1)
    error_at(loc, "_assert() takes a condition");
  if (!value_truth(args[0], loc))
    error_at(loc, "assertion failed%s%s", nargs > 1 && args[1]->kind == V_STR ? ": " : "",
             nargs > 1 && args[1]->kind == V_STR ? args[1]->s : "");
  return &none_value;
}

/* -------------------------------------------------------- more builtins */
Value *builtin_allany(BUILTIN_PARAMS) {
  List *items = value_iter(one_arg(op, args, nargs, kw, loc), loc);
  bool all = op->id == OP_B_ALL;
  for (int i = 0; i < items->n; i++)
    if (value_truth(items->items[i], loc) != all)
      return v_bool(!all);
  return v_bool(all);
}

/* A set is a list without repeats, in first-seen order. */
Value *set_of(List *items) {
  Value *r = v_list(0, NULL);
  for (int i = 0; i < items->n; i++) {
    Value *v = unwrap_const(items->items[i]);
    bool seen = false;
    for (int k = 0; k < r->list->n && !seen; k++)
      seen = v_equal(r->list->items[k], v);
    if (!seen)
      list_push(r->list, v);
  }
  r->list->is_set = true;
  return r;
}

Value *builtin_set(BUILTIN_PARAMS) {
  if (nargs == 0)
    return set_of(arena_alloc(sizeof(List)));
  return set_of(value_iter(one_arg(op, args, nargs, kw, loc), loc));
}

Value *builtin_dict(BUILTIN_PARAMS) {
  Value *d = v_dict();
  if (nargs > 1)
    error_at(loc, "dict expected at most 1 argument, got %d", nargs);
  if (nargs == 1) {
    Value *src = unwrap_const(args[0]);
    if (src->kind == V_DICT)
      for (int i = 0; i < src->dict->n; i++)
        dict_set(d->dict, src->dict->keys[i], src->dict->vals[i]);
    else {
      List *items = value_iter(src, loc);
      for (int i = 0; i < items->n; i++) {
        Value *p = items->items[i];
        if (!v_is_seq(p) || p->list->n != 2 || p->list->items[0]->kind != V_STR)
          error_at(loc, "dict() wants (str, value) pairs");
        dict_set(d->dict, p->list->items[0]->s, p->list->items[1]);
      }
    }
  }
  for (int i = 0; kw && i < kw->n; i++)
    dict_set(d->dict, kw->keys[i], kw->vals[i]);
  return d;
}

/* str(v) */
const char *value_str(Value *v) {
  v = unwrap_const(v);
  if (v->kind == V_STR)
    return v->s;
  if (v->kind == V_CLASS)
    return format("<class '%s'>", v->cls->name);
  Buf b = {0};
  v_repr(&b, v);
  return buf_str(&b);
}

Value *builtin_str(BUILTIN_PARAMS) { return v_str(nargs ? value_str(args[0]) : ""); }

Value *builtin_repr(BUILTIN_PARAMS) {
  Buf b = {0};
  v_repr(&b, one_arg(op, args, nargs, kw, loc));
  return v_str(buf_str(&b));
}

/* iter(x) is a fresh list; next() takes its first item. */
Value *builtin_iter(BUILTIN_PARAMS) {
  List *items = value_iter(one_arg(op, args, nargs, kw, loc), loc);
  return v_list(items->n, items->items);
}

Value *builtin_next(BUILTIN_PARAMS) {
  if (nargs < 1 || nargs > 2)
    error_at(loc, "next expected 1 or 2 arguments, got %d", nargs);
  Value *it = unwrap_const(args[0]);
  if (it->kind != V_LIST)
    it = v_list(value_iter(it, loc)->n, value_iter(it, loc)->items);
  if (it->list->n == 0) {
    if (nargs == 2)
      return args[1];
    error_at(loc, "StopIteration: next() of an empty iterator");
  }
  Value *v = it->list->items[0];
  memmove(it->list->items, it->list->items + 1, sizeof(Value *) * (size_t)(it->list->n - 1));
  it->list->n--;
  return v;
}

static Value *sort_key;   /* sorted(key=...): the key function */
static Interp *sort_in;
static Loc sort_loc;
static int cmp_values(const void *pa, const void *pb) {
  Value *a = *(Value *const *)pa, *b = *(Value *const *)pb;
  if (sort_key) {
    a = call_value(sort_in, sort_key, &a, 1, NULL, sort_loc);
    b = call_value(sort_in, sort_key, &b, 1, NULL, sort_loc);
  }
  return value_compare("<", a, b, sort_loc) ? -1 : value_compare("<", b, a, sort_loc) ? 1 : 0;
}

static Value *sorted_list(Interp *in, List *items, Dict *kw, Loc loc) {
  Value *r = v_list(items->n, items->items);
  sort_key = kw ? dict_get(kw, "key") : NULL;
  if (sort_key && sort_key->kind == V_NONE)
    sort_key = NULL;
  sort_in = in;
  sort_loc = loc;
  /* a stable insertion sort: qsort is not stable, Python's sort is */
  for (int i = 1; i < r->list->n; i++)
    for (int k = i; k > 0 && cmp_values(&r->list->items[k], &r->list->items[k - 1]) < 0; k--) {
      Value *t = r->list->items[k];
      r->list->items[k] = r->list->items[k - 1];
      r->list->items[k - 1] = t;
    }
  Value *rev = kw ? dict_get(kw, "reverse") : NULL;
  if (rev && value_truth(rev, loc))
    for (int i = 0, j = r->list->n - 1; i < j; i++, j--) {
      Value *t = r->list->items[i];
      r->list->items[i] = r->list->items[j];
      r->list->items[j] = t;
    }
  return r;
}

Value *builtin_sorted(BUILTIN_PARAMS) {
  if (nargs != 1)
    error_at(loc, "sorted expected 1 argument, got %d", nargs);
  return sorted_list(in, value_iter(args[0], loc), kw, loc);
}

Value *builtin_reversed(BUILTIN_PARAMS) {
  List *items = value_iter(one_arg(op, args, nargs, kw, loc), loc);
  Value *r = v_list(0, NULL);
  for (int i = items->n - 1; i >= 0; i--)
    list_push(r->list, items->items[i]);
  return r;
}

Value *builtin_callable(BUILTIN_PARAMS) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  bool c = v->kind == V_FUNC || v->kind == V_BOUND || v->kind == V_CLASS || v->kind == V_BUILTIN ||
           (v->kind == V_OBJECT && (v->obj->nn || (v->obj->cls && class_method(v->obj->cls, "__call__"))));
  return v_bool(c);
}

Value *builtin_type(BUILTIN_PARAMS) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (v->kind == V_OBJECT && v->obj->cls)
    return v_class(v->obj->cls);
  static const struct { VKind k; OpId id; } types[] = {
    {V_INT, OP_B_INT}, {V_BOOL, OP_B_BOOL}, {V_FLOAT, OP_B_FLOAT}, {V_STR, OP_B_STR},
    {V_LIST, OP_B_LIST}, {V_TUPLE, OP_B_TUPLE}, {V_DICT, OP_B_DICT}};
  for (size_t i = 0; i < sizeof types / sizeof *types; i++)
    if (types[i].k == v->kind)
      return v_builtin(&op_table[types[i].id]);
  if (v->kind == V_OBJECT && v->obj->nn)
    return v_builtin(v->obj->nn);
  if (v->kind == V_PROXY)
    return v_builtin(&op_table[OP_T_TENSOR]);
  error_at(loc, "type() of %s is not supported", v_type_name(v));
}

Value *builtin_object(BUILTIN_PARAMS) {
  if (nargs || (kw && kw->n))
    error_at(loc, "object() takes no arguments");
  Object *o = arena_alloc(sizeof *o);
  o->attrs = dict_new();
  o->children = dict_new();
  o->loc = loc;
  Value *v = arena_alloc(sizeof *v);
  v->kind = V_OBJECT;
  v->obj = o;
  return v;
}

Value *builtin_issubclass(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "issubclass expected 2 arguments");
  Value *c = args[0];
  if (c->kind != V_CLASS)
    return v_bool(c->kind == V_BUILTIN && args[1]->kind == V_BUILTIN && c->op == args[1]->op);
  /* an instance of c, made without running its __init__, answers it */
  Object o = {.cls = c->cls};
  Value v = {.kind = V_OBJECT, .obj = &o};
  return v_bool(value_isinstance(&v, args[1]));
}

Value *builtin_divmod(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "divmod expected 2 arguments");
  Value *r[2] = {value_binary(in, "//", args[0], args[1], loc), value_binary(in, "%", args[0], args[1], loc)};
  return v_tuple(2, r);
}

Value *builtin_pow(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "pow() with a modulus is not supported");
  return value_binary(in, "**", args[0], args[1], loc);
}

Value *builtin_map(BUILTIN_PARAMS) {
  if (nargs < 2)
    error_at(loc, "map() must have at least two arguments");
  List *ls[8];
  int n = INT32_MAX;
  if (nargs > 9)
    error_at(loc, "map() of more than 8 sequences");
  for (int i = 1; i < nargs; i++) {
    ls[i - 1] = value_iter(args[i], loc);
    n = ls[i - 1]->n < n ? ls[i - 1]->n : n;
  }
  Value *r = v_list(0, NULL);
  for (int k = 0; k < n; k++) {
    Value *a[8];
    for (int i = 0; i < nargs - 1; i++)
      a[i] = ls[i]->items[k];
    list_push(r->list, call_value(in, args[0], a, nargs - 1, NULL, loc));
  }
  return r;
}

Value *builtin_filter(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "filter expected 2 arguments");
  List *items = value_iter(args[1], loc);
  Value *r = v_list(0, NULL);
  for (int i = 0; i < items->n; i++) {
    Value *x = items->items[i];
    Value *keep = args[0]->kind == V_NONE ? x : call_value(in, args[0], &x, 1, NULL, loc);
    if (value_truth(keep, loc))
      list_push(r->list, x);
  }
  return r;
}

/* ValueError("...") and the like: only raised in branches a model does
 * not take; as a value, its message. */
Value *builtin_exception(BUILTIN_PARAMS) {
  return v_str(nargs && args[0]->kind == V_STR ? args[0]->s : op->name);
}

/* -------------------------------------------------------- strings */
/* One conversion of a format spec: [[fill]align][sign][0][width][.prec][type] */
const char *format_value(Value *v, const char *spec, Loc loc) {
  v = unwrap_const(v);
  if (!*spec)
    return value_str(v);
  char fill = ' ', align = 0;
  const char *p = spec;
  if (p[0] && p[1] && strchr("<>^=", p[1]))
    fill = p[0], align = p[1], p += 2;
  else if (*p && strchr("<>^=", *p))
    align = *p++;
  char sign = 0;
  if (*p == '+' || *p == '-' || *p == ' ')
    sign = *p++;
  bool zero = false;
  if (*p == '0')
    zero = true, p++;
  int width = 0, prec = -1;
  while (*p >= '0' && *p <= '9')
    width = width * 10 + (*p++ - '0');
  if (*p == ',' || *p == '_')
    error_at(loc, "thousands separators in format specs are not supported");
  if (*p == '.') {
    p++;
    prec = 0;
    while (*p >= '0' && *p <= '9')
      prec = prec * 10 + (*p++ - '0');
  }
  char type = *p ? *p++ : 0;
  if (*p)
    error_at(loc, "invalid format spec '%s'", spec);
  char body[512];
  if (type == 0 && v->kind == V_STR)
    snprintf(body, sizeof body, "%.*s", prec >= 0 ? prec : (int)strlen(v->s), v->s);
  else if ((type == 0 || type == 'd') && v_is_int(v))
    snprintf(body, sizeof body, "%s%lld", sign == '+' && v_ival(v) >= 0 ? "+" : "", (long long)v_ival(v));
  else if (type && strchr("fFeEgG%", type) && v_is_num(v)) {
    double d = v_num(v) * (type == '%' ? 100 : 1);
    char f[16];
    snprintf(f, sizeof f, "%%%s.%d%c", sign == '+' ? "+" : "", prec >= 0 ? prec : 6, type == '%' ? 'f' : type);
    snprintf(body, sizeof body, f, d);
    if (type == '%')
      strncat(body, "%", sizeof body - strlen(body) - 1);
  } else if (type == 0 && v->kind == V_FLOAT && prec >= 0)
    snprintf(body, sizeof body, "%.*g", prec, v->f);
  else if (type == 'x' && v_is_int(v))
    snprintf(body, sizeof body, "%llx", (long long)v_ival(v));
  else if (type == 's' || type == 0)
    snprintf(body, sizeof body, "%s", value_str(v));
  else
    error_at(loc, "format spec '%s' is not supported for %s", spec, v_type_name(v));
  int len = (int)strlen(body);
  if (width <= len)
    return arena_strdup(body);
  Buf b = {0};
  int pad = width - len;
  if (!align)
    align = v->kind == V_STR ? '<' : '>';
  if (zero && align == '>' && v->kind != V_STR)
    fill = '0', align = '=';
  if (align == '=') {
    int k = body[0] == '-' || body[0] == '+';
    buf_putn(&b, body, (size_t)k);
    for (int i = 0; i < pad; i++)
      buf_putc(&b, fill);
    buf_puts(&b, body + k);
  } else {
    int left = align == '<' ? 0 : align == '^' ? pad / 2 : pad;
    for (int i = 0; i < left; i++)
      buf_putc(&b, fill);
    buf_puts(&b, body);
    for (int i = left; i < pad; i++)
      buf_putc(&b, fill);
  }
  return buf_str(&b);
}

/* "layer%d" % i, "%s_%02d" % (a, b) */
const char *str_percent(const char *fmt, Value *args, Loc loc) {
  args = unwrap_const(args);
  List one = {1, 1, &args, false};
  List *items = args->kind == V_TUPLE ? args->list : &one;
  Buf b = {0};
  int k = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') {
      buf_putc(&b, *p);
      continue;
    }
    p++;
    if (*p == '%') {
      buf_putc(&b, '%');
      continue;
    }
    Buf spec = {0};
    while (*p && strchr("-+ 0#.123456789", *p))
      buf_putc(&spec, *p++);
    if (!*p || !strchr("sdirfgexXF", *p))
      error_at(loc, "unsupported format character in '%s'", fmt);
    if (k >= items->n)
      error_at(loc, "not enough arguments for format string");
    Value *v = unwrap_const(items->items[k++]);
    const char *flags = spec.len ? buf_str(&spec) : "";
    char conv = *p;
    if (conv == 's' || conv == 'r') {
      const char *str;
      if (conv == 'r') {
        Buf r = {0};
        v_repr(&r, v);
        str = buf_str(&r);
      } else
        str = value_str(v);
      char f[32];
      snprintf(f, sizeof f, "%%%ss", flags);
      buf_printf(&b, f, str);
    } else if (conv == 'd' || conv == 'i') {
      if (!v_is_num(v))
        error_at(loc, "%%%c format: a number is required, not %s", conv, v_type_name(v));
      char f[32];
      snprintf(f, sizeof f, "%%%slld", flags);
      buf_printf(&b, f, (long long)(v_is_int(v) ? v_ival(v) : (int64_t)v_num(v)));
    } else if (conv == 'x' || conv == 'X') {
      char f[32];
      snprintf(f, sizeof f, "%%%sll%c", flags, conv);
      buf_printf(&b, f, (long long)as_int(v, "%x format", loc));
    } else {
      if (!v_is_num(v))
        error_at(loc, "%%%c format: a number is required, not %s", conv, v_type_name(v));
      char f[32];
      snprintf(f, sizeof f, "%%%s%c", flags, conv);
      buf_printf(&b, f, v_num(v));
    }
  }
  if (k < items->n && args->kind == V_TUPLE)
    error_at(loc, "not all arguments converted during string formatting");
  return b.len ? buf_str(&b) : "";
}

/* "{} {:.2f} {name}".format(...) */
static const char *str_format(const char *fmt, Value **args, int nargs, Dict *kw, Loc loc) {
  Buf b = {0};
  int auto_i = 0;
  for (const char *p = fmt; *p; p++) {
    if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
      buf_putc(&b, *p++);
      continue;
    }
    if (*p != '{') {
      buf_putc(&b, *p);
      continue;
    }
    const char *end = strchr(p, '}');
    if (!end)
      error_at(loc, "single '{' encountered in format string");
    const char *field = arena_strndup(p + 1, (size_t)(end - p - 1));
    const char *colon = strchr(field, ':');
    const char *spec = colon ? colon + 1 : "";
    const char *name = colon ? arena_strndup(field, (size_t)(colon - field)) : field;
    Value *v;
    if (!*name) {
      if (auto_i >= nargs)
        error_at(loc, "format string wants more arguments than given");
      v = args[auto_i++];
    } else if (*name >= '0' && *name <= '9') {
      int i = atoi(name);
      if (i >= nargs)
        error_at(loc, "format index %d out of range", i);
      v = args[i];
    } else {
      v = kw ? dict_get(kw, name) : NULL;
      if (!v)
        error_at(loc, "format string names '%s', which is not given", name);
    }
    buf_puts(&b, format_value(v, spec, loc));
    p = end;
  }
  return b.len ? buf_str(&b) : "";
}

static const char *str_arg(Value **args, int nargs, int i, const OpDef *op, Loc loc) {
  if (i >= nargs || unwrap_const(args[i])->kind != V_STR)
    error_at(loc, "str.%s() wants a string argument", op->name);
  return unwrap_const(args[i])->s;
}

/* methods of str: args[0] is the string */
Value *method_str(BUILTIN_PARAMS) {
  const char *s = args[0]->s;
  size_t n = strlen(s);
  switch (op->id) {
  case OP_S_STARTSWITH:
  case OP_S_ENDSWITH: {
    Value *a = nargs > 1 ? unwrap_const(args[1]) : &none_value;
    List one = {1, 1, &a, false};
    List *alts = a->kind == V_TUPLE ? a->list : &one;
    for (int i = 0; i < alts->n; i++) {
      if (alts->items[i]->kind != V_STR)
        error_at(loc, "str.%s() wants a string or a tuple of strings", op->name);
      const char *t = alts->items[i]->s;
      size_t m = strlen(t);
      if (m <= n && !strncmp(op->id == OP_S_STARTSWITH ? s : s + n - m, t, m))
        return v_bool(true);
    }
    return v_bool(false);
  }
  case OP_S_REPLACE: {
    const char *from = str_arg(args, nargs, 1, op, loc), *to = str_arg(args, nargs, 2, op, loc);
    size_t fl = strlen(from);
    if (!fl)
      error_at(loc, "str.replace() with an empty pattern is not supported");
    Buf b = {0};
    for (const char *p = s; *p;) {
      if (!strncmp(p, from, fl)) {
        buf_puts(&b, to);
        p += fl;
      } else
        buf_putc(&b, *p++);
    }
    return v_str(b.len ? buf_str(&b) : "");
  }
  case OP_S_SPLIT: {
    Value *r = v_list(0, NULL);
    const char *sep = nargs > 1 && unwrap_const(args[1])->kind == V_STR ? unwrap_const(args[1])->s : NULL;
    if (sep && !*sep)
      error_at(loc, "empty separator");
    const char *p = s;
    while (*p) {
      if (!sep) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
          p++;
        if (!*p)
          break;
        size_t k = strcspn(p, " \t\n");
        list_push(r->list, v_str(arena_strndup(p, k)));
        p += k;
      } else {
        const char *q = strstr(p, sep);
        size_t k = q ? (size_t)(q - p) : strlen(p);
        list_push(r->list, v_str(arena_strndup(p, k)));
        p += k;
        if (q) {
          p += strlen(sep);
          if (!*p)
            list_push(r->list, v_str(""));
        }
      }
    }
    return r;
  }
  case OP_S_JOIN: {
    List *items = value_iter(args[1], loc);
    Buf b = {0};
    for (int i = 0; i < items->n; i++) {
      Value *v = unwrap_const(items->items[i]);
      if (v->kind != V_STR)
        error_at(loc, "sequence item %d: expected str instance, %s found", i, v_type_name(v));
      if (i)
        buf_puts(&b, s);
      buf_puts(&b, v->s);
    }
    return v_str(b.len ? buf_str(&b) : "");
  }
  case OP_S_LOWER:
  case OP_S_UPPER: {
    char *t = arena_strdup(s);
    for (char *p = t; *p; p++)
      if (op->id == OP_S_LOWER ? (*p >= 'A' && *p <= 'Z') : (*p >= 'a' && *p <= 'z'))
        *p ^= 0x20;
    return v_str(t);
  }
  case OP_S_STRIP: {
    size_t a = strspn(s, " \t\n\r"), b = n;
    while (b > a && strchr(" \t\n\r", s[b - 1]))
      b--;
    return v_str(arena_strndup(s + a, b - a));
  }
  case OP_S_FORMAT:
    return v_str(str_format(s, args + 1, nargs - 1, kw, loc));
  case OP_S_ISDIGIT: {
    bool d = n > 0;
    for (size_t i = 0; i < n; i++)
      d &= s[i] >= '0' && s[i] <= '9';
    return v_bool(d);
  }
  case OP_S_FIND: {
    const char *q = strstr(s, str_arg(args, nargs, 1, op, loc));
    return v_int(q ? q - s : -1);
  }
  default:
    unreachable();
  }
}

/* ------------------------------------------------ lists and dicts */
Value *method_list(BUILTIN_PARAMS) {
  List *l = args[0]->list;
  switch (op->id) {
  case OP_L_INDEX:
  case OP_L_COUNT: {
    if (nargs != 2)
      error_at(loc, "%s() takes exactly one argument", op->name);
    int count = 0;
    for (int i = 0; i < l->n; i++)
      if (v_equal(unwrap_const(l->items[i]), unwrap_const(args[1]))) {
        if (op->id == OP_L_INDEX)
          return v_int(i);
        count++;
      }
    if (op->id == OP_L_INDEX)
      error_at(loc, "value is not in list");
    return v_int(count);
  }
  case OP_L_COPY:
    return v_list(l->n, l->items);
  case OP_L_REVERSE:
    for (int i = 0, j = l->n - 1; i < j; i++, j--) {
      Value *t = l->items[i];
      l->items[i] = l->items[j];
      l->items[j] = t;
    }
    return &none_value;
  case OP_L_REMOVE:
    for (int i = 0; i < l->n; i++)
      if (v_equal(unwrap_const(l->items[i]), unwrap_const(args[1]))) {
        memmove(l->items + i, l->items + i + 1, sizeof(Value *) * (size_t)(l->n - 1 - i));
        l->n--;
        return &none_value;
      }
    error_at(loc, "list.remove(x): x not in list");
  case OP_L_SORT: {
    Value *r = sorted_list(in, l, kw, loc);
    memcpy(l->items, r->list->items, sizeof(Value *) * (size_t)l->n);
    return &none_value;
  }
  default:
    unreachable();
  }
}

static Dict *dict_copy(Dict *d) {
  Dict *r = dict_new();
  for (int i = 0; i < d->n; i++)
    dict_set(r, d->keys[i], d->vals[i]);
  return r;
}

Value *method_dict(BUILTIN_PARAMS) {
  Dict *d = args[0]->dict;
  switch (op->id) {
  case OP_D_POP:
  case OP_D_SETDEFAULT: {
    if (nargs < 2 || nargs > 3 || unwrap_const(args[1])->kind != V_STR)
      error_at(loc, "%s() wants a string key and an optional default", op->name);
    const char *k = unwrap_const(args[1])->s;
    Value *v = dict_get(d, k);
    if (op->id == OP_D_SETDEFAULT) {
      if (!v)
        dict_set(d, k, v = nargs == 3 ? args[2] : &none_value);
      return v;
    }
    if (!v) {
      if (nargs == 3)
        return args[2];
      error_at(loc, "KeyError: '%s'", k);
    }
    /* remove the key, keeping the others in order */
    Dict *r = dict_new();
    for (int i = 0; i < d->n; i++)
      if (strcmp(d->keys[i], k))
        dict_set(r, d->keys[i], d->vals[i]);
    *d = *r;
    return v;
  }
  case OP_D_UPDATE:
    if (nargs == 2) {
      Value *o = builtin_dict(in, &op_table[OP_B_DICT], args + 1, 1, NULL, loc);
      for (int i = 0; i < o->dict->n; i++)
        dict_set(d, o->dict->keys[i], o->dict->vals[i]);
    }
    for (int i = 0; kw && i < kw->n; i++)
      dict_set(d, kw->keys[i], kw->vals[i]);
    return &none_value;
  case OP_D_COPY: {
    Value *v = v_dict();
    v->dict = dict_copy(d);
    return v;
  }
  default:
    unreachable();
  }
}

/* The method NAME of a list, dict, str or parameter, bound; NULL if none. */
Value *builtin_attr(Interp *in, Value *obj, const char *name, Loc loc) {
  (void)in, (void)loc;
  const char *ns = obj->kind == V_LIST ? "list" : obj->kind == V_DICT ? "dict" : obj->kind == V_STR ? "str"
                 : obj->kind == V_PARAM ? "Parameter" : obj->kind == V_CTENSOR ? "ConstTensor" : NULL;
  const OpDef *op = ns ? op_lookup(OK_PYBUILTIN, ns, name) : NULL;
  return op ? v_bound(obj, v_builtin(op)) : NULL;
}

/* ------------------------------------------------------ copy, math */
Value *value_copy(Value *v, bool deep) {
  switch (v->kind) {
  case V_LIST:
  case V_TUPLE: {
    Value *r = v->kind == V_LIST ? v_list(0, NULL) : v_tuple(0, NULL);
    for (int i = 0; i < v->list->n; i++)
      list_push(r->list, deep ? value_copy(v->list->items[i], true) : v->list->items[i]);
    return r;
  }
  case V_DICT: {
    Value *r = v_dict();
    for (int i = 0; i < v->dict->n; i++)
      dict_set(r->dict, v->dict->keys[i], deep ? value_copy(v->dict->vals[i], true) : v->dict->vals[i]);
    return r;
  }
  case V_OBJECT: {
    if (v->obj->nn && deep)
      return v;   /* copy.deepcopy of a module: qgen shares it (weights are not modelled) */
    Object *o = arena_alloc(sizeof *o);
    *o = *v->obj;
    o->attrs = dict_copy(v->obj->attrs);
    o->children = dict_copy(v->obj->children);
    if (deep)
      for (int i = 0; i < o->attrs->n; i++)
        o->attrs->vals[i] = value_copy(o->attrs->vals[i], true);
    Value *r = arena_alloc(sizeof *r);
    r->kind = V_OBJECT;
    r->obj = o;
    return r;
  }
  default:
    return v;   /* immutable, or shared */
  }
}

Value *builtin_copy(BUILTIN_PARAMS) {
  return value_copy(one_arg(op, args, nargs, kw, loc), op->id == OP_C_DEEPCOPY);
}

Value *builtin_mathfn(BUILTIN_PARAMS) {
  if (nargs == 2 && op->id == OP_M_LOG) {   /* math.log(x, base) */
    double x = v_num(unwrap_const(args[0])), b = v_num(unwrap_const(args[1]));
    if (x <= 0 || b <= 0 || b == 1)
      error_at(loc, "math domain error");
    return v_float(log(x) / log(b));
  }
  double x = num_arg(op, args, nargs, kw, loc);
  switch (op->id) {
  case OP_M_LOG:
  case OP_M_LOG2:
  case OP_M_LOG10:
    if (x <= 0)
      error_at(loc, "math domain error");
    return v_float(op->id == OP_M_LOG ? log(x) : op->id == OP_M_LOG2 ? log2(x) : log10(x));
  case OP_M_EXP:
    return v_float(exp(x));
  case OP_M_FABS:
    return v_float(fabs(x));
  default:
    unreachable();
  }
}

Value *builtin_mathpow(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "math.pow() takes 2 arguments");
  return v_float(pow(v_num(unwrap_const(args[0])), v_num(unwrap_const(args[1]))));
}

Value *builtin_gcd(BUILTIN_PARAMS) {
  int64_t a = 0;
  for (int i = 0; i < nargs; i++) {
    int64_t b = as_int(args[i], "gcd() argument", loc);
    b = b < 0 ? -b : b;
    while (b) {
      int64_t t = a % b;
      a = b;
      b = t;
    }
  }
  return v_int(a);
}

Value *builtin_isclose(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "isclose() takes 2 arguments");
  double a = v_num(unwrap_const(args[0])), b = v_num(unwrap_const(args[1]));
  Value *rt = kw ? dict_get(kw, "rel_tol") : NULL, *at = kw ? dict_get(kw, "abs_tol") : NULL;
  double rel = rt ? v_num(rt) : 1e-9, abs_ = at ? v_num(at) : 0;
  double d = fabs(a - b), m = fmax(fabs(a), fabs(b));
  return v_bool(a == b || d <= fmax(rel * m, abs_));
}

/* ------------------------------------------------ enum, dataclasses */
Value *builtin_enum_call(BUILTIN_PARAMS) {
  error_at(loc, "the functional Enum API (Enum('Name', ...)) is not supported; define a class");
}

Value *builtin_auto(BUILTIN_PARAMS) {
  static int64_t next = 0;
  return v_int(++next);
}

/* dataclasses.field(default=..., default_factory=...) */
Value *builtin_field(BUILTIN_PARAMS) {
  Value *f = builtin_object(in, &op_table[OP_B_OBJECT], NULL, 0, NULL, loc);
  dict_set(f->obj->attrs, "__qgen_field__", &true_value);
  for (int i = 0; kw && i < kw->n; i++)
    dict_set(f->obj->attrs, kw->keys[i], kw->vals[i]);
  return f;
}

/* @dataclass and @dataclass(...): the fields are the class's annotated
 * names (its bases' first); __init__ is made unless the class has one. */
static Value *make_dataclass(ClassDef *c) {
  Dict *fields = dict_new();
  for (int i = 0; i < c->nbases; i++)
    if (c->bases[i]->kind == V_CLASS && c->bases[i]->cls->fields)
      for (int k = 0; k < c->bases[i]->cls->fields->n; k++)
        dict_set(fields, c->bases[i]->cls->fields->keys[k], c->bases[i]->cls->fields->vals[k]);
  for (int k = 0; c->fields && k < c->fields->n; k++)
    dict_set(fields, c->fields->keys[k], c->fields->vals[k]);
  c->fields = fields;
  if (!dict_get(c->attrs, "__init__"))
    dict_set(c->attrs, "__init__", v_bound(v_class(c), v_builtin(&op_table[OP_DC_INIT])));
  return v_class(c);
}

Value *builtin_dataclass(BUILTIN_PARAMS) {
  if (nargs == 1 && args[0]->kind == V_CLASS)
    return make_dataclass(args[0]->cls);
  if (nargs == 0)   /* @dataclass(frozen=True, ...): the decorator */
    return v_builtin(op);
  error_at(loc, "dataclass() wants a class");
}

/* The __init__ @dataclass and namedtuple make: args[0] the class, args[1]
 * self, then the fields in order. */
Value *method_dataclass_init(BUILTIN_PARAMS) {
  ClassDef *c = args[0]->cls;
  Value *self = args[1];
  Dict *f = c->fields;
  if (nargs - 2 > f->n)
    error_at(loc, "%s() takes %d positional arguments but %d were given", c->name, f->n, nargs - 2);
  for (int i = 0; i < f->n; i++) {
    const char *name = f->keys[i];
    Value *v = i < nargs - 2 ? args[i + 2] : NULL;
    Value *k = kw ? dict_get(kw, name) : NULL;
    if (v && k)
      error_at(loc, "%s() got multiple values for argument '%s'", c->name, name);
    v = v ? v : k;
    if (!v) {
      Value *d = f->vals[i];
      if (d == &no_default)
        error_at(loc, "%s() missing required argument '%s'", c->name, name);
      if (d->kind == V_OBJECT && d->obj->attrs && dict_get(d->obj->attrs, "__qgen_field__")) {
        Value *fac = dict_get(d->obj->attrs, "default_factory");
        v = fac ? call_value(in, fac, NULL, 0, NULL, loc) : dict_get(d->obj->attrs, "default");
        if (!v)
          error_at(loc, "%s() missing required argument '%s'", c->name, name);
      } else
        v = d;
    }
    value_set_attr(self, name, v, loc);
  }
  for (int i = 0; kw && i < kw->n; i++)
    if (!dict_get(f, kw->keys[i]))
      error_at(loc, "%s() got an unexpected keyword argument '%s'", c->name, kw->keys[i]);
  return &none_value;
}

/* collections.namedtuple (the stub calls this): a class of named fields
 * whose instances index and unpack like tuples. */
Value *builtin_namedtuple(BUILTIN_PARAMS) {
  if (nargs != 3 || args[0]->kind != V_STR || args[1]->kind != V_TUPLE)
    error_at(loc, "namedtuple(typename, field_names) wants a name and field names");
  ClassDef *c = arena_alloc(sizeof *c);
  c->name = args[0]->s;
  c->attrs = dict_new();
  c->fields = dict_new();
  c->is_namedtuple = true;
  c->module = current_module(in);
  List *names = args[1]->list;
  List *defs = v_is_seq(args[2]) ? args[2]->list : NULL;
  for (int i = 0; i < names->n; i++) {
    if (names->items[i]->kind != V_STR)
      error_at(loc, "namedtuple field names must be strings");
    int d = defs ? i - (names->n - defs->n) : -1;
    dict_set(c->fields, names->items[i]->s, d >= 0 ? defs->items[d] : &no_default);
  }
  dict_set(c->attrs, "__init__", v_bound(v_class(c), v_builtin(&op_table[OP_DC_INIT])));
  return v_class(c);
}
