/* eval.c: a small Python interpreter over tree-sitter nodes.
 * The same evaluator runs __init__ (concrete values: ints, tuples, modules
 * under construction) and forward (where the input is a proxy and every
 * operation on it records a graph node, see trace.c). */
#include "qgen.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 200

typedef enum { EX_NORMAL, EX_RETURN, EX_BREAK, EX_CONTINUE } Exec;

/* The function being run: super() and error messages need it. */
typedef struct Frame {
  FuncDef *func;
  Scope *scope;
  struct Frame *up;
} Frame;

static Frame *frame;

/* A module-level `NAME = expr`, evaluated on first use; prev is the
 * definition before it of the same name (as a boxed Value), or NULL. */
typedef struct {
  TSNode node;
  Value *prev;
} LazyDef;
static Dict *lazy_globals;
static const Source *cur_src;

static Value *eval(Interp *in, Scope *sc, TSNode n);
static const OpDef *nn_base_of(ClassDef *c);
static Exec exec_block(Interp *in, Scope *sc, TSNode block, Value **ret);

static Loc at(TSNode n) { return node_loc(cur_src, n); }
static const char *text(TSNode n) { return node_text(cur_src, n); }

static Scope *scope_new(Scope *parent) {
  Scope *s = arena_alloc(sizeof *s);
  s->vars = dict_new();
  s->parent = parent;
  s->src = cur_src;
  return s;
}

/* Named children, skipping comments. */
static uint32_t nchildren(TSNode n) { return ts_node_named_child_count(n); }
static TSNode child(TSNode n, uint32_t i) { return ts_node_named_child(n, i); }

/* ---------------------------------------------------------- names */
static Value *lookup(Interp *in, Scope *sc, const char *name, TSNode where) {
  for (Scope *s = sc; s; s = s->parent) {
    Value *v = dict_get(s->vars, name);
    if (v)
      return v;
  }
  Value *boxed = dict_get(lazy_globals, name);
  if (boxed) {
    /* evaluate once. While the last definition runs, the name means the
     * one before it (N = N + 1); with none before, it is an error. */
    if (boxed->kind == V_NONE)
      error_at(at(where), "name '%s' is defined in terms of itself", name);
    LazyDef *def = (LazyDef *)boxed->s;
    dict_set(lazy_globals, name, def->prev ? def->prev : &none_value);
    Value *v = eval(in, in->globals, def->node);
    dict_set(in->globals->vars, name, v);
    return v;
  }
  const OpDef *op = op_lookup(OK_PYBUILTIN, "builtins", name);
  if (op)
    return v_builtin(op);
  error_at(at(where), "name '%s' is not defined", name);
}

/* ------------------------------------------------------ attributes */
static Value *class_attr(ClassDef *c, const char *name, ClassDef **owner) {
  Value *v = dict_get(c->attrs, name);
  if (v) {
    if (owner)
      *owner = c;
    return v;
  }
  for (int i = 0; i < c->nbases; i++)
    if (c->bases[i]->kind == V_CLASS && (v = class_attr(c->bases[i]->cls, name, owner)))
      return v;
  return NULL;
}

/* A user class's method (a def), searched through its bases; NULL if none. */
Value *class_method(ClassDef *c, const char *name) {
  Value *v = c ? class_attr(c, name, NULL) : NULL;
  return v && v->kind == V_FUNC ? v : NULL;
}

static Value *module_attr(Interp *in, Value *obj, const char *name, Loc loc) {
  Object *o = obj->obj;
  Value *v;
  if (o->children && (v = dict_get(o->children, name)))
    return v;
  if ((v = dict_get(o->attrs, name)))
    return v;
  if (o->cls && (v = class_attr(o->cls, name, NULL)))
    return v->kind == V_FUNC && !v->func->is_static ? v_bound(obj, v) : v;
  if (o->nn && o->params && !o->cls)
    for (int i = 0; i < o->nn->nparams; i++)
      if (!strcmp(o->nn->pname[i], name))
        return o->params[i];
  if (o->nn && !strcmp(name, "training"))
    return v_bool(true);   /* a freshly built module is in training mode */
  if (o->nn && (!strcmp(name, "weight") || !strcmp(name, "bias")) && !o->cls)
    return trace_get_param(in, obj, name, loc);
  const OpDef *m = op_lookup(OK_PYBUILTIN, "Module", name);
  if (m && o->nn)
    return v_bound(obj, v_builtin(m));
  return NULL;
}

Value *get_attr(Interp *in, Value *obj, const char *name, Loc loc) {
  Value *v = NULL;
  switch (obj->kind) {
  case V_NAMESPACE:
    v = namespace_attr(obj->ns, name);
    if (!v) {
      if (!strcmp(obj->ns, "torch.nn"))
        error_at(loc, "unknown module 'nn.%s': qgen does not know torch.nn.%s", name, name);
      if (!strcmp(obj->ns, "torch.nn.functional"))
        error_at(loc, "unknown function 'F.%s': qgen does not know torch.nn.functional.%s", name, name);
      error_at(loc, "unknown name '%s.%s'", obj->ns, name);
    }
    return v;
  case V_OBJECT:
    v = module_attr(in, obj, name, loc);
    break;
  case V_CLASS:
    v = class_attr(obj->cls, name, NULL);
    break;
  case V_PROXY:
    if (obj->node->is_tensor) {
      if (!strcmp(name, "shape"))
        return trace_getattr(in, obj, name, loc);
      const OpDef *op = op_lookup(OK_METHOD, "Tensor", name);
      if (!op)
        error_at(loc, "unknown tensor method '%s'", name);
      return v_bound(obj, v_builtin(op));
    }
    if (!obj->node->const_value)   /* chunk's tuple of tensors */
      error_at(loc, "'%s' object has no attribute '%s'", v_type_name(obj), name);
    return get_attr(in, unwrap_const(obj), name, loc);
  case V_LIST:
  case V_DICT: {
    const OpDef *op = op_lookup(OK_PYBUILTIN, obj->kind == V_LIST ? "list" : "dict", name);
    if (op)
      return v_bound(obj, v_builtin(op));
    break;
  }
  case V_SUPER: {
    /* super(): look the name up in the bases of the class the method is in */
    ClassDef *c = obj->bound.fn->cls;
    for (int i = 0; i < c->nbases && !v; i++) {
      Value *b = c->bases[i];
      if (b->kind == V_CLASS) {
        v = class_attr(b->cls, name, NULL);
        if (!v && !strcmp(name, "__init__") && nn_base_of(b->cls))   /* a base without its own __init__ */
          v = v_builtin(&op_table[OP_NN_INIT]);
      } else if (b->kind == V_BUILTIN && b->op->kind == OK_NN_MODULE && !strcmp(name, "__init__"))
        v = v_builtin(&op_table[OP_NN_INIT]);
    }
    if (v && (v->kind == V_FUNC || v->kind == V_BUILTIN))
      return v_bound(obj->bound.self, v);
    if (!v)
      error_at(loc, "'super' object has no attribute '%s'", name);
    return v;
  }
  default:
    break;
  }
  if (!v)
    error_at(loc, "'%s' object has no attribute '%s'", v_type_name(obj), name);
  return v;
}

