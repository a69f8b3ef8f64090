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
  PyModule *caller;     /* the module whose code made the call */
} Frame;

static Frame *frame;

static const Source *cur_src;

static PyModule *cur_mod;    /* the module whose code is running */

EvalMark eval_mark(void) { return (EvalMark){frame, cur_src, cur_mod}; }
void eval_reset(EvalMark m) {
  frame = m.frame;
  cur_src = m.src;
  cur_mod = m.mod;
}

/* The module whose code runs, looking through stubs: a namedtuple made
 * by the collections stub belongs to the module that called it. */
PyModule *current_module(Interp *in) {
  PyModule *m = cur_mod;
  for (Frame *f = frame; f && m && m->is_stub; f = f->up)
    m = f->caller;
  return m && !m->is_stub ? m : in->main;
}

static Value *eval(Interp *in, Scope *sc, TSNode n);
static Value *define(Interp *in, Scope *sc, TSNode s, ClassDef *owner);
static const char *offers(Interp *in);
static void enum_settle(Interp *in, Value *m);
static const char *def_name(TSNode s);
static Exec exec_stmt(Interp *in, Scope *sc, TSNode s, Value **ret);
static Exec exec_try(Interp *in, Scope *sc, TSNode s, Value **ret);
static void assign(Interp *in, Scope *sc, TSNode target, Value *v);
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
static uint32_t nchildren(TSNode n) { return named_count(n); }
static TSNode child(TSNode n, uint32_t i) { return named_child(n, i); }

