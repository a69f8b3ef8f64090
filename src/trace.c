/* trace.c: what happens when a Value is a tensor. Each operation on a proxy
 * records a graph node the way torch.fx 1.13 records it, and computes the
 * node's static shape with the op's rule from torch.def. */
#include "qgen.h"
#include <string.h>

static Graph *graph_of(Interp *in, const char *what, Loc loc) {
  if (!in->graph)
    error_at(loc, "%s can only be used in forward()", what);
  return in->graph;
}

bool value_has_proxy(const Value *v) {
  if (v->kind == V_PROXY)
    return true;
  if (v_is_seq(v))
    for (int i = 0; i < v->list->n; i++)
      if (value_has_proxy(v->list->items[i]))
        return true;
  if (v->kind == V_DICT)
    for (int i = 0; i < v->dict->n; i++)
      if (value_has_proxy(v->dict->vals[i]))
        return true;
  return false;
}

static bool is_tensor(const Value *v) { return v->kind == V_PROXY && v->node->is_tensor; }

static Value **bound(const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc) {
  Value **p = arena_alloc(sizeof(Value *) * (size_t)(op->nparams + 1));
  bind_args(op, args, nargs, kw, p, loc);
  return p;
}

/* A value that depends on the input's shape when none was given (marked
 * ndim < 0): a tensor of unknown shape, or a size not known statically. */
static bool any_unknown(const Value *v) {
  if (v->kind == V_PROXY)
    return v->node->ndim < 0;
  if (v_is_seq(v))
    for (int i = 0; i < v->list->n; i++)
      if (any_unknown(v->list->items[i]))
        return true;
  return false;
}

/* FX keeps a call's arguments as they were at the call: a list the
 * model appends to later (DenseNet's features) is copied. */
static Value *snapshot(Value *v) {
  if (v_is_seq(v)) {
    Value *r = v->kind == V_LIST ? v_list(0, NULL) : v_tuple(0, NULL);
    for (int i = 0; i < v->list->n; i++)
      list_push(r->list, snapshot(v->list->items[i]));
    return r;
  }
  if (v->kind == V_DICT) {
    Value *r = v_dict();
    for (int i = 0; i < v->dict->n; i++)
      dict_set(r->dict, v->dict->keys[i], snapshot(v->dict->vals[i]));
    return r;
  }
  return v;
}

static Value *record(Graph *g, NodeOp nop, const OpDef *op, const char *target, const char *name,
                     Value *args, Dict *kwargs, Value **params, Loc loc) {
  args = snapshot(args);
  for (int i = 0; kwargs && i < kwargs->n; i++)
    kwargs->vals[i] = snapshot(kwargs->vals[i]);
  Node *n = graph_add(g, nop, target, name, args, kwargs, loc);
  n->def = op;
  n->params = params;
  bool unknown = any_unknown(args);
  for (int i = 0; kwargs && i < kwargs->n; i++)
    unknown |= any_unknown(kwargs->vals[i]);
  if (unknown) {
    /* as torch.fx does, trace on without shapes, until one is needed:
     * x.size() is then a value known only at run time */
    if (op && op->id == OP_M_DIM)
      error_at(loc, "this depends on the input's shape, and none was given: give --input-shape N,C,H,W "
                    "or a '# qgen: input-shape=N,C,H,W' comment in the model file");
    bool tensor = false;
    for (int i = 0; i < args->list->n; i++)
      tensor |= args->list->items[i]->kind == V_PROXY ? args->list->items[i]->node->is_tensor
                                                       : value_has_proxy(args->list->items[i]);
    n->is_tensor = tensor && !(op && (op->id == OP_M_SIZE || op->id == OP_O_GETATTR));
    n->ndim = -1;
  } else if (op && op->shape) {
    op->shape(n, params, loc);
    if (n->is_tensor)
      shape_check(n->shape, n->ndim, loc);
  }
  return v_proxy(n);
}

/* Paths of every module under the root, first path in named_modules()
 * order, as FX's path_of_module finds them. */
static void assign_paths(Object *o, const char *prefix) {
  for (int i = 0; i < o->children->n; i++) {
    Value *c = o->children->vals[i];
    if (c->kind != V_OBJECT || c->obj->path)
      continue;
    c->obj->path = *prefix ? format("%s.%s", prefix, o->children->keys[i]) : o->children->keys[i];
    assign_paths(c->obj, c->obj->path);
  }
}