/* Registering an attribute on a module: submodules keep their order. */
static void set_attr(Value *obj, const char *name, Value *v, Loc loc) {
  if (obj->kind != V_OBJECT)
    error_at(loc, "cannot set attribute '%s' on %s", name, v_type_name(obj));
  Object *o = obj->obj;
  if (v_is_module(v)) {
    if (!o->nn || (o->cls && !o->initialized))
      error_at(loc, "cannot assign module before Module.__init__() call: call super().__init__() first");
    dict_set(o->children, name, v);
  } else if (dict_get(o->children, name)) {
    if (v->kind != V_NONE)
      error_at(loc, "cannot assign %s as child module '%s' (torch.nn.Module or None expected)", v_type_name(v), name);
    dict_set(o->children, name, v);   /* self.down = None: the child is None now */
  } else
    dict_set(o->attrs, name, v);
}

/* -------------------------------------------------------- calls */
typedef struct {
  Value **items;
  int n, cap;
  Dict *kw;
} Args;

static void args_push(Args *a, Value *v, Loc loc) {
  if (a->n == a->cap) {
    int cap = a->cap ? 2 * a->cap : 8;
    a->items = arena_grow(a->items, sizeof(Value *) * (size_t)a->n, sizeof(Value *) * (size_t)cap);
    a->cap = cap;
  }
  a->items[a->n++] = v;
}

/* self followed by args, for a bound call */
static Value **with_self(Value *self, Value **args, int nargs) {
  Value **all = arena_alloc(sizeof(Value *) * (size_t)(nargs + 1));
  all[0] = self;
  if (nargs)
    memcpy(all + 1, args, sizeof(Value *) * (size_t)nargs);
  return all;
}

static void eval_args(Interp *in, Scope *sc, TSNode list, Args *a) {
  *a = (Args){0};
  if (sym(list) == SYM_generator_expression)
    error_at(at(list), "generator expressions are not supported");
  for (uint32_t i = 0; i < nchildren(list); i++) {
    TSNode c = child(list, i);
    switch (sym(c)) {
    case SYM_comment:
      break;
    case SYM_keyword_argument:
      if (!a->kw)
        a->kw = dict_new();
      dict_set(a->kw, text(field(c, FLD_name)), eval(in, sc, field(c, FLD_value)));
      break;
    case SYM_list_splat: {
      Value *v = eval(in, sc, child(c, 0));
      v = unwrap_const(v);
      if (!v_is_seq(v))
        error_at(at(c), "argument after * must be a list or tuple, not %s", v_type_name(v));
      for (int k = 0; k < v->list->n; k++)
        args_push(a, v->list->items[k], at(c));
      break;
    }
    case SYM_dictionary_splat: {
      Value *v = eval(in, sc, child(c, 0));
      if (v->kind != V_DICT)
        error_at(at(c), "argument after ** must be a dict, not %s", v_type_name(v));
      if (!a->kw)
        a->kw = dict_new();
      for (int k = 0; k < v->dict->n; k++)
        dict_set(a->kw, v->dict->keys[k], v->dict->vals[k]);
      break;
    }
    default:
      args_push(a, eval(in, sc, c), at(c));
    }
  }
}

/* Bind a def's parameters in a new scope.
 * parameters = ( identifier | default_parameter | typed_parameter | typed_default_parameter
 *              | list_splat_pattern | dictionary_splat_pattern | keyword_separator )* */
static Scope *bind_params(Interp *in, FuncDef *f, Value **args, int nargs, Dict *kw, Loc loc) {
  Scope *sc = scope_new(f->scope);
  TSNode params = field(f->node, FLD_parameters);
  int next = 0;
  bool kwonly = false;
  Dict *used = dict_new();
  Value *rest_kw = NULL;
  for (uint32_t i = 0; i < nchildren(params); i++) {
    TSNode p = child(params, i);
    Sym s = sym(p);
    const char *name;
    TSNode def = {0};
    switch (s) {
    case SYM_identifier:
      name = text(p);
      break;
    case SYM_typed_parameter:
      name = text(child(p, 0));
      if (sym(child(p, 0)) == SYM_list_splat_pattern || sym(child(p, 0)) == SYM_dictionary_splat_pattern)
        error_at(at(p), "typed *args are not supported");
      break;
    case SYM_default_parameter:
    case SYM_typed_default_parameter:
      name = text(field(p, FLD_name));
      def = field(p, FLD_value);
      break;
    case SYM_list_splat_pattern: {
      Value *rest = v_tuple(0, NULL);
      for (; next < nargs; next++)
        list_push(rest->list, args[next]);
      dict_set(sc->vars, text(child(p, 0)), rest);
      kwonly = true;
      continue;
    }
    case SYM_keyword_separator:
      if (next < nargs)
        error_at(loc, "%s() takes %d positional arguments but %d were given", f->name, next, nargs);
      kwonly = true;
      continue;
    case SYM_positional_separator:
      continue;
    case SYM_dictionary_splat_pattern:
      rest_kw = v_dict();
      dict_set(sc->vars, text(child(p, 0)), rest_kw);
      continue;
    default:
      error_at(at(p), "unsupported parameter");
    }
    Value *v = NULL;
    if (!kwonly && next < nargs)
      v = args[next++];
    Value *k = kw ? dict_get(kw, name) : NULL;
    if (k) {
      if (v)
        error_at(loc, "%s() got multiple values for argument '%s'", f->name, name);
      v = k;
      dict_set(used, name, k);
    }
    if (!v && !ts_node_is_null(def))
      v = eval(in, f->scope, def);
    if (!v && !frame && !strcmp(f->name, "__init__"))   /* the model's own constructor */
      error_at(at(p), "the model's constructor argument '%s' has no default: give it with --arg %s=VALUE", name, name);
    if (!v)
      error_at(loc, "%s() missing required argument '%s'", f->name, name);
    dict_set(sc->vars, name, v);
  }
  if (next < nargs)
    error_at(loc, "%s() takes %d positional argument%s but %d were given", f->name, next, next == 1 ? "" : "s", nargs);
  for (int k = 0; kw && k < kw->n; k++)
    if (!dict_get(used, kw->keys[k])) {
      if (!rest_kw)
        error_at(loc, "%s() got an unexpected keyword argument '%s'", f->name, kw->keys[k]);
      dict_set(rest_kw->dict, kw->keys[k], kw->vals[k]);
    }
  return sc;
}

static Value *call_func(Interp *in, FuncDef *f, Value **args, int nargs, Dict *kw, Loc loc) {
  if (++in->depth > MAX_DEPTH)
    error_at(loc, "recursion too deep: more than %d nested calls", MAX_DEPTH);
  const Source *saved = cur_src;
  cur_src = f->src;
  Scope *sc = bind_params(in, f, args, nargs, kw, loc);
  Frame fr = {f, sc, frame};
  frame = &fr;
  Value *ret = &none_value;
  exec_block(in, sc, field(f->node, FLD_body), &ret);
  frame = fr.up;
  cur_src = saved;
  in->depth--;
  return ret ? ret : &none_value;
}

static bool derives_from_module(ClassDef *c) {
  if (c->nn_base)
    return true;
  for (int i = 0; i < c->nbases; i++)
    if (c->bases[i]->kind == V_CLASS && derives_from_module(c->bases[i]->cls))
      return true;
  return false;
}