/* ---------------------------------------------------------- names */
static Value *lookup(Interp *in, Scope *sc, const char *name, TSNode where) {
  Scope *s = sc;
  for (; s; s = s->parent) {
    Value *v = dict_get(s->vars, name);
    if (v)
      return v;
    if (!s->parent && s->module) {
      const Source *saved = cur_src;
      v = module_global(in, s->module, name, at(where));
      cur_src = saved;
      if (v)
        return v;
    }
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

/* A method found on a class, bound as Python binds it. */
static Value *bind_method(Value *self, Value *cls, Value *v) {
  if (v->kind != V_FUNC || v->func->is_static)
    return v;
  if (v->func->is_classmethod)
    return v_bound(cls, v);
  return self ? v_bound(self, v) : v;
}

static Value *obj_class(Object *o) { return o->cls ? v_class(o->cls) : NULL; }

/* The method NAME of a user class's instance, bound as Python binds it;
 * NULL if its class has none (operators.c: __getitem__). */
Value *object_method(Value *obj, const char *name) {
  Value *v = class_attr(obj->obj->cls, name, NULL);
  return v ? bind_method(obj, obj_class(obj->obj), v) : NULL;
}

/* The module's parameter, outside forward (nn.init's argument); None where
 * the module was built without it (bias=False). */
static Value *param_value(Interp *in, Value *obj, const char *name, Loc loc) {
  Object *o = obj->obj;
  if (in->graph)
    return trace_get_param(in, obj, name, loc);
  if (!strcmp(name, "bias") && o->params) {
    for (int i = 0; i < o->nn->nparams; i++)
      if ((!strcmp(o->nn->pname[i], "bias") || !strcmp(o->nn->pname[i], "affine")) && !v_truthy(o->params[i]))
        return &none_value;
  }
  if (!strcmp(name, "weight") && o->params)
    for (int i = 0; i < o->nn->nparams; i++)
      if (!strcmp(o->nn->pname[i], "affine") && !v_truthy(o->params[i]))
        return &none_value;
  Value *v = arena_alloc(sizeof *v);
  v->kind = V_PARAM;
  v->param.module = obj;
  v->param.name = name;
  return v;
}

Value *value_attr_or_null(Interp *in, Value *obj, const char *name, Loc loc) {
  Object *o = obj->obj;
  Value *v;
  if (!ts_node_is_null(o->pending))
    enum_settle(in, obj);
  if (o->children && (v = dict_get(o->children, name)))
    return v;
  if ((v = dict_get(o->attrs, name)))
    return v;
  if (o->cls && (v = class_attr(o->cls, name, NULL))) {
    if (v->kind == V_FUNC && v->func->is_property)
      return call_value(in, v, &obj, 1, NULL, loc);
    return bind_method(obj, obj_class(o), v);
  }
  if (!strcmp(name, "__class__") && o->cls)
    return obj_class(o);
  if (o->nn && (!strcmp(name, "weight") || !strcmp(name, "bias")) && !o->cls)
    return param_value(in, obj, name, loc);
  if (o->nn && o->params && !o->cls) {
    v = nn_module_attr(o->nn, o->params, name);
    if (v)
      return v;
  }
  if (o->nn && !strcmp(name, "training"))
    return v_bool(!in->graph);   /* built in training mode; traced in eval mode, as it is deployed */
  const OpDef *m = op_lookup(OK_PYBUILTIN, "Module", name);
  if (m && o->nn)
    return v_bound(obj, v_builtin(m));
  return NULL;
}

static Value *class_getattr(ClassDef *c, const char *name) {
  Value *v = class_attr(c, name, NULL);
  if (v)
    return bind_method(NULL, v_class(c), v);
  if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
    return v_str(c->name);
  if (!strcmp(name, "__module__"))
    return v_str(c->module ? c->module->name : "__main__");
  return NULL;
}

Value *get_attr(Interp *in, Value *obj, const char *name, Loc loc) {
  Value *v = NULL;
  check_available(obj, loc);
  switch (obj->kind) {
  case V_NAMESPACE:
    v = namespace_attr(obj->ns, name);
    if (!v) {
      /* unknown: an error where it is used (isinstance(m, nn.GroupNorm) is fine) */
      if (!strcmp(obj->ns, "torch.nn"))
        return v_unavailable(format("unknown module 'nn.%s': qgen does not know torch.nn.%s", name, name), NULL, loc);
      if (!strcmp(obj->ns, "torch.nn.functional"))
        return v_unavailable(format("unknown function 'F.%s': qgen does not know torch.nn.functional.%s", name, name),
                             NULL, loc);
      return v_unavailable(format("unknown name '%s.%s': qgen does not know it", obj->ns, name), NULL, loc);
    }
    return v;
  case V_MODULE:
    return module_getattr(in, obj->mod, name, loc);
  case V_OBJECT:
    v = value_attr_or_null(in, obj, name, loc);
    break;
  case V_CLASS:
    v = class_getattr(obj->cls, name);
    break;
  case V_FUNC:
    if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
      return v_str(obj->func->name);
    if (!strcmp(name, "__module__"))
      return v_str(obj->func->module ? obj->func->module->name : "__main__");
    break;
  case V_BUILTIN:
    if (!strcmp(name, "__name__") || !strcmp(name, "__qualname__"))
      return v_str(obj->op->name);
    break;
  case V_PARAM:
    if (!strcmp(name, "data"))
      return obj;
    v = builtin_attr(in, obj, name, loc);
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
    if (!v && !strcmp(name, "__init__"))
      return v_builtin(&op_table[OP_B_OBJECT_INIT]);   /* object.__init__ */
    if (v && v->kind == V_FUNC && (v->func->is_static || v->func->is_classmethod))
      return bind_method(NULL, obj->bound.fn, v);
    if (v && (v->kind == V_FUNC || v->kind == V_BUILTIN || v->kind == V_BOUND))
      return v_bound(obj->bound.self, v);
    if (!v)
      error_at(loc, "'super' object has no attribute '%s'", name);
    return v;
  }
  default:
    v = builtin_attr(in, obj, name, loc);
    break;
  }
  if (!v)
    error_at(loc, "'%s' object has no attribute '%s'", v_type_name(obj), name);
  return v;
}

/* Registering an attribute on a module: submodules keep their order. */
void value_set_attr(Value *obj, const char *name, Value *v, Loc loc) {
  check_available(obj, loc);
  if (obj->kind == V_PARAM)
    return;   /* m.weight.requires_grad = False: no effect on the graph */
  if (obj->kind == V_CLASS) {
    dict_set(obj->cls->attrs, name, v);
    return;
  }
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
  if (sym(list) == SYM_generator_expression) {   /* f(x for x in xs) */
    args_push(a, eval(in, sc, list), at(list));
    return;
  }
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

/* One parameter of a def:
 * parameters = ( identifier | default_parameter | typed_parameter | typed_default_parameter
 *              | list_splat_pattern | dictionary_splat_pattern | keyword_separator
 *              | positional_separator )*
 * A typed parameter's name may itself be *args or **kwargs. */
typedef enum { P_PLAIN, P_STAR, P_STARSTAR, P_KWONLY_SEP, P_POS_SEP, P_BAD } ParamKind;

static ParamKind param_info(TSNode p, TSNode *name, TSNode *def) {
  *def = (TSNode){0};
  switch (sym(p)) {
  case SYM_identifier:
    *name = p;
    return P_PLAIN;
  case SYM_typed_parameter: {
    TSNode c = child(p, 0);
    if (sym(c) == SYM_list_splat_pattern || sym(c) == SYM_dictionary_splat_pattern) {
      *name = child(c, 0);
      return sym(c) == SYM_list_splat_pattern ? P_STAR : P_STARSTAR;
    }
    *name = c;
    return P_PLAIN;
  }
  case SYM_default_parameter:
  case SYM_typed_default_parameter:
    *name = field(p, FLD_name);
    *def = field(p, FLD_value);
    return P_PLAIN;
  case SYM_list_splat_pattern:
    *name = child(p, 0);
    return P_STAR;
  case SYM_dictionary_splat_pattern:
    *name = child(p, 0);
    return P_STARSTAR;
  case SYM_keyword_separator:
    return P_KWONLY_SEP;
  case SYM_positional_separator:
    return P_POS_SEP;
  default:
    return P_BAD;
  }
}

/* Defaults are evaluated once, when the def runs, as Python does; a name
 * given to two parameters is Python's syntax error. */
static Value **eval_defaults(Interp *in, Scope *sc, TSNode fn) {
  TSNode params = field(fn, FLD_parameters);
  uint32_t n = ts_node_is_null(params) ? 0 : nchildren(params);
  Value **d = arena_alloc(sizeof(Value *) * (n + 1));
  Dict *seen = dict_new();
  for (uint32_t i = 0; i < n; i++) {
    TSNode name, def;
    ParamKind k = param_info(child(params, i), &name, &def);
    if ((k == P_PLAIN || k == P_STAR || k == P_STARSTAR) && !ts_node_is_null(name)) {
      if (dict_get(seen, text(name)))
        error_at(at(name), "duplicate argument '%s' in function definition", text(name));
      dict_set(seen, text(name), &true_value);
    }
    if (k == P_PLAIN && !ts_node_is_null(def))
      d[i] = eval(in, sc, def);
  }
  return d;
}

/* Bind a def's parameters in a new scope. */
static Scope *bind_params(Interp *in, FuncDef *f, Value **args, int nargs, Dict *kw, Loc loc) {
  Scope *sc = scope_new(f->scope);
  TSNode params = field(f->node, FLD_parameters);
  uint32_t np = ts_node_is_null(params) ? 0 : nchildren(params);
  int next = 0;
  bool kwonly = false;
  Dict *used = dict_new();
  Value *rest_kw = NULL;
  for (uint32_t i = 0; i < np; i++) {
    TSNode p = child(params, i), pn, def;
    switch (param_info(p, &pn, &def)) {
    case P_PLAIN:
      break;
    case P_STAR: {
      Value *rest = v_tuple(0, NULL);
      for (; next < nargs; next++)
        list_push(rest->list, args[next]);
      dict_set(sc->vars, text(pn), rest);
      kwonly = true;
      continue;
    }
    case P_KWONLY_SEP:
      if (next < nargs)
        error_at(loc, "%s() takes %d positional arguments but %d were given", f->name, next, nargs);
      kwonly = true;
      continue;
    case P_POS_SEP:
      continue;
    case P_STARSTAR:
      rest_kw = v_dict();
      dict_set(sc->vars, text(pn), rest_kw);
      continue;
    case P_BAD:
      error_at(at(p), "unsupported parameter");
    }
    const char *name = text(pn);
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
    if (!v && f->defaults)
      v = f->defaults[i];
    if (!v && !frame && !strcmp(f->name, "__init__"))   /* the model's own constructor */
      error_at(at(p), "the model's constructor argument '%s' has no default: give it with --arg %s=VALUE, "
                      "or name the model with --model EXPR (the file offers: %s)", name, name, offers(in));
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
  if (f->fx_target && in->graph) {
    bool any = false;
    for (int i = 0; i < nargs; i++)
      any |= value_has_proxy(args[i]);
    for (int i = 0; kw && i < kw->n; i++)
      any |= value_has_proxy(kw->vals[i]);
    if (any) {
      FuncDef *plain = arena_alloc(sizeof *plain);
      *plain = *f;
      plain->fx_target = NULL;
      return trace_call_wrapped(in, f->name, f->fx_target, v_func(plain), args, nargs, kw, loc);
    }
  }
  if (++in->depth > MAX_DEPTH)
    error_at(loc, "recursion too deep: more than %d nested calls", MAX_DEPTH);
  const Source *saved = cur_src;
  PyModule *saved_mod = cur_mod;
  cur_src = f->src;
  cur_mod = f->module;
  Scope *sc = bind_params(in, f, args, nargs, kw, loc);
  Frame fr = {f, sc, frame, saved_mod};
  frame = &fr;
  Value *ret = &none_value;
  if (f->is_lambda)
    ret = eval(in, sc, field(f->node, FLD_body));
  else
    exec_block(in, sc, field(f->node, FLD_body), &ret);
  frame = fr.up;
  cur_src = saved;
  cur_mod = saved_mod;
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
  else if (init)
    call_value(in, init, all, nargs + 1, kw, loc);
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
      if (op->id == OP_SEQUENTIAL || op->id == OP_MODULELIST || op->id == OP_MODULEDICT)
        method_nn_init(in, &op_table[OP_NN_INIT], with_self(v, args, nargs), nargs + 1, kw, loc);
      return v;
    }
    if (op->kind == OK_FUNCTION) {
      /* torch.mul(t, 2) on constants of __init__, not on traced tensors */
      bool proxy = false, ct = false;
      for (int i = 0; i < nargs; i++)
        proxy |= value_has_proxy(args[i]), ct |= args[i]->kind == V_CTENSOR;
      if (ct && !proxy && op->ns && !strcmp(op->ns, "torch"))
        return builtin_torch_const(in, op, args, nargs, kw, loc);
      return trace_call_function(in, op, args, nargs, kw, loc);
    }
    break;
  }
  case V_OBJECT: {
    if (fn->obj->nn)
      return trace_call_module(in, fn, args, nargs, kw, loc);
    Value *call = fn->obj->cls ? class_attr(fn->obj->cls, "__call__", NULL) : NULL;
    if (call)
      return call_value(in, bind_method(fn, obj_class(fn->obj), call), args, nargs, kw, loc);
    break;
  }
  case V_UNAVAILABLE:
    check_available(fn, loc);
    break;
  default:
    break;
  }
  error_at(loc, "'%s' object is not callable", v_type_name(fn));
}