/* FX prints an annotation with type_repr: torch.Tensor by its full name,
 * a class of the model's own as a global named after its module
 * (torchvision_models_googlenet_GoogLeNetOutputs). */
static const char *fx_type_repr(Interp *in, FuncDef *f, const char *annotation) {
  size_t n = strlen(annotation);
  if (n >= 6 && !strcmp(annotation + n - 6, "Tensor"))
    return "torch.Tensor";
  Value *v = f->module && strspn(annotation, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") == n
                 ? module_global(in, f->module, annotation, node_loc(f->src, f->node))
                 : NULL;
  if (v && v->kind == V_CLASS && v->cls->module) {
    char *t = arena_strdup(format("%s.%s", v->cls->module->name, v->cls->name));
    for (char *p = t; *p; p++)
      if (*p == '.')
        *p = '_';
    return t;
  }
  return annotation;
}

Graph *trace_forward(Interp *in, Value *model, const int *shape, int ndim, Loc loc) {
  if (!model->obj->cls)
    error_at(loc, "the model is a plain %s: qgen quantizes an nn.Module subclass, whose class the rewritten "
                  "Python extends (wrap it in one)", model->obj->nn->name);
  Graph *g = graph_new(model, model->obj->cls->src);
  model->obj->path = "";
  assign_paths(model->obj, "");
  Value *fwd = class_method(model->obj->cls, "forward");
  if (!fwd)
    error_at(loc, "the model has no forward() method");
  FuncDef *f = fwd->func;
  fwd = v_bound(model, fwd);
  TSNode params = field(f->node, FLD_parameters);
  uint32_t np = ts_node_named_child_count(params);
  Loc floc = node_loc(f->src, f->node);
  TSNode xparam = ts_node_named_child(params, 1);
  if (np == 2 && sym(xparam) == SYM_typed_parameter) {
    g->input_type = fx_type_repr(in, f, node_text(f->src, field(xparam, FLD_type)));
    xparam = ts_node_named_child(xparam, 0);
  }
  TSNode ret = ts_node_child_by_field_name(f->node, "return_type", 11);
  if (!ts_node_is_null(ret))
    g->return_type = fx_type_repr(in, f, node_text(f->src, ret));
  if (np != 2 || sym(xparam) != SYM_identifier)
    error_at(floc, "qgen traces a forward(self, x) that takes exactly one tensor");
  const char *xname = node_text(f->src, xparam);
  Node *x = graph_add(g, N_PLACEHOLDER, xname, xname, v_tuple(0, NULL), dict_new(), node_loc(f->src, ts_node_named_child(params, 1)));
  x->ndim = ndim ? ndim : -1;   /* none given: unknown, until a shape is needed */
  if (ndim)
    memcpy(x->shape, shape, sizeof(int) * (size_t)ndim);
  x->is_tensor = true;
  in->graph = g;
  Value *arg = v_proxy(x);
  Value *out = call_value(in, fwd, &arg, 1, NULL, floc);
  in->graph = NULL;
  if (!value_has_proxy(out))
    error_at(floc, "forward() returns %s, not a tensor computed from its input", v_type_name(out));
  Value *oargs[1] = {out};
  graph_add(g, N_OUTPUT, "output", "output", v_tuple(1, oargs), dict_new(), floc);
  graph_compute_users(g);
  return g;
}

Value *trace_call_module(Interp *in, Value *mod, Value **args, int nargs, Dict *kw, Loc loc) {
  Object *o = mod->obj;
  const OpDef *op = o->nn;
  Value *fwd = o->cls ? class_method(o->cls, "forward") : NULL;
  if (fwd)
    return call_value(in, v_bound(mod, fwd), args, nargs, kw, loc);
  if (op->id == OP_SEQUENTIAL) {
    if (nargs != 1 || (kw && kw->n))
      error_at(loc, "Sequential takes exactly one input");
    Value *x = args[0];
    for (int i = 0; i < o->children->n; i++)
      x = call_value(in, o->children->vals[i], &x, 1, NULL, loc);
    return x;
  }
  if (op->id == OP_MODULELIST)
    error_at(loc, "a ModuleList is not callable; iterate over it or index it");
  if (op->id == OP_MODULE)
    error_at(loc, "module '%s' has no forward()", v_type_name(mod));
  Graph *g = graph_of(in, format("calling a %s", op->name), loc);
  if (nargs != 1 || (kw && kw->n))
    error_at(loc, "%s.forward() takes exactly one tensor (%d given)", op->name, nargs + (kw ? kw->n : 0));
  if (!is_tensor(args[0]))
    error_at(loc, "%s expects a tensor, got %s", op->name, v_type_name(args[0]));
  if (!o->path)
    error_at(loc, "this %s is not registered as a submodule of the model (assign it to self in __init__)", op->name);
  Value *out = record(g, N_CALL_MODULE, op, o->path, o->path, v_tuple(1, args), dict_new(), o->params, loc);
  out->node->module = o;
  return out;
}

Value *trace_call_function(Interp *in, const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc) {
  if (op->rec == REC_AS_METHOD) {
    if (nargs < 1 || !is_tensor(args[0]))
      error_at(loc, "%s() expects a tensor", op->qualname);
    return trace_call_method(in, op_lookup(OK_METHOD, "Tensor", op->name), args[0], args + 1, nargs - 1, kw, loc);
  }
  Graph *g = graph_of(in, op->qualname, loc);
  Value **p = bound(op, args, nargs, kw, loc);
  bool any = false;
  for (int i = 0; i < nargs; i++)
    any |= value_has_proxy(args[i]);
  for (int i = 0; kw && i < kw->n; i++)
    any |= value_has_proxy(kw->vals[i]);
  if (!any)
    error_at(loc, "%s() needs a tensor argument", op->qualname);
  Value *nargs_v;
  Dict *nkw = dict_new();
  if (op->rec == REC_HANDLE) {
    /* handle_torch_function(fn, (input,), input, a, k1=v1, ...) */
    nargs_v = v_tuple(op->rec_npos, p);
    for (int i = op->rec_npos; i < op->nparams; i++)
      dict_set(nkw, op->pname[i], p[i]);
  } else {
    nargs_v = v_tuple(nargs, args);
    for (int i = 0; kw && i < kw->n; i++)
      dict_set(nkw, kw->keys[i], kw->vals[i]);
  }
  /* FX names the node after the target's __name__: F.threshold is
   * torch.nn.functional._threshold, F.logsigmoid torch._C._nn.log_sigmoid */
  const char *dot = strrchr(op->qualname, '.');
  return record(g, N_CALL_FUNCTION, op, op->qualname, dot ? dot + 1 : op->qualname, nargs_v, nkw, p, loc);
}

Value *trace_call_method(Interp *in, const OpDef *op, Value *self, Value **args, int nargs, Dict *kw, Loc loc) {
  Graph *g = graph_of(in, format("Tensor.%s", op->name), loc);
  if (!is_tensor(self))
    error_at(loc, "'%s' is not a tensor", v_type_name(self));
  Value **p = bound(op, args, nargs, kw, loc);
  Value *all = v_tuple(1, &self);
  for (int i = 0; i < nargs; i++)
    list_push(all->list, args[i]);
  Dict *nkw = dict_new();
  for (int i = 0; kw && i < kw->n; i++)
    dict_set(nkw, kw->keys[i], kw->vals[i]);
  return record(g, N_CALL_METHOD, op, op->name, op->name, all, nkw, p, loc);
}

/* a + b, a * b ... where a or b is a proxy: FX records operator.X, with
 * the operands in the order written (`mul = 0.5 * x`). */
Value *trace_binary(Interp *in, const char *opname, Value *a, Value *b, Loc loc) {
  static const struct { const char *sym; OpId id; } ops[] = {
    {"+", OP_O_ADD}, {"*", OP_O_MUL}, {"-", OP_O_SUB}, {"/", OP_O_TRUEDIV}, {"//", OP_O_FLOORDIV}};
  for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
    if (!strcmp(ops[i].sym, opname)) {
      const OpDef *op = &op_table[ops[i].id];
      Value *args[2] = {a, b}, *t = v_tuple(2, args);
      return record(graph_of(in, "tensor arithmetic", loc), N_CALL_FUNCTION, op, op->qualname, op->name,
                    t, dict_new(), t->list->items, loc);
    }
  error_at(loc, "operator '%s' on a tensor is not supported", opname);
}

/* -x: FX records operator.neg (and prints `neg = -x`). */
Value *trace_unary(Interp *in, const char *opname, Value *a, Loc loc) {
  if (strcmp(opname, "-"))
    error_at(loc, "unary '%s' on a tensor is not supported", opname);
  const OpDef *op = &op_table[OP_O_NEG];
  Value *t = v_tuple(1, &a);
  return record(graph_of(in, "tensor arithmetic", loc), N_CALL_FUNCTION, op, op->qualname, op->name, t,
                dict_new(), t->list->items, loc);
}

static Value *record_getitem(Graph *g, Value *obj, Value *key, Loc loc) {
  const OpDef *op = &op_table[OP_O_GETITEM];
  Value *args[2] = {obj, key}, *t = v_tuple(2, args);
  return record(g, N_CALL_FUNCTION, op, op->qualname, op->name, t, dict_new(), t->list->items, loc);
}

Value *trace_getitem(Interp *in, Value *obj, Value *key, Loc loc) {
  return record_getitem(graph_of(in, "indexing a tensor", loc), obj, key, loc);
}

/* Unpacking or looping over a proxy whose length qgen knows: what chunk
 * and split return, a size (x.size(), x.shape). One getitem per element,
 * as if the user had written c[0], c[1], ...: torch.fx 1.13 records the
 * same for `a, b = c` through Proxy.__iter__'s UNPACK_SEQUENCE case, on
 * the Pythons where that case works (up to 3.10; on 3.11 it raises "Proxy
 * object cannot be iterated"), and qgen also allows `for` over them.
 * NULL for a proxy of unknown length (a tensor). */
List *trace_iterate(Value *proxy, Loc loc) {
  Node *n = proxy->node;
  Value *c = n->const_value;
  int len = n->part_len ? n->nparts : c && v_is_seq(c) ? c->list->n : -1;
  if (len < 0)
    return NULL;
  List *l = arena_alloc(sizeof *l);
  for (int i = 0; i < len; i++)
    list_push(l, record_getitem(n->graph, proxy, v_int(i), loc));
  return l;
}

Value *trace_getattr(Interp *in, Value *obj, const char *name, Loc loc) {
  const OpDef *op = &op_table[OP_O_GETATTR];
  Value *args[2] = {obj, v_str(name)}, *t = v_tuple(2, args);
  return record(graph_of(in, format("Tensor.%s", name), loc), N_CALL_FUNCTION, op, op->qualname, op->name,
                t, dict_new(), t->list->items, loc);
}

/* self.conv.weight in forward: a get_attr node. */
Value *trace_get_param(Interp *in, Value *module, const char *name, Loc loc) {
  graph_of(in, format("a module's %s", name), loc);
  error_at(loc, "qgen does not support using a module's %s directly in forward() (%s)", name,
           v_type_name(module));
}

/* A torch.fx.wrap'd function: FX records one call_function node with the
 * arguments as written. Its output shape comes from running the function
 * itself into a scratch graph, which is then dropped. */
Value *trace_call_wrapped(Interp *in, const char *name, const char *target, Value *fn, Value **args, int nargs,
                          Dict *kw, Loc loc) {
  Graph *g = in->graph;
  Graph scratch = *g;
  scratch.names = dict_new();
  for (int i = 0; i < g->names->n; i++)
    dict_set(scratch.names, g->names->keys[i], g->names->vals[i]);
  scratch.nodes = NULL;
  scratch.n = scratch.cap = 0;
  in->graph = &scratch;
  Value *r = call_value(in, fn, args, nargs, kw, loc);
  in->graph = g;
  if (r->kind != V_PROXY || !r->node->is_tensor)
    error_at(loc, "%s(), a torch.fx.wrap'd function, must return a tensor for qgen to trace it", name);
  Dict *nkw = dict_new();
  for (int i = 0; kw && i < kw->n; i++)
    dict_set(nkw, kw->keys[i], kw->vals[i]);
  Node *n = graph_add(g, N_CALL_FUNCTION, target, name, v_tuple(nargs, args), nkw, loc);
  /* in eval mode a wrapped function that hands back its input is identity */
  bool identity = nargs > 0 && args[0]->kind == V_PROXY && r->node == args[0]->node;
  n->def = &op_table[identity ? OP_FX_WRAPPED_IDENTITY : OP_FX_WRAPPED];
  n->params = args;
  n->ndim = r->node->ndim;
  memcpy(n->shape, r->node->shape, sizeof n->shape);
  n->is_tensor = true;
  return v_proxy(n);
}