static const OpDef *nn_base_of(ClassDef *c) {
  if (c->nn_base)
    return c->nn_base;
  for (int i = 0; i < c->nbases; i++)
    if (c->bases[i]->kind == V_CLASS) {
      const OpDef *b = nn_base_of(c->bases[i]->cls);
      if (b)
        return b;
    }
  return NULL;
}

static Value *instantiate(Interp *in, ClassDef *c, Value **args, int nargs, Dict *kw, Loc loc) {
  static int next_id = 1 << 20;
  Object *o = arena_alloc(sizeof *o);
  o->cls = c;
  o->attrs = dict_new();
  o->children = dict_new();
  o->loc = loc;
  o->id = ++next_id;
  o->nn = nn_base_of(c);
  Value *obj = arena_alloc(sizeof *obj);
  obj->kind = V_OBJECT;
  obj->obj = o;
  Value *init = class_attr(c, "__init__", NULL);
  Value **all = with_self(obj, args, nargs);
  if (init && init->kind == V_FUNC)
    call_func(in, init->func, all, nargs + 1, kw, loc);
  else if (o->nn)
    method_nn_init(in, &op_table[OP_NN_INIT], all, nargs + 1, kw, loc);
  else if (nargs || (kw && kw->n))
    error_at(loc, "%s() takes no arguments", c->name);
  return obj;
}

Value *call_value(Interp *in, Value *fn, Value **args, int nargs, Dict *kw, Loc loc) {
  switch (fn->kind) {
  case V_FUNC:
    return call_func(in, fn->func, args, nargs, kw, loc);
  case V_BOUND: {
    Value *f = fn->bound.fn;
    if (f->kind == V_BUILTIN && f->op->kind == OK_METHOD)
      return trace_call_method(in, f->op, fn->bound.self, args, nargs, kw, loc);
    Value **all = with_self(fn->bound.self, args, nargs);
    if (f->kind == V_BUILTIN)
      return f->op->call(in, f->op, all, nargs + 1, kw, loc);
    return call_value(in, f, all, nargs + 1, kw, loc);
  }
  case V_CLASS:
    return instantiate(in, fn->cls, args, nargs, kw, loc);
  case V_BUILTIN: {
    const OpDef *op = fn->op;
    if (op->kind == OK_PYBUILTIN)
      return op->call(in, op, args, nargs, kw, loc);
    if (op->kind == OK_NN_MODULE) {
      Value *p[16];
      if (op->id == OP_MODULE)
        error_at(loc, "nn.Module() on its own has no forward; subclass it");
      bind_args(op, args, nargs, kw, p, loc);
      Object *o = nn_module_new(op, p, loc);
      Value *v = arena_alloc(sizeof *v);
      v->kind = V_OBJECT;
      v->obj = o;
      if (op->id == OP_SEQUENTIAL || op->id == OP_MODULELIST)
        method_nn_init(in, &op_table[OP_NN_INIT], with_self(v, args, nargs), nargs + 1, kw, loc);
      return v;
    }
    if (op->kind == OK_FUNCTION)
      return trace_call_function(in, op, args, nargs, kw, loc);
    break;
  }
  case V_OBJECT:
    if (fn->obj->nn)
      return trace_call_module(in, fn, args, nargs, kw, loc);
    break;
  default:
    break;
  }
  error_at(loc, "'%s' object is not callable", v_type_name(fn));
}

/* ---------------------------------------------------- operators */
static double num(Value *v) { return v->kind == V_FLOAT ? v->f : v->kind == V_INT ? (double)v->i : (double)v->b; }
static bool is_num(Value *v) { return v->kind == V_INT || v->kind == V_FLOAT || v->kind == V_BOOL; }
static bool is_int(Value *v) { return v->kind == V_INT || v->kind == V_BOOL; }
static int64_t ival(Value *v) { return v->kind == V_INT ? v->i : v->b; }

static int64_t floordiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

static Value *concat(Value *a, Value *b) {
  Value *r = a->kind == V_TUPLE ? v_tuple(0, NULL) : v_list(0, NULL);
  for (int i = 0; i < a->list->n; i++)
    list_push(r->list, a->list->items[i]);
  for (int i = 0; i < b->list->n; i++)
    list_push(r->list, b->list->items[i]);
  return r;
}

static Value *binary(Interp *in, const char *op, Value *a, Value *b, Loc loc) {
  if (a->kind == V_PROXY || b->kind == V_PROXY)
    return trace_binary(in, op, a, b, loc);
  if (is_num(a) && is_num(b)) {
    bool ints = is_int(a) && is_int(b);
    int64_t x = ints ? ival(a) : 0, y = ints ? ival(b) : 0;
    double p = num(a), q = num(b);
    switch (op[0]) {
    case '+': return ints ? v_int(x + y) : v_float(p + q);
    case '-': return ints ? v_int(x - y) : v_float(p - q);
    case '*':
      if (op[1] == '*') {
        if (ints && y >= 0) {
          int64_t r = 1;
          for (int64_t i = 0; i < y && i < 64; i++)
            r *= x;
          return v_int(r);
        }
        return v_float(pow(p, q));
      }
      return ints ? v_int(x * y) : v_float(p * q);
    case '/':
      if (q == 0)
        error_at(loc, "division by zero");
      if (op[1] == '/')
        return ints ? v_int(floordiv(x, y)) : v_float(floor(p / q));
      return v_float(p / q);
    case '%':
      if (q == 0)
        error_at(loc, "modulo by zero");
      return ints ? v_int(x - floordiv(x, y) * y) : v_float(p - floor(p / q) * q);
    case '<': if (ints && op[1] == '<') return v_int(x << y); break;
    case '>': if (ints && op[1] == '>') return v_int(x >> y); break;
    case '&': if (ints) return v_int(x & y); break;
    case '|': if (ints) return v_int(x | y); break;
    case '^': if (ints) return v_int(x ^ y); break;
    }
  }
  if (!strcmp(op, "+") && a->kind == b->kind && v_is_seq(a))
    return concat(a, b);
  if (!strcmp(op, "+") && a->kind == V_STR && b->kind == V_STR)
    return v_str(format("%s%s", a->s, b->s));
  if (!strcmp(op, "*") && (v_is_seq(a) || v_is_seq(b)) && (is_int(a) || is_int(b))) {
    Value *s = v_is_seq(a) ? a : b;
    int64_t k = is_int(a) ? ival(a) : ival(b);
    Value *r = s->kind == V_TUPLE ? v_tuple(0, NULL) : v_list(0, NULL);
    for (int64_t i = 0; i < k; i++)
      for (int j = 0; j < s->list->n; j++)
        list_push(r->list, s->list->items[j]);
    return r;
  }
  error_at(loc, "unsupported operand types for %s: '%s' and '%s'", op, v_type_name(a), v_type_name(b));
}

static void data_dependent(Value *v, Loc loc) {
  if (v->kind == V_PROXY && !v->node->const_value)
    error_at(loc, "data-dependent control flow: this depends on a tensor's values, which are not known "
                  "when tracing (torch.fx refuses it too)");
}