/* ---------------------------------------------------- expressions */
/* string_content's text, with its escape_sequence children decoded */
static void string_content(Buf *b, TSNode c) {
  uint32_t pos = ts_node_start_byte(c);
  for (uint32_t i = 0; i < named_count(c); i++) {
    TSNode esc = named_child(c, i);
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

/* string = string_start (string_content | interpolation)* string_end;
 * an f-string's interpolation = "{" expression ("!" conversion)? (":" spec)? "}" */
static Value *eval_string(Interp *in, Scope *sc, TSNode n) {
  Buf b = {0};
  for (uint32_t i = 0; i < ts_node_child_count(n); i++) {
    TSNode c = ts_node_child(n, i);
    Sym s = sym(c);
    if (s == SYM_string_content)
      string_content(&b, c);
    else if (s == SYM_interpolation) {
      Value *v = eval(in, sc, field(c, FLD_expression));
      TSNode conv = field(c, FLD_type_conversion), spec = field(c, FLD_format_specifier);
      const char *cv = ts_node_is_null(conv) ? "" : text(conv);
      const char *sp = "";
      if (!ts_node_is_null(spec)) {
        if (nchildren(spec))
          error_at(at(spec), "nested replacement fields in a format spec are not supported");
        sp = text(spec) + 1;   /* after the ':' */
      }
      if (strstr(cv, "r")) {
        Buf r = {0};
        v_repr(&r, unwrap_const(v));
        v = v_str(buf_str(&r));
      }
      buf_puts(&b, format_value(v, sp, at(c)));
    }
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
      List *items = value_iter(eval(in, sc, child(c, 0)), at(c));
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
    TSNode body = field(n, FLD_body);
    if (out->kind == V_DICT) {
      Value *key = eval(in, sc, field(body, FLD_key));
      if (key->kind != V_STR)
        error_at(at(body), "qgen supports dicts with string keys only");
      dict_set(out->dict, key->s, eval(in, sc, field(body, FLD_value)));
    } else
      list_push(out->list, eval(in, sc, body));
    return;
  }
  TSNode c = child(n, k);
  if (sym(c) == SYM_for_in_clause) {
    List *items = value_iter(eval(in, sc, field(c, FLD_right)), at(c));
    for (int i = 0; i < items->n; i++) {
      assign(in, sc, field(c, FLD_left), items->items[i]);
      comprehension(in, sc, n, k + 1, out);
    }
  } else if (sym(c) == SYM_if_clause) {
    if (value_truth(eval(in, sc, child(c, 0)), at(c)))
      comprehension(in, sc, n, k + 1, out);
  } else
    comprehension(in, sc, n, k + 1, out);
}

/* eval's depth is bounded: the syntax is (QGEN_MAX_NESTING), and so are the
 * calls (MAX_DEPTH), but not their product, a recursive call nested in a
 * deep expression, which would otherwise overflow the C stack. An error
 * leaves the count behind: every run has its own Interp. */
static Value *eval_node(Interp *in, Scope *sc, TSNode n);
static Value *eval(Interp *in, Scope *sc, TSNode n) {
  if (++in->eval_depth > QGEN_MAX_EVAL_DEPTH)
    error_at(at(n), "recursion too deep: more than %d expressions being evaluated at once, through calls "
                    "(QGEN_MAX_EVAL_DEPTH)", QGEN_MAX_EVAL_DEPTH);
  Value *v = eval_node(in, sc, n);
  in->eval_depth--;
  return v;
}

static Value *eval_node(Interp *in, Scope *sc, TSNode n) {
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
    return eval_string(in, sc, n);
  case SYM_concatenated_string: {
    Buf b = {0};
    for (uint32_t i = 0; i < nchildren(n); i++)
      buf_puts(&b, eval_string(in, sc, child(n, i))->s);
    return v_str(b.len ? buf_str(&b) : "");
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
      if (sym(p) == SYM_comment)
        continue;
      if (sym(p) == SYM_dictionary_splat) {
        Value *o = eval(in, sc, child(p, 0));
        if (o->kind != V_DICT)
          error_at(at(p), "'%s' object is not a mapping", v_type_name(o));
        for (int k = 0; k < o->dict->n; k++)
          dict_set(d->dict, o->dict->keys[k], o->dict->vals[k]);
        continue;
      }
      if (sym(p) != SYM_pair)
        error_at(at(p), "unsupported dictionary entry");
      Value *k = eval(in, sc, field(p, FLD_key));
      if (k->kind != V_STR)
        error_at(at(p), "qgen supports dicts with string keys only");
      dict_set(d->dict, k->s, eval(in, sc, field(p, FLD_value)));
    }
    return d;
  }
  case SYM_list_comprehension:
  case SYM_generator_expression:   /* consumed at once: a list */
  case SYM_set_comprehension:
  case SYM_dictionary_comprehension: {
    Value *out = sym(n) == SYM_dictionary_comprehension ? v_dict() : v_list(0, NULL);
    comprehension(in, scope_new(sc), n, 1, out);
    return sym(n) == SYM_set_comprehension ? set_of(out->list) : out;
  }
  case SYM_set:
    return set_of(eval_seq(in, sc, n, false)->list);
  case SYM_lambda: {
    FuncDef *f = arena_alloc(sizeof *f);
    f->name = "<lambda>";
    f->node = n;
    f->scope = sc;
    f->src = cur_src;
    f->is_lambda = true;
    f->owner = frame && frame->func ? frame->func->owner : NULL;
    f->defaults = eval_defaults(in, sc, n);
    return v_func(f);
  }
  case SYM_binary_operator: {
    Value *a = eval(in, sc, field(n, FLD_left));
    Value *b = eval(in, sc, field(n, FLD_right));
    return value_binary(in, text(field(n, FLD_operator)), a, b, loc);
  }
  case SYM_unary_operator: {
    Value *a = unwrap_const(eval(in, sc, field(n, FLD_argument)));
    const char *op = text(field(n, FLD_operator));
    if (a->kind == V_PROXY)
      return trace_unary(in, op, a, loc);
    if (op[0] == '-' && v_is_num(a))
      return a->kind == V_FLOAT ? v_float(-a->f) : v_int(-v_ival(a));
    if (op[0] == '+' && v_is_num(a))
      return a;
    if (op[0] == '~' && v_is_int(a))
      return v_int(~v_ival(a));
    error_at(loc, "bad operand type for unary %s: '%s'", op, v_type_name(a));
  }
  case SYM_not_operator:
    return v_bool(!value_truth(eval(in, sc, field(n, FLD_argument)), loc));
  case SYM_boolean_operator: {
    Value *a = eval(in, sc, field(n, FLD_left));
    bool t = value_truth(a, loc);
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
      if (!value_compare(buf_str(&op), left, right, loc))
        return v_bool(false);
      left = right;
    }
    return v_bool(true);
  }
  case SYM_conditional_expression: {
    /* body if cond else other */
    if (value_truth(eval(in, sc, child(n, 1)), at(child(n, 1))))
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
    return value_subscript(in, obj, key, loc);
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
  case SYM_ellipsis:
    return &ellipsis_value;
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
    value_set_attr(obj, text(field(target, FLD_attribute)), v, loc);
    return;
  }
  case SYM_subscript: {
    Value *obj = eval(in, sc, field(target, FLD_value));
    Value *key = eval(in, sc, child(target, 1));
    if (obj->kind == V_LIST) {
      obj->list->items[value_index(obj, as_int(key, "index", loc), obj->list->n, loc)] = v;
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
    List *items = NULL;
    if (v->kind == V_PROXY && star == UINT32_MAX) {
      /* a, b = x.chunk(2), n, c, h, w = x.size(): as FX does, one getitem
       * per target */
      Value *k = unwrap_const(v);
      if (v_is_seq(k) && (uint32_t)k->list->n != nt)
        error_at(loc, "cannot unpack %d values into %u targets", k->list->n, nt);
      items = trace_iterate(v, loc);
      if (!items) {
        items = arena_alloc(sizeof *items);
        for (uint32_t i = 0; i < nt; i++)
          list_push(items, trace_getitem(in, v, v_int(i), loc));
      }
    } else
      items = value_iter(v, loc);
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

/* ---------------------------------------------------- definitions */
static FuncDef *new_func(Interp *in, Scope *sc, TSNode n, ClassDef *owner) {
  FuncDef *fd = arena_alloc(sizeof *fd);
  fd->name = text(field(n, FLD_name));
  fd->node = n;
  fd->scope = sc;
  fd->src = cur_src;
  fd->owner = owner ? owner : frame && frame->func ? frame->func->owner : NULL;
  Scope *g = sc;
  while (g->parent)
    g = g->parent;
  fd->module = g->module;
  fd->defaults = eval_defaults(in, sc, n);
  return fd;
}

/* Members of an Enum: each attribute of the class body that is not a
 * function, a class or a dunder becomes an instance with .name and .value;
 * a second name for the same member is an alias. A member's value is
 * evaluated when the member is first used (a torchvision weights enum's
 * values name transforms and category lists the model never needs). */
static bool member_name(const char *name) {
  size_t n = strlen(name);
  return !(name[0] == '_' && (n < 2 || name[n - 1] == '_'));   /* dunders and _sunder_ names */
}

static Value *enum_member(ClassDef *c, const char *name, Loc loc) {
  Object *o = arena_alloc(sizeof *o);
  o->cls = c;
  o->attrs = dict_new();
  o->children = dict_new();
  o->loc = loc;
  Value *m = arena_alloc(sizeof *m);
  m->kind = V_OBJECT;
  m->obj = o;
  dict_set(o->attrs, "name", v_str(name));
  dict_set(o->attrs, "_name_", v_str(name));
  return m;
}

/* The member's value is v: run the class's __init__(member, *value). */
static void enum_set_value(Interp *in, Value *m, Value *v, Loc loc) {
  Value *init = class_attr(m->obj->cls, "__init__", NULL);
  if (init && init->kind == V_FUNC) {
    if (v->kind == V_TUPLE)
      call_value(in, init, with_self(m, v->list->items, v->list->n), v->list->n + 1, NULL, loc);
    else
      call_value(in, init, (Value *[]){m, v}, 2, NULL, loc);
  }
  if (!dict_get(m->obj->attrs, "_value_"))
    dict_set(m->obj->attrs, "_value_", v);
  dict_set(m->obj->attrs, "value", dict_get(m->obj->attrs, "_value_"));
}

static void enum_settle(Interp *in, Value *m) {
  Object *o = m->obj;
  TSNode rhs = o->pending;
  o->pending = (TSNode){0};
  const Source *saved = cur_src;
  PyModule *saved_mod = cur_mod;
  cur_src = o->cls->src;
  cur_mod = o->cls->module;
  Value *v = eval(in, o->pending_scope, rhs);
  enum_set_value(in, m, v, at(rhs));
  cur_src = saved;
  cur_mod = saved_mod;
}

/* Values the class body evaluated itself (NAME = OTHER_CONSTANT) */
static void make_enum_members(Interp *in, ClassDef *c, Loc loc) {
  for (int i = 0; i < c->attrs->n; i++) {
    const char *name = c->attrs->keys[i];
    Value *v = c->attrs->vals[i];
    if (!member_name(name) || v->kind == V_FUNC || v->kind == V_CLASS || v->kind == V_BUILTIN || v->kind == V_BOUND ||
        (v->kind == V_OBJECT && v->obj->cls == c))
      continue;
    Value *m = enum_member(c, name, loc);
    enum_set_value(in, m, v, loc);
    c->attrs->vals[i] = m;
  }
}

static bool is_enum_base(Value *b) {
  if (b->kind == V_CLASS)
    return b->cls->is_enum;
  return b->kind == V_BUILTIN && (b->op->id == OP_ENUM || b->op->id == OP_INTENUM);
}

static ClassDef *define_class(Interp *in, Scope *sc, TSNode n) {
  ClassDef *c = arena_alloc(sizeof *c);
  c->name = text(field(n, FLD_name));
  c->node = n;
  c->scope = sc;
  c->src = cur_src;
  Scope *g = sc;
  while (g->parent)
    g = g->parent;
  c->module = g->module;
  TSNode bases = field(n, FLD_superclasses);
  for (uint32_t i = 0; !ts_node_is_null(bases) && i < nchildren(bases); i++) {
    TSNode b = child(bases, i);
    if (sym(b) == SYM_keyword_argument || sym(b) == SYM_comment)
      continue;   /* metaclass=... */
    Value *v = eval(in, sc, b);
    if (v->kind == V_UNAVAILABLE || v->kind == V_NAMESPACE || v->kind == V_MODULE) {
      if (v->kind == V_UNAVAILABLE)
        error_note(v->na.where, v->na.why ? v->na.why : v->na.what);
      error_at(at(b), "unknown base class '%s'", text(b));
    }
    c->is_enum |= is_enum_base(v);
    if (v->kind == V_BUILTIN && v->op->kind == OK_NN_MODULE)
      c->nn_base = v->op;
    else if (v->kind != V_CLASS)
      continue;   /* object, Enum, str, Generic[T] ...: nothing to inherit */
    if (c->nbases == 8)
      error_at(at(b), "too many base classes");
    c->bases[c->nbases++] = v;
  }
  /* the body runs in its own scope; its names become class attributes */
  Scope *body = scope_new(sc);
  c->attrs = body->vars;
  c->fields = dict_new();
  Frame fr = {NULL, body, frame, cur_mod};
  frame = &fr;
  TSNode blk = field(n, FLD_body);
  for (uint32_t i = 0; i < nchildren(blk); i++) {
    TSNode s = child(blk, i);
    Sym k = sym(s);
    if (k == SYM_function_definition || k == SYM_decorated_definition || k == SYM_class_definition) {
      Value *v = define(in, body, s, c);
      dict_set(body->vars, def_name(s), v);
    } else if (k == SYM_expression_statement) {
      TSNode e = child(s, 0);
      if (sym(e) != SYM_assignment)
        continue;   /* docstrings */
      TSNode l = field(e, FLD_left), r = field(e, FLD_right);
      if (c->is_enum && sym(l) == SYM_identifier && ts_node_is_null(field(e, FLD_type)) && !ts_node_is_null(r) &&
          sym(r) != SYM_identifier && sym(r) != SYM_assignment && member_name(text(l))) {
        Value *m = enum_member(c, text(l), at(s));
        m->obj->pending = r;
        m->obj->pending_scope = body;
        dict_set(body->vars, text(l), m);
        continue;
      }
      /* `name: type` and `name: type = default` are a dataclass's fields */
      TSNode left = field(e, FLD_left);
      exec_stmt(in, body, s, NULL);
      if (!ts_node_is_null(field(e, FLD_type)) && sym(left) == SYM_identifier) {
        Value *def = ts_node_is_null(field(e, FLD_right)) ? NULL : dict_get(body->vars, text(left));
        dict_set(c->fields, text(left), def ? def : &no_default);
      }
    } else if (k != SYM_pass_statement && k != SYM_comment)
      exec_stmt(in, body, s, NULL);
  }
  frame = fr.up;
  if (c->is_enum)
    make_enum_members(in, c, at(n));
  return c;
}

/* The name a def or class statement binds. */
static const char *def_name(TSNode s) {
  TSNode d = sym(s) == SYM_decorated_definition ? field(s, FLD_definition) : s;
  return text(field(d, FLD_name));
}

/* Apply a decorator: staticmethod, classmethod and property mark the
 * function; anything else is called, as Python does. */
static Value *decorate(Interp *in, Value *deco, Value *v, Loc loc) {
  if (deco->kind == V_BUILTIN && v->kind == V_FUNC &&
      (deco->op->id == OP_B_STATICMETHOD || deco->op->id == OP_B_CLASSMETHOD || deco->op->id == OP_B_PROPERTY)) {
    FuncDef *f = arena_alloc(sizeof *f);
    *f = *v->func;
    f->is_static = deco->op->id == OP_B_STATICMETHOD;
    f->is_classmethod = deco->op->id == OP_B_CLASSMETHOD;
    f->is_property = deco->op->id == OP_B_PROPERTY;
    return v_func(f);
  }
  return call_value(in, deco, &v, 1, NULL, loc);
}

/* A def, class or decorated definition: its value, not yet bound. */
static Value *define(Interp *in, Scope *sc, TSNode s, ClassDef *owner) {
  TSNode d = sym(s) == SYM_decorated_definition ? field(s, FLD_definition) : s;
  /* decorators are evaluated first, top to bottom, and applied bottom up */
  Value *decos[16];
  Loc dlocs[16];
  int nd = 0;
  for (uint32_t i = 0; sym(s) == SYM_decorated_definition && i < nchildren(s); i++) {
    TSNode c = child(s, i);
    if (strcmp(ts_node_type(c), "decorator") || nd == 16)
      continue;
    dlocs[nd] = at(c);
    decos[nd++] = eval(in, sc, child(c, 0));
  }
  Value *v = sym(d) == SYM_class_definition ? v_class(define_class(in, sc, d)) : v_func(new_func(in, sc, d, owner));
  while (nd > 0) {
    nd--;
    v = decorate(in, decos[nd], v, dlocs[nd]);
  }
  return v;
}

/* The value of an assignment `a = b = value` (chained assignments nest on
 * the right); an annotation inside a chain (`a = b: int`, `a = b: int = 1`)
 * is Python's syntax error. */
static TSNode assigned_value(TSNode e) {
  TSNode right = field(e, FLD_right);
  while (sym(right) == SYM_assignment) {
    if (ts_node_is_null(field(right, FLD_right)) || !ts_node_is_null(field(right, FLD_type)))
      error_at(at(right), "an annotation cannot be part of a chained assignment (Python: invalid syntax)");
    right = field(right, FLD_right);
  }
  return right;
}

/* A module-level binding (import.c keeps them until first used). */
Value *eval_binding(Interp *in, PyModule *m, LazyDef *d) {
  const Source *saved = cur_src;
  Frame *saved_frame = frame;
  PyModule *saved_mod = cur_mod;
  cur_src = m->parsed->src;
  cur_mod = m;
  frame = NULL;
  Value *v;
  if (d->kind == LZ_ASSIGN) {
    /* the assignment's value; a = b = value binds both */
    v = eval(in, m->globals, assigned_value(d->node));
    TSNode left = field(d->node, FLD_left);
    for (TSNode a = d->node; sym(a) == SYM_assignment; a = field(a, FLD_right)) {
      left = field(a, FLD_left);
      if (sym(left) != SYM_identifier || strcmp(text(left), d->name))
        continue;
      break;
    }
    if (sym(left) != SYM_identifier) {
      /* a, b = ...: unpack into a scratch scope and take this name */
      Scope *tmp = scope_new(NULL);
      assign(in, tmp, left, v);
      v = dict_get(tmp->vars, d->name);
      if (!v)
        unreachable();
    }
  } else
    v = define(in, m->globals, d->node, NULL);
  cur_src = saved;
  frame = saved_frame;
  cur_mod = saved_mod;
  return v;
}

static Exec exec_stmt(Interp *in, Scope *sc, TSNode s, Value **ret) {
  Loc loc = at(s);
  arena_blame = loc;
  if (++in->statements > QGEN_MAX_STATEMENTS)
    error_at(loc, "the model's Python runs too long: more than %d statements", QGEN_MAX_STATEMENTS);
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
        right = assigned_value(e);
        for (TSNode a = field(e, FLD_right); sym(a) == SYM_assignment; a = field(a, FLD_right)) {
          if (nt == 16)
            error_at(at(a), "more than 16 chained assignments");
          targets[nt++] = field(a, FLD_left);
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
          r = value_binary(in, bop, a, b, at(e));
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
    if (value_truth(eval(in, sc, cond), at(cond)))
      return exec_block(in, sc, field(s, FLD_consequence), ret);
    for (uint32_t i = 0; i < nchildren(s); i++) {
      TSNode c = child(s, i);
      if (sym(c) == SYM_elif_clause) {
        TSNode ec = field(c, FLD_condition);
        if (value_truth(eval(in, sc, ec), at(ec)))
          return exec_block(in, sc, field(c, FLD_consequence), ret);
      } else if (sym(c) == SYM_else_clause)
        return exec_block(in, sc, field(c, FLD_body), ret);
    }
    return EX_NORMAL;
  }
  case SYM_for_statement: {
    List *items = value_iter(eval(in, sc, field(s, FLD_right)), at(field(s, FLD_right)));
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
      if (iter > QGEN_MAX_LOOP)
        error_at(loc, "this loop does not terminate within %d iterations", QGEN_MAX_LOOP);
      if (!value_truth(eval(in, sc, cond), at(cond)))
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
    import_stmt(in, sc, s);
    return EX_NORMAL;
  case SYM_future_import_statement:
    return EX_NORMAL;
  case SYM_function_definition:
  case SYM_class_definition:
  case SYM_decorated_definition:
    dict_set(sc->vars, def_name(s), define(in, sc, s, NULL));
    return EX_NORMAL;
  case SYM_assert_statement: {
    if (!value_truth(eval(in, sc, child(s, 0)), loc))
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
  case SYM_with_statement: {
    /* with torch.no_grad(): ...: the context has no effect on the graph */
    TSNode wc = child(s, 0);
    for (uint32_t i = 0; i < nchildren(wc); i++) {
      TSNode item = child(wc, i);
      TSNode value = field(item, FLD_value);
      eval(in, sc, value);
    }
    return exec_block(in, sc, field(s, FLD_body), ret);
  }
  case SYM_try_statement:
    return exec_try(in, sc, s, ret);
  default:
    error_at(loc, "unsupported statement: %s", ts_node_type(s));
  }
}

/* try/except/else/finally. qgen has no exception objects: an error in
 * the body (a raise, or anything qgen refuses) runs the first handler,
 * with `as NAME` bound to the message. */
static Exec exec_try(Interp *in, Scope *sc, TSNode s, Value **ret) {
  TSNode handler = {0}, els = {0}, fin = {0};
  for (uint32_t i = 0; i < nchildren(s); i++) {
    TSNode c = child(s, i);
    if (sym(c) == SYM_except_clause && ts_node_is_null(handler))
      handler = c;
    else if (sym(c) == SYM_else_clause)
      els = c;
    else if (sym(c) == SYM_finally_clause)
      fin = c;
  }
  Diag diag = {0};
  Diag *saved_capture = error_capture;
  jmp_buf *saved_trap = error_trap;
  Interp saved = *in;
  EvalMark mark = eval_mark();
  jmp_buf jb;
  volatile Exec e = EX_NORMAL;
  volatile bool failed = false;
  error_capture = &diag;
  error_trap = &jb;
  if (setjmp(jb) == 0)
    e = exec_block(in, sc, field(s, FLD_body), ret);
  else {
    *in = saved;
    eval_reset(mark);
    failed = true;
  }
  error_capture = saved_capture;
  error_trap = saved_trap;
  if (failed && !ts_node_is_null(handler)) {
    TSNode alias = field(handler, FLD_alias);
    if (!ts_node_is_null(alias) && sym(alias) == SYM_identifier)
      dict_set(sc->vars, text(alias), v_str(diag.msg));
    TSNode body = child(handler, nchildren(handler) - 1);
    e = exec_block(in, sc, body, ret);
  } else if (!failed && !ts_node_is_null(els))
    e = exec_block(in, sc, field(els, FLD_body), ret);
  if (!ts_node_is_null(fin)) {
    Exec f = exec_block(in, sc, child(fin, 0), ret);
    if (f != EX_NORMAL)
      return f;
  }
  if (failed && ts_node_is_null(handler))
    error_at(diag.loc, "%s", diag.msg);
  return e;
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
Interp *interp_new(const Parsed *parsed, const ImportOptions *imports) {
  Interp *in = arena_alloc(sizeof *in);
  in->parsed = parsed;
  if (imports)
    in->imports = *imports;
  cur_src = parsed->src;
  frame = NULL;
  in->main = module_main(in, parsed);
  in->globals = in->main->globals;
  return in;
}

/* The input file's top level: its bindings are kept and evaluated when
 * first used (import.c); nothing else runs (training scripts, __main__). */
void interp_exec_module(Interp *in) { (void)in; }

Value *interp_global(Interp *in, const char *name) {
  cur_src = in->parsed->src;
  return module_global(in, in->main, name, loc_of_byte(in->parsed->src, 0));
}

/* Does `other`'s code name `c` (a call, a base, an alias)? Identifiers
 * only: a comment or a docstring that mentions it does not count. */
static bool names_in(TSNode n, const Source *src, const char *name) {
  if (sym(n) == SYM_identifier) {
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    return b - a == strlen(name) && !strncmp(src->text + a, name, b - a);
  }
  for (uint32_t i = 0; i < named_count(n); i++)
    if (names_in(named_child(n, i), src, name))
      return true;
  return false;
}

static bool instantiated_in(ClassDef *c, ClassDef *other) { return names_in(other->node, other->src, c->name); }

/* The classes the input file defines at its top level, in order. */
static int main_classes(Interp *in, ClassDef **out, int max) {
  Dict *lz = in->main->lazy;
  int n = 0;
  for (int i = 0; i < lz->n && n < max; i++) {
    if (lz->vals[i]->lazy->kind != LZ_CLASS)
      continue;
    Value *v = interp_global(in, lz->keys[i]);
    if (v && v->kind == V_CLASS)
      out[n++] = v->cls;
  }
  return n;
}

/* What the file offers to build a model from: its nn.Module classes and
 * its top-level functions (builders), for the error that says so. */
static const char *offers(Interp *in) {
  Buf fns = {0}, cls = {0};
  Dict *lz = in->main->lazy;
  for (int i = 0; i < lz->n; i++) {
    LazyDef *d = lz->vals[i]->lazy;
    if (d->name[0] == '_' || d->from != in->main)
      continue;
    if (d->kind == LZ_DEF)
      buf_printf(&fns, "%s%s()", fns.len ? ", " : "", d->name);
    else if (d->kind == LZ_CLASS && d->state == 2 && d->value->kind == V_CLASS && derives_from_module(d->value->cls))
      buf_printf(&cls, "%s%s", cls.len ? ", " : "", d->name);
  }
  if (!fns.len && !cls.len)
    return "no builder functions or nn.Module classes";
  return format("%s%s%s%s%s", fns.len ? "functions " : "", fns.len ? buf_str(&fns) : "", fns.len && cls.len ? "; " : "",
                cls.len ? "nn.Module classes " : "", cls.len ? buf_str(&cls) : "");
}

/* The model: --class NAME, else the nn.Module subclass that no other class
 * in the file instantiates (the last such one if several). */
ClassDef *find_model_class(Interp *in, const char *name) {
  ClassDef *classes[1024];
  if (name) {
    Value *v = interp_global(in, name);
    if (!v || v->kind != V_CLASS)
      fatal("%s: no class named '%s' (the file offers: %s)", in->parsed->src->path, name, offers(in));
    if (!derives_from_module(v->cls))
      error_at(node_loc(v->cls->src, v->cls->node), "class '%s' is not an nn.Module subclass", name);
    return v->cls;
  }
  int n = main_classes(in, classes, 1024);
  ClassDef *found = NULL;
  for (int i = 0; i < n; i++) {
    if (!derives_from_module(classes[i]) || !class_attr(classes[i], "forward", NULL))
      continue;
    bool used = false;
    for (int j = 0; j < n && !used; j++)
      if (j != i && instantiated_in(classes[i], classes[j]))
        used = true;
    if (!used)
      found = classes[i];
  }
  for (int i = n - 1; i >= 0 && !found; i--)   /* every one is used by another: the last */
    if (derives_from_module(classes[i]) && class_attr(classes[i], "forward", NULL))
      found = classes[i];
  if (!found) {
    /* an nn.Module subclass without forward() is the likely model */
    for (int i = n - 1; i >= 0; i--)
      if (derives_from_module(classes[i]))
        error_at(node_loc(classes[i]->src, classes[i]->node), "class '%s' has no forward() method", classes[i]->name);
    error_at(loc_of_byte(in->parsed->src, 0), "no nn.Module subclass with a forward() found in this file; "
                                              "name the model with --model EXPR (the file offers: %s)", offers(in));
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

/* --model EXPR: the expression, parsed on its own and evaluated in the
 * input file's namespace. exprsrc holds it (with its place in the file for
 * a `# qgen: model=` comment). */
static Value *eval_model_expr(Interp *in, const Source *exprsrc, Loc *loc) {
  Parsed *p = parse_source(exprsrc);
  modules_keep(p);
  TSNode root = p->root;
  TSNode stmt = child(root, 0);
  if (nchildren(root) != 1 || sym(stmt) != SYM_expression_statement || nchildren(stmt) != 1 ||
      sym(child(stmt, 0)) == SYM_assignment)
    error_at(loc_of_byte(exprsrc, 0), "--model wants one Python expression, such as 'resnet18()' or \"Net(10)\"");
  TSNode e = child(stmt, 0);
  while (sym(e) == SYM_parenthesized_expression)
    e = child(e, 0);
  const Source *saved = cur_src;
  cur_src = exprsrc;
  *loc = at(e);
  Value *v = eval(in, in->globals, e);
  cur_src = saved;
  if (!v_is_module(v))
    error_at(*loc, "--model's value is %s, not an nn.Module (the file offers: %s)", v_type_name(v), offers(in));
  return v;
}

Value *build_model(Interp *in, const ModelOptions *opt, const Source *exprsrc, Loc *loc) {
  if (exprsrc)
    return eval_model_expr(in, exprsrc, loc);
  ClassDef *cls;
  if (opt->class_name)
    cls = find_model_class(in, opt->class_name);
  else
    cls = find_model_class(in, NULL);
  *loc = node_loc(cls->src, cls->node);
  return instantiate_model(in, cls, opt);
}


/* ------------------------------------------------------ super() */
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