static bool compare(const char *op, Value *a, Value *b, Loc loc) {
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
  if (is_num(a) && is_num(b)) {
    x = num(a);
    y = num(b);
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

static bool truth(Value *v, Loc loc) {
  data_dependent(v, loc);
  return v_truthy(unwrap_const(v));
}

/* -------------------------------------------------- subscripts */
static int64_t seq_index(Value *seq, int64_t i, int n, Loc loc) {
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

static Value *subscript(Interp *in, Value *obj, Value *key, Loc loc) {
  if (obj->kind == V_PROXY)
    return trace_getitem(in, obj, key, loc);
  key = unwrap_const(key);
  bool sliced = false;
  if (v_is_seq(obj)) {
    if (key->kind == V_SLICE)
      return slice_of(obj, obj->list->n, obj->list->items, key, loc, &sliced);
    return obj->list->items[seq_index(obj, as_int(key, "index", loc), obj->list->n, loc)];
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
    return ch->vals[seq_index(obj, as_int(key, "index", loc), ch->n, loc)];
  }
  if (obj->kind == V_STR && key->kind == V_INT) {
    int64_t i = seq_index(obj, key->i, (int)strlen(obj->s), loc);
    return v_str(arena_strndup(obj->s + i, 1));
  }
  error_at(loc, "'%s' object is not subscriptable", v_type_name(obj));
}

/* Iterating: sequences, dict keys, containers of modules. */
static List *iterate(Value *v, Loc loc) {
  List *l;
  if (v->kind == V_PROXY && (l = trace_iterate(v, loc)))   /* chunk, size: getitem nodes */
    return l;
  v = unwrap_const(v);
  if (v_is_seq(v))
    return v->list;
  l = arena_alloc(sizeof *l);
  if (v->kind == V_DICT) {
    for (int i = 0; i < v->dict->n; i++)
      list_push(l, v_str(v->dict->keys[i]));
    return l;
  }
  if (v->kind == V_OBJECT && v->obj->nn && (v->obj->nn->id == OP_SEQUENTIAL || v->obj->nn->id == OP_MODULELIST)) {
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
  error_at(loc, "'%s' object is not iterable", v_type_name(v));
}

/* ---------------------------------------------------- expressions */
/* string_content's text, with its escape_sequence children decoded */
static void string_content(Buf *b, TSNode c) {
  uint32_t pos = ts_node_start_byte(c);
  for (uint32_t i = 0; i < ts_node_named_child_count(c); i++) {
    TSNode esc = ts_node_named_child(c, i);
    if (sym(esc) != SYM_escape_sequence)
      continue;
    buf_putn(b, cur_src->text + pos, ts_node_start_byte(esc) - pos);
    const char *e = text(esc);
    char ch = e[1] == 'n' ? '\n' : e[1] == 't' ? '\t' : e[1] == 'r' ? '\r' : e[1] == '0' ? 0 : e[1];
    if (strchr("ntr\\'\"0", e[1]) && e[1])
      buf_putc(b, ch);
    else
      buf_puts(b, e);
    pos = ts_node_end_byte(esc);
  }
  buf_putn(b, cur_src->text + pos, ts_node_end_byte(c) - pos);
}

static Value *eval_string(TSNode n) {
  Buf b = {0};
  for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
    TSNode c = ts_node_child(n, i);
    Sym s = sym(c);
    if (s == SYM_string_content)
      string_content(&b, c);
    else if (s == SYM_interpolation)
      error_at(at(c), "f-strings are not supported");
  }
  const char *start = text(ts_node_child(n, 0));
  if (strchr(start, 'b') || strchr(start, 'B'))
    error_at(at(n), "bytes literals are not supported");
  return v_str(b.len ? buf_str(&b) : "");
}

static Value *eval_seq(Interp *in, Scope *sc, TSNode n, bool tuple) {
  Value *v = tuple ? v_tuple(0, NULL) : v_list(0, NULL);
  for (uint32_t i = 0; i < nchildren(n); i++) {
    TSNode c = child(n, i);
    if (sym(c) == SYM_comment)
      continue;
    if (sym(c) == SYM_list_splat) {
      List *items = iterate(eval(in, sc, child(c, 0)), at(c));
      for (int k = 0; k < items->n; k++)
        list_push(v->list, items->items[k]);
    } else
      list_push(v->list, eval(in, sc, c));
  }
  return v;
}

static void assign(Interp *in, Scope *sc, TSNode target, Value *v);

/* list_comprehension = "[" body for_in_clause (for_in_clause | if_clause)* "]" */
static void comprehension(Interp *in, Scope *sc, TSNode n, uint32_t k, Value *out) {
  if (k == nchildren(n)) {
    list_push(out->list, eval(in, sc, field(n, FLD_body)));
    return;
  }
  TSNode c = child(n, k);
  if (sym(c) == SYM_for_in_clause) {
    List *items = iterate(eval(in, sc, field(c, FLD_right)), at(c));
    for (int i = 0; i < items->n; i++) {
      assign(in, sc, field(c, FLD_left), items->items[i]);
      comprehension(in, sc, n, k + 1, out);
    }
  } else if (sym(c) == SYM_if_clause) {
    if (truth(eval(in, sc, child(c, 0)), at(c)))
      comprehension(in, sc, n, k + 1, out);
  } else
    comprehension(in, sc, n, k + 1, out);
}

static Value *eval(Interp *in, Scope *sc, TSNode n) {
  Loc loc = at(n);
  switch (sym(n)) {
  case SYM_identifier:
    return lookup(in, sc, text(n), n);
  case SYM_integer: {
    const char *t = text(n);
    char clean[64];
    size_t k = 0;
    for (; *t && k < sizeof clean - 1; t++)
      if (*t != '_')
        clean[k++] = *t;
    clean[k] = 0;
    if (strpbrk(clean, "jJ"))
      error_at(loc, "complex numbers are not supported");
    int base = 10;
    const char *digits = clean;
    if (clean[0] == '0' && clean[1] && strchr("xXoObB", clean[1])) {
      base = strchr("xX", clean[1]) ? 16 : strchr("oO", clean[1]) ? 8 : 2;
      digits = clean + 2;
    }
    errno = 0;
    long long v = strtoll(digits, NULL, base);
    if (errno == ERANGE)
      error_at(loc, "integer literal too large for qgen (64 bits)");
    return v_int(v);
  }
  case SYM_float: {
    const char *t = text(n);
    if (strpbrk(t, "jJ"))
      error_at(loc, "complex numbers are not supported");
    Buf clean = {0};
    for (; *t; t++)
      if (*t != '_')
        buf_putc(&clean, *t);
    return v_float(strtod(buf_str(&clean), NULL));
  }
  case SYM_string:
    return eval_string(n);
  case SYM_concatenated_string: {
    Buf b = {0};
    for (uint32_t i = 0; i < nchildren(n); i++)
      buf_puts(&b, eval_string(child(n, i))->s);
    return v_str(buf_str(&b));
  }
  case SYM_true: return v_bool(true);
  case SYM_false: return v_bool(false);
  case SYM_none: return v_none();
  case SYM_parenthesized_expression:
    return eval(in, sc, child(n, 0));
  case SYM_tuple:
  case SYM_expression_list:
    return eval_seq(in, sc, n, true);
  case SYM_list:
    return eval_seq(in, sc, n, false);
  case SYM_dictionary: {
    Value *d = v_dict();
    for (uint32_t i = 0; i < nchildren(n); i++) {
      TSNode p = child(n, i);
      if (sym(p) != SYM_pair)
        error_at(at(p), "unsupported dictionary entry");
      Value *k = eval(in, sc, field(p, FLD_key));
      if (k->kind != V_STR)
        error_at(at(p), "qgen supports dicts with string keys only");
      dict_set(d->dict, k->s, eval(in, sc, field(p, FLD_value)));
    }
    return d;
  }
  case SYM_list_comprehension: {
    Value *out = v_list(0, NULL);
    comprehension(in, scope_new(sc), n, 1, out);
    return out;
  }
  case SYM_binary_operator: {
    Value *a = eval(in, sc, field(n, FLD_left));
    Value *b = eval(in, sc, field(n, FLD_right));
    return binary(in, text(field(n, FLD_operator)), a, b, loc);
  }
  case SYM_unary_operator: {
    Value *a = unwrap_const(eval(in, sc, field(n, FLD_argument)));
    const char *op = text(field(n, FLD_operator));
    if (a->kind == V_PROXY)
      error_at(loc, "unary '%s' on a tensor is not supported", op);
    if (op[0] == '-' && is_num(a))
      return a->kind == V_FLOAT ? v_float(-a->f) : v_int(-ival(a));
    if (op[0] == '+' && is_num(a))
      return a;
    if (op[0] == '~' && is_int(a))
      return v_int(~ival(a));
    error_at(loc, "bad operand type for unary %s: '%s'", op, v_type_name(a));
  }
  case SYM_not_operator:
    return v_bool(!truth(eval(in, sc, field(n, FLD_argument)), loc));
  case SYM_boolean_operator: {
    Value *a = eval(in, sc, field(n, FLD_left));
    bool t = truth(a, loc);
    if (!strcmp(text(field(n, FLD_operator)), "and"))
      return t ? eval(in, sc, field(n, FLD_right)) : a;
    return t ? a : eval(in, sc, field(n, FLD_right));
  }
  case SYM_comparison_operator: {
    /* a < b < c: operands are the named children, operators the rest */
    Value *left = eval(in, sc, child(n, 0));
    uint32_t opi = 0;
    for (uint32_t i = 1; i < nchildren(n); i++) {
      /* find the operator token(s) between operand i-1 and operand i */
      TSNode prev = child(n, i - 1), next = child(n, i);
      Buf op = {0};
      for (; opi < ts_node_child_count(n); opi++) {
        TSNode t = ts_node_child(n, opi);
        if (ts_node_start_byte(t) >= ts_node_end_byte(prev) && ts_node_end_byte(t) <= ts_node_start_byte(next)) {
          if (op.len)
            buf_putc(&op, ' ');
          buf_puts(&op, text(t));
        } else if (ts_node_start_byte(t) >= ts_node_start_byte(next))
          break;
      }
      Value *right = eval(in, sc, next);
      if (!compare(buf_str(&op), left, right, loc))
        return v_bool(false);
      left = right;
    }
    return v_bool(true);
  }
  case SYM_conditional_expression: {
    /* body if cond else other */
    if (truth(eval(in, sc, child(n, 1)), at(child(n, 1))))
      return eval(in, sc, child(n, 0));
    return eval(in, sc, child(n, 2));
  }
  case SYM_attribute: {
    Value *obj = eval(in, sc, field(n, FLD_object));
    return get_attr(in, obj, text(field(n, FLD_attribute)), loc);
  }
  case SYM_subscript: {
    Value *obj = eval(in, sc, field(n, FLD_value));
    /* a[i], a[i:j], a[i, j] */
    uint32_t nsub = 0;
    Value *keys[MAX_DIMS];
    for (uint32_t i = 1; i < nchildren(n); i++) {
      TSNode c = child(n, i);
      if (sym(c) == SYM_comment)
        continue;
      if (nsub == MAX_DIMS)
        error_at(loc, "too many subscripts");
      keys[nsub++] = eval(in, sc, c);
    }
    Value *key = nsub == 1 ? keys[0] : v_tuple((int)nsub, keys);
    return subscript(in, obj, key, loc);
  }
  case SYM_slice: {
    Value *v = arena_alloc(sizeof *v);
    v->kind = V_SLICE;
    v->slice.lo = v->slice.hi = v->slice.step = &none_value;
    /* slice = expr? ":" expr? (":" expr?)? : place children by the colons */
    int part = 0;
    for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
      TSNode c = ts_node_child(n, i);
      if (!ts_node_is_named(c)) {
        part++;
        continue;
      }
      Value *x = eval(in, sc, c);
      if (part == 0) v->slice.lo = x;
      else if (part == 1) v->slice.hi = x;
      else v->slice.step = x;
    }
    return v;
  }
  case SYM_call: {
    TSNode fn = field(n, FLD_function);
    Value *f = eval(in, sc, fn);
    Args a;
    eval_args(in, sc, field(n, FLD_arguments), &a);
    return call_value(in, f, a.items, a.n, a.kw, loc);
  }
  case SYM_lambda:
    error_at(loc, "lambda is not supported");
  case SYM_generator_expression:
    error_at(loc, "generator expressions are not supported");
  case SYM_ellipsis:
    error_at(loc, "'...' is not supported here");
  default:
    error_at(loc, "unsupported expression: %s", ts_node_type(n));
  }
}

/* ---------------------------------------------------- statements */
/* target = identifier | attribute | subscript | pattern_list | tuple_pattern
 *        | list_pattern | tuple | list | list_splat_pattern */
static void assign(Interp *in, Scope *sc, TSNode target, Value *v) {
  Loc loc = at(target);
  switch (sym(target)) {
  case SYM_identifier:
    dict_set(sc->vars, text(target), v);
    return;
  case SYM_attribute: {
    Value *obj = eval(in, sc, field(target, FLD_object));
    set_attr(obj, text(field(target, FLD_attribute)), v, loc);
    return;
  }
  case SYM_subscript: {
    Value *obj = eval(in, sc, field(target, FLD_value));
    Value *key = eval(in, sc, child(target, 1));
    if (obj->kind == V_LIST) {
      obj->list->items[seq_index(obj, as_int(key, "index", loc), obj->list->n, loc)] = v;
      return;
    }
    if (obj->kind == V_DICT && key->kind == V_STR) {
      dict_set(obj->dict, key->s, v);
      return;
    }
    error_at(loc, "unsupported item assignment on %s", v_type_name(obj));
  }
  case SYM_pattern_list:
  case SYM_tuple_pattern:
  case SYM_list_pattern:
  case SYM_tuple:
  case SYM_list:
  case SYM_expression_list: {
    List *items = iterate(v, loc);
    uint32_t nt = 0, star = UINT32_MAX;
    TSNode targets[64];
    for (uint32_t i = 0; i < nchildren(target) && nt < 64; i++) {
      TSNode c = child(target, i);
      if (sym(c) == SYM_comment)
        continue;
      if (sym(c) == SYM_list_splat_pattern)
        star = nt;
      targets[nt++] = c;
    }
    if (star == UINT32_MAX ? (uint32_t)items->n != nt : (uint32_t)items->n < nt - 1)
      error_at(loc, "cannot unpack %d values into %u targets", items->n, nt);
    int k = 0;
    for (uint32_t i = 0; i < nt; i++) {
      if (i == star) {
        int take = items->n - (int)(nt - 1);
        Value *rest = v_list(take, items->items + k);
        assign(in, sc, child(targets[i], 0), rest);
        k += take;
      } else
        assign(in, sc, targets[i], items->items[k++]);
    }
    return;
  }
  default:
    error_at(loc, "unsupported assignment target");
  }
}

static Value *import_target(const char *dotted) {
  for (int i = 0; i < OP_COUNT; i++)
    if (op_table[i].kind == OK_NAMESPACE && !strcmp(op_table[i].qualname, dotted))
      return v_namespace(op_table[i].qualname);
  return v_namespace(dotted);  /* unknown modules: an error only if used */
}

/* import_statement = "import" (dotted_name | aliased_import) ("," ...)*
 * import_from_statement = "from" dotted_name "import" (dotted_name | aliased_import)+ */
static void exec_import(Interp *in, Scope *sc, TSNode n) {
  bool from = sym(n) == SYM_import_from_statement;
  const char *module = from ? text(field(n, FLD_module_name)) : NULL;
  for (uint32_t i = 0; i < nchildren(n); i++) {
    TSNode c = child(n, i);
    if (from && ts_node_eq(c, field(n, FLD_module_name)))
      continue;
    TSNode name = sym(c) == SYM_aliased_import ? field(c, FLD_name) : c;
    TSNode alias = sym(c) == SYM_aliased_import ? field(c, FLD_alias) : (TSNode){0};
    if (sym(name) != SYM_dotted_name)
      continue;  /* from x import * */
    const char *dotted = text(name);
    Value *v;
    const char *bind;
    if (from) {
      Value *ns = import_target(module);
      v = namespace_attr(ns->ns, dotted);
      if (!v)
        v = v_namespace(format("%s.%s", module, dotted));
      bind = ts_node_is_null(alias) ? dotted : text(alias);
    } else if (!ts_node_is_null(alias)) {
      v = import_target(dotted);
      bind = text(alias);
    } else {
      /* `import torch.nn` binds `torch` */
      size_t k = strcspn(dotted, ".");
      bind = arena_strndup(dotted, k);
      v = import_target(bind);
    }
    dict_set(sc->vars, bind, v);
  }
}

static ClassDef *define_class(Interp *in, Scope *sc, TSNode n) {
  ClassDef *c = arena_alloc(sizeof *c);
  c->name = text(field(n, FLD_name));
  c->node = n;
  c->scope = sc;
  c->src = cur_src;
  c->attrs = dict_new();
  TSNode bases = field(n, FLD_superclasses);
  for (uint32_t i = 0; !ts_node_is_null(bases) && i < nchildren(bases); i++) {
    TSNode b = child(bases, i);
    if (sym(b) == SYM_keyword_argument || sym(b) == SYM_comment)
      continue;
    Value *v = eval(in, sc, b);
    if (c->nbases == 8)
      error_at(at(b), "too many base classes");
    c->bases[c->nbases++] = v;
    if (v->kind == V_BUILTIN && v->op->kind == OK_NN_MODULE)
      c->nn_base = v->op;
    else if (v->kind == V_NAMESPACE)
      error_at(at(b), "unknown base class '%s'", text(b));
    else if (v->kind != V_CLASS)
      error_at(at(b), "unsupported base class '%s'", text(b));
  }
  Value *cv = arena_alloc(sizeof *cv);
  cv->kind = V_CLASS;
  cv->cls = c;
  dict_set(sc->vars, c->name, cv);
  /* the body runs in its own scope; its names become class attributes */
  Scope *body = scope_new(sc);
  Frame fr = {NULL, body, frame};
  frame = &fr;
  TSNode blk = field(n, FLD_body);
  for (uint32_t i = 0; i < nchildren(blk); i++) {
    TSNode s = child(blk, i);
    Sym k = sym(s);
    if (k == SYM_function_definition || k == SYM_decorated_definition) {
      TSNode f = k == SYM_decorated_definition ? field(s, FLD_definition) : s;
      const char *deco = k == SYM_decorated_definition ? text(ts_node_named_child(s, 0)) : "";
      FuncDef *fd = arena_alloc(sizeof *fd);
      fd->is_static = !strcmp(deco, "@staticmethod");
      if (!strcmp(deco, "@classmethod") || !strcmp(deco, "@property"))
        error_at(at(s), "%s methods are not supported", deco);
      fd->name = text(field(f, FLD_name));
      fd->node = f;
      fd->scope = sc;
      fd->owner = c;
      fd->src = cur_src;
      Value *fv = arena_alloc(sizeof *fv);
      fv->kind = V_FUNC;
      fv->func = fd;
      dict_set(body->vars, fd->name, fv);
    } else if (k == SYM_expression_statement || k == SYM_pass_statement || k == SYM_comment) {
      if (k == SYM_expression_statement && sym(child(s, 0)) == SYM_assignment)
        exec_block(in, body, s, NULL);
    } else if (k == SYM_class_definition) {
      define_class(in, body, s);
    }
  }
  frame = fr.up;
  c->attrs = body->vars;
  return c;
}

static FuncDef *define_function(Scope *sc, TSNode n) {
  FuncDef *fd = arena_alloc(sizeof *fd);
  fd->name = text(field(n, FLD_name));
  fd->node = n;
  fd->scope = sc;
  fd->src = cur_src;
  fd->owner = frame && frame->func ? frame->func->owner : NULL;
  Value *fv = arena_alloc(sizeof *fv);
  fv->kind = V_FUNC;
  fv->func = fd;
  dict_set(sc->vars, fd->name, fv);
  return fd;
}

static Exec exec_stmt(Interp *in, Scope *sc, TSNode s, Value **ret) {
  Loc loc = at(s);
  switch (sym(s)) {
  case SYM_comment:
  case SYM_pass_statement:
    return EX_NORMAL;
  case SYM_expression_statement:
    for (uint32_t i = 0; i < nchildren(s); i++) {
      TSNode e = child(s, i);
      if (sym(e) == SYM_assignment) {
        TSNode right = field(e, FLD_right);
        if (ts_node_is_null(right))
          continue;  /* a bare annotation: x: int */
        /* a = b = value: chained assignments nest on the right */
        TSNode targets[16];
        int nt = 0;
        targets[nt++] = field(e, FLD_left);
        while (sym(right) == SYM_assignment && nt < 16) {
          targets[nt++] = field(right, FLD_left);
          right = field(right, FLD_right);
        }
        Value *v = eval(in, sc, right);
        for (int k = 0; k < nt; k++)
          assign(in, sc, targets[k], v);
      } else if (sym(e) == SYM_augmented_assignment) {
        TSNode left = field(e, FLD_left);
        const char *op = text(field(e, FLD_operator));
        Value *a = eval(in, sc, left);
        Value *b = eval(in, sc, field(e, FLD_right));
        char bop[4] = {0};
        memcpy(bop, op, strlen(op) - 1);
        Value *r;
        if (!strcmp(bop, "+") && a->kind == V_LIST && v_is_seq(b)) {
          for (int k = 0; k < b->list->n; k++)
            list_push(a->list, b->list->items[k]);
          r = a;
        } else
          r = binary(in, bop, a, b, at(e));
        assign(in, sc, left, r);
      } else if (sym(e) != SYM_comment)
        eval(in, sc, e);
    }
    return EX_NORMAL;
  case SYM_return_statement: {
    Value *v = &none_value;
    if (nchildren(s) > 0) {
      TSNode e = child(s, 0);
      v = eval(in, sc, e);
    }
    if (ret)
      *ret = v;
    return EX_RETURN;
  }
  case SYM_if_statement: {
    TSNode cond = field(s, FLD_condition);
    if (truth(eval(in, sc, cond), at(cond)))
      return exec_block(in, sc, field(s, FLD_consequence), ret);
    for (uint32_t i = 0; i < nchildren(s); i++) {
      TSNode c = child(s, i);
      if (sym(c) == SYM_elif_clause) {
        TSNode ec = field(c, FLD_condition);
        if (truth(eval(in, sc, ec), at(ec)))
          return exec_block(in, sc, field(c, FLD_consequence), ret);
      } else if (sym(c) == SYM_else_clause)
        return exec_block(in, sc, field(c, FLD_body), ret);
    }
    return EX_NORMAL;
  }
  case SYM_for_statement: {
    List *items = iterate(eval(in, sc, field(s, FLD_right)), at(field(s, FLD_right)));
    int n = items->n;  /* a loop that appends to its own list stops here */
    for (int i = 0; i < n; i++) {
      assign(in, sc, field(s, FLD_left), items->items[i]);
      Exec e = exec_block(in, sc, field(s, FLD_body), ret);
      if (e == EX_RETURN)
        return e;
      if (e == EX_BREAK)
        return EX_NORMAL;
    }
    TSNode alt = field(s, FLD_alternative);
    if (!ts_node_is_null(alt))
      return exec_block(in, sc, field(alt, FLD_body), ret);
    return EX_NORMAL;
  }
  case SYM_while_statement: {
    TSNode cond = field(s, FLD_condition);
    for (int iter = 0;; iter++) {
      if (iter > 1000000)
        error_at(loc, "this loop does not terminate within a million iterations");
      if (!truth(eval(in, sc, cond), at(cond)))
        break;
      Exec e = exec_block(in, sc, field(s, FLD_body), ret);
      if (e == EX_RETURN)
        return e;
      if (e == EX_BREAK)
        break;
    }
    return EX_NORMAL;
  }
  case SYM_break_statement: return EX_BREAK;
  case SYM_continue_statement: return EX_CONTINUE;
  case SYM_import_statement:
  case SYM_import_from_statement:
    exec_import(in, sc, s);
    return EX_NORMAL;
  case SYM_future_import_statement:
    return EX_NORMAL;
  case SYM_function_definition:
    define_function(sc, s);
    return EX_NORMAL;
  case SYM_class_definition:
    define_class(in, sc, s);
    return EX_NORMAL;
  case SYM_assert_statement: {
    if (!truth(eval(in, sc, child(s, 0)), loc))
      error_at(loc, "assertion failed");
    return EX_NORMAL;
  }
  case SYM_raise_statement:
    if (nchildren(s) > 0)
      error_at(loc, "the model raises %s", text(child(s, 0)));
    error_at(loc, "the model raises an exception here");
  case SYM_delete_statement:
    return EX_NORMAL;
  case SYM_global_statement:
  case SYM_nonlocal_statement:
    error_at(loc, "'%s' is not supported", sym(s) == SYM_global_statement ? "global" : "nonlocal");
  case SYM_with_statement:
    error_at(loc, "'with' statements are not supported");
  case SYM_try_statement:
    error_at(loc, "'try' statements are not supported");
  default:
    error_at(loc, "unsupported statement: %s", ts_node_type(s));
  }
}

static Exec exec_block(Interp *in, Scope *sc, TSNode block, Value **ret) {
  if (sym(block) != SYM_block && sym(block) != SYM_module)
    return exec_stmt(in, sc, block, ret);
  for (uint32_t i = 0; i < nchildren(block); i++) {
    Exec e = exec_stmt(in, sc, child(block, i), ret);
    if (e != EX_NORMAL)
      return e;
  }
  return EX_NORMAL;
}

/* ------------------------------------------------------ the module */
Interp *interp_new(const Parsed *parsed) {
  Interp *in = arena_alloc(sizeof *in);
  in->parsed = parsed;
  cur_src = parsed->src;
  in->globals = scope_new(NULL);
  lazy_globals = dict_new();
  frame = NULL;
  return in;
}

/* The module's top level: imports, classes and functions are defined;
 * `NAME = expr` is kept and evaluated when first used; everything else
 * (training scripts, `if __name__ == '__main__':`) is not run. */
void interp_exec_module(Interp *in) {
  TSNode root = in->parsed->root;
  for (uint32_t i = 0; i < nchildren(root); i++) {
    TSNode s = child(root, i);
    switch (sym(s)) {
    case SYM_import_statement:
    case SYM_import_from_statement:
    case SYM_function_definition:
    case SYM_class_definition:
      exec_stmt(in, in->globals, s, NULL);
      break;
    case SYM_decorated_definition:
      exec_stmt(in, in->globals, field(s, FLD_definition), NULL);
      break;
    case SYM_expression_statement: {
      TSNode e = child(s, 0);
      if (sym(e) == SYM_assignment && sym(field(e, FLD_left)) == SYM_identifier &&
          !ts_node_is_null(field(e, FLD_right))) {
        LazyDef *def = arena_alloc(sizeof *def);
        def->node = field(e, FLD_right);
        def->prev = dict_get(lazy_globals, text(field(e, FLD_left)));
        Value *v = arena_alloc(sizeof *v);
        v->kind = V_STR;
        v->s = (const char *)def;
        dict_set(lazy_globals, text(field(e, FLD_left)), v);
      }
      break;
    }
    default:
      break;
    }
  }
}

static bool isalnum_ascii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool instantiated_in(ClassDef *c, ClassDef *other) {
  /* does `other`'s source refer to `c` by name (a call, a base, an alias)? */
  const char *name = c->name;
  size_t n = strlen(name);
  uint32_t a = ts_node_start_byte(other->node), b = ts_node_end_byte(other->node);
  const char *t = other->src->text;
  for (uint32_t i = a; i + n < b; i++)
    if (!strncmp(t + i, name, n) && (i == 0 || !(isalnum_ascii(t[i - 1]) || t[i - 1] == '_' || t[i - 1] == '.')) &&
        !(isalnum_ascii(t[i + n]) || t[i + n] == '_'))
      return true;
  return false;
}

/* The model: --class NAME, else the nn.Module subclass that no other class
 * in the file instantiates (the last such one if several). */
ClassDef *find_model_class(Interp *in, const char *name) {
  Dict *g = in->globals->vars;
  if (name) {
    Value *v = dict_get(g, name);
    if (!v || v->kind != V_CLASS)
      fatal("%s: no class named '%s'", in->parsed->src->path, name);
    if (!derives_from_module(v->cls))
      error_at(node_loc(v->cls->src, v->cls->node), "class '%s' is not an nn.Module subclass", name);
    return v->cls;
  }
  ClassDef *found = NULL;
  for (int i = 0; i < g->n; i++) {
    Value *v = g->vals[i];
    if (v->kind != V_CLASS || !derives_from_module(v->cls) || !class_attr(v->cls, "forward", NULL))
      continue;
    bool used = false;
    for (int j = 0; j < g->n && !used; j++)
      if (j != i && g->vals[j]->kind == V_CLASS && instantiated_in(v->cls, g->vals[j]->cls))
        used = true;
    if (!used)
      found = v->cls;
  }
  if (!found) {
    /* an nn.Module subclass without forward() is the likely model */
    for (int i = g->n - 1; i >= 0; i--)
      if (g->vals[i]->kind == V_CLASS && derives_from_module(g->vals[i]->cls))
        error_at(node_loc(g->vals[i]->cls->src, g->vals[i]->cls->node), "class '%s' has no forward() method",
                 g->vals[i]->cls->name);
    error_at(loc_of_byte(in->parsed->src, 0), "no nn.Module subclass with a forward() found in this file");
  }
  return found;
}

Value *instantiate_model(Interp *in, ClassDef *cls, const ModelOptions *opt) {
  Dict *kw = dict_new();
  Loc loc = node_loc(cls->src, cls->node);
  for (int i = 0; i < opt->nargs; i++)
    dict_set(kw, opt->arg_names[i], eval_literal(opt->arg_values[i], (Loc){0}));
  return instantiate(in, cls, NULL, 0, kw, loc);
}

/* ------------------------------------------------------ builtins */
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
  if (v->kind == V_PROXY && v->node->is_tensor)
    return v_int(v->node->ndim ? v->node->shape[0] : 0);
  if (v->kind == V_PROXY && v->node->part_len)   /* chunk's tuple: no getitem nodes */
    return v_int(v->node->nparts);
  return v_int(iterate(v, loc)->n);
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
  Value *r = v_list(0, NULL);
  for (int64_t i = lo; st > 0 ? i < hi : i > hi; i += st) {
    if (r->list->n > 10000000)
      error_at(loc, "range() too large");
    list_push(r->list, v_int(i));
  }
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
  if (!is_num(v))
    error_at(loc, "float() argument must be a number, not %s", v_type_name(v));
  return v_float(num(v));
}

Value *builtin_bool(BUILTIN_PARAMS) {
  return v_bool(nargs ? truth(args[0], loc) : false);
}

Value *builtin_round(BUILTIN_PARAMS) {
  if (nargs < 1 || nargs > 2)
    error_at(loc, "round() takes 1 or 2 arguments");
  Value *v = unwrap_const(args[0]);
  if (!is_num(v))
    error_at(loc, "round() argument must be a number, not %s", v_type_name(v));
  if (nargs == 2 && unwrap_const(args[1])->kind != V_NONE) {
    int64_t d = as_int(args[1], "ndigits", loc);
    if (is_int(v)) {   /* round(1234, -2) == 1200, half to even */
      if (d >= 0)
        return v_int(ival(v));
      if (d < -18)
        return v_int(0);
      int64_t p = 1, x = ival(v);
      for (int64_t k = 0; k < -d; k++)
        p *= 10;
      int64_t q = floordiv(x, p), r = x - q * p;
      if (2 * r > p || (2 * r == p && (q & 1)))
        q++;
      return v_int(q * p);
    }
    if (d < 0 || d > 30)
      error_at(loc, "round() with ndigits outside 0..30 is not supported");
    char buf[400];
    snprintf(buf, sizeof buf, "%.*f", (int)d, num(v));   /* exact decimal, half to even */
    return v_float(strtod(buf, NULL));
  }
  return v_int((int64_t)nearbyint(num(v)));  /* half to even, as Python */
}

Value *builtin_minmax(BUILTIN_PARAMS) {
  List *items;
  if (nargs == 1)
    items = iterate(args[0], loc);
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
    if (compare(is_max ? ">" : "<", v, best, loc))
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
  List *items = nargs ? iterate(one_arg(op, args, nargs, kw, loc), loc) : arena_alloc(sizeof(List));
  return op->id == OP_B_TUPLE ? v_tuple(items->n, items->items) : v_list(items->n, items->items);
}

Value *builtin_enumerate(BUILTIN_PARAMS) {
  if (nargs < 1 || nargs > 2)
    error_at(loc, "enumerate() takes 1 or 2 arguments");
  List *items = iterate(args[0], loc);
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
    ls[i] = iterate(args[i], loc);
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

static bool is_instance(Value *v, Value *cls) {
  if (v_is_seq(cls)) {
    for (int i = 0; i < cls->list->n; i++)
      if (is_instance(v, cls->list->items[i]))
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
  return v_bool(is_instance(unwrap_const(args[0]), args[1]));
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
    Value *v = module_attr(in, args[0], name, loc);
    return v ? v : args[2];
  }
  return get_attr(in, args[0], name, loc);
}

Value *builtin_hasattr(BUILTIN_PARAMS) {
  if (nargs != 2)
    error_at(loc, "hasattr expected 2 arguments, got %d", nargs);
  const char *name = attr_name(args[1], loc);
  if (args[0]->kind == V_OBJECT)
    return v_bool(module_attr(in, args[0], name, loc) != NULL);
  return v_bool(false);
}

Value *builtin_setattr(BUILTIN_PARAMS) {
  if (nargs != 3)
    error_at(loc, "setattr expected 3 arguments, got %d", nargs);
  set_attr(args[0], attr_name(args[1], loc), args[2], loc);
  return &none_value;
}

Value *builtin_print(BUILTIN_PARAMS) { return &none_value; }

/* super() and super(Class, self): the class whose bases are searched is the
 * method's own class (or the one named), self is the method's first argument. */
Value *builtin_super(BUILTIN_PARAMS) {
  Value *v = arena_alloc(sizeof *v);
  v->kind = V_SUPER;
  if (nargs == 2) {
    if (args[0]->kind != V_CLASS)
      error_at(loc, "super() argument 1 must be a class");
    v->bound.fn = args[0];
    v->bound.self = args[1];
    return v;
  }
  if (nargs != 0)
    error_at(loc, "super() takes 0 or 2 arguments");
  if (!frame || !frame->func || !frame->func->owner)
    error_at(loc, "super(): no enclosing class");
  TSNode params = field(frame->func->node, FLD_parameters);
  if (nchildren(params) == 0)
    error_at(loc, "super(): no arguments");
  Value *cls = arena_alloc(sizeof *cls);
  cls->kind = V_CLASS;
  cls->cls = frame->func->owner;
  v->bound.fn = cls;
  v->bound.self = lookup(in, frame->scope, text(child(params, 0)), child(params, 0));
  return v;
}

Value *builtin_sum(BUILTIN_PARAMS) {
  if (nargs < 1)
    error_at(loc, "sum() takes at least 1 argument");
  List *items = iterate(args[0], loc);
  Value *acc = nargs > 1 ? args[1] : v_int(0);
  for (int i = 0; i < items->n; i++)
    acc = binary(in, "+", acc, items->items[i], loc);
  return acc;
}

static double num_arg(const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc) {
  Value *v = one_arg(op, args, nargs, kw, loc);
  if (!is_num(v))
    error_at(loc, "%s() needs a number, not %s", op->qualname, v_type_name(v));
  return num(v);
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
  List *items = iterate(args[1], loc);
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
  int64_t i = nargs == 2 ? seq_index(args[0], as_int(args[1], "index", loc), l->n, loc) : l->n - 1;
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

/* nn.Module.__init__(self), nn.Sequential.__init__(self, *modules),
 * nn.ModuleList.__init__(self, modules=None) */
Value *method_nn_init(BUILTIN_PARAMS) {
  Value *self = args[0];
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
      List *items = iterate(args[1], loc);
      for (int i = 0; i < items->n; i++)
        add_child(self, format("%d", i), items->items[i], loc);
    }
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

Value *method_children(BUILTIN_PARAMS) {
  Dict *ch = args[0]->obj->children;
  return v_list(ch->n, ch->vals);
}
