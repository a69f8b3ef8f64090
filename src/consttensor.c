/* consttensor.c: small concrete tensors, computed while a model is built.
 *
 * Some constructors compute their layer sizes with torch itself:
 * RegNet's block widths come from torch.arange, torch.log, torch.pow and
 * torch.round; stochastic-depth rates from torch.linspace(...).tolist().
 * These tensors are constants, never graph nodes. They are 1-D (or 0-d),
 * int64, int32, bool or float32, and the arithmetic is PyTorch's: float32
 * results are rounded to float32 after every operation, a Python scalar
 * meeting a tensor takes the tensor's dtype (an int tensor and a float
 * scalar make float32), and true division always gives float32. */
#include "qgen.h"
#include <math.h>
#include <string.h>

#define MAX_ELEMS (1 << 20)

static Value *ct_new(int n, char dtype) {
  Value *v = arena_alloc(sizeof *v);
  v->kind = V_CTENSOR;
  v->ct.n = n;
  v->ct.dtype = dtype;
  v->ct.v = arena_alloc(sizeof(double) * (size_t)(n ? n : 1));
  return v;
}

static double to_dtype(double x, char dtype) {
  switch (dtype) {
  case 'f': return (double)(float)x;
  case 'i': return (double)(int32_t)x;
  case 'l': return (double)(int64_t)x;
  case 'b': return x != 0;
  default: return x;
  }
}

static bool is_float(char d) { return d == 'f'; }

/* torch.tensor(data): ints give int64, any float gives float32 */
static Value *from_seq(Value *seq, Loc loc) {
  seq = unwrap_const(seq);
  if (seq->kind == V_CTENSOR)
    return seq;
  if (v_is_num(seq)) {
    Value *t = ct_new(1, seq->kind == V_FLOAT ? 'f' : seq->kind == V_BOOL ? 'b' : 'l');
    t->ct.v[0] = to_dtype(v_num(seq), t->ct.dtype);
    t->ct.scalar = true;
    return t;
  }
  List *items = value_iter(seq, loc);
  char dtype = 'l';
  for (int i = 0; i < items->n; i++) {
    Value *x = unwrap_const(items->items[i]);
    if (x->kind == V_CTENSOR && x->ct.scalar)
      x = x->ct.dtype == 'f' ? v_float(x->ct.v[0]) : v_int((int64_t)x->ct.v[0]);
    if (!v_is_num(x))
      error_at(loc, "torch.tensor() of %s: qgen makes constant tensors of numbers only", v_type_name(x));
    if (x->kind == V_FLOAT)
      dtype = 'f';
    items->items[i] = x;
  }
  Value *t = ct_new(items->n, dtype);
  for (int i = 0; i < items->n; i++)
    t->ct.v[i] = to_dtype(v_num(items->items[i]), dtype);
  return t;
}

/* An operand: a constant tensor, or a Python number taking its partner's dtype. */
static Value *operand(Value *v, char partner, Loc loc) {
  v = unwrap_const(v);
  if (v->kind == V_CTENSOR)
    return v;
  if (!v_is_num(v))
    error_at(loc, "a constant tensor with %s is not supported", v_type_name(v));
  char d = v->kind == V_FLOAT && !is_float(partner) ? 'f' : partner;
  Value *t = ct_new(1, d);
  t->ct.v[0] = to_dtype(v_num(v), d);
  t->ct.scalar = true;
  return t;
}

static double apply(char op, double x, double y, bool fl, Loc loc) {
  switch (op) {
  case '+': return x + y;
  case '-': return x - y;
  case '*': return x * y;
  case '/': return fl ? (double)((float)x / (float)y) : x / y;
  case 'f': /* // */
    if (y == 0 && !fl)
      error_at(loc, "ZeroDivisionError in a constant tensor's floor division");
    return floor(x / y);
  case 'p': return fl ? (double)powf((float)x, (float)y) : pow(x, y);
  default: unreachable();
  }
}

/* a OP b, elementwise with broadcasting of one-element operands */
static Value *ct_binary(char op, Value *a, Value *b, Loc loc) {
  Value *ta = unwrap_const(a)->kind == V_CTENSOR ? unwrap_const(a) : NULL;
  Value *tb = unwrap_const(b)->kind == V_CTENSOR ? unwrap_const(b) : NULL;
  char partner = ta ? ta->ct.dtype : tb->ct.dtype;
  a = operand(a, partner, loc);
  b = operand(b, partner, loc);
  char d = is_float(a->ct.dtype) || is_float(b->ct.dtype) || op == '/' ? 'f' : a->ct.dtype == 'i' && b->ct.dtype == 'i' ? 'i' : 'l';
  int n = a->ct.n > b->ct.n ? a->ct.n : b->ct.n;
  if ((a->ct.n != n && a->ct.n != 1) || (b->ct.n != n && b->ct.n != 1))
    error_at(loc, "constant tensors of sizes %d and %d do not broadcast", a->ct.n, b->ct.n);
  Value *r = ct_new(n, d);
  r->ct.scalar = a->ct.scalar && b->ct.scalar;
  for (int i = 0; i < n; i++) {
    double x = to_dtype(a->ct.v[a->ct.n == 1 ? 0 : i], d), y = to_dtype(b->ct.v[b->ct.n == 1 ? 0 : i], d);
    r->ct.v[i] = to_dtype(apply(op, x, y, is_float(d), loc), d);
  }
  return r;
}

Value *ctensor_binary(const char *op, Value *a, Value *b, Loc loc) {
  char c = !strcmp(op, "//") ? 'f' : !strcmp(op, "**") ? 'p' : op[0];
  if (!strchr("+-*/fp", c) || (op[1] && c != 'f' && c != 'p'))
    error_at(loc, "'%s' on a constant tensor is not supported", op);
  return ct_binary(c, a, b, loc);
}

static Value *unary(Value *t, double (*f)(float), Loc loc) {
  t = from_seq(t, loc);
  Value *r = ct_new(t->ct.n, 'f');
  r->ct.scalar = t->ct.scalar;
  for (int i = 0; i < t->ct.n; i++)
    r->ct.v[i] = (double)(float)f((float)t->ct.v[i]);
  return r;
}

static double f_log(float x) { return logf(x); }
static double f_exp(float x) { return expf(x); }
static double f_sqrt(float x) { return sqrtf(x); }
static double f_round(float x) { return rintf(x); }   /* half to even, as torch.round */
static double f_floor(float x) { return floorf(x); }
static double f_ceil(float x) { return ceilf(x); }

static Value *arg(Value **args, int nargs, Dict *kw, int i, const char *name) {
  if (i < nargs)
    return args[i];
  return kw ? dict_get(kw, name) : NULL;
}

/* torch.arange, torch.tensor, torch.linspace, torch.round ... on constants. */
Value *builtin_torch_const(BUILTIN_PARAMS) {
  for (int i = 0; i < nargs; i++)
    if (value_has_proxy(args[i]) && unwrap_const(args[i])->kind == V_PROXY)
      error_at(loc, "torch.%s() on a traced tensor is not supported (qgen knows it on constants only)", op->name);
  const char *name = op->name;
  if (!strcmp(name, "arange")) {
    Value *a = arg(args, nargs, kw, 0, "start"), *b = arg(args, nargs, kw, 1, "end"), *s = arg(args, nargs, kw, 2, "step");
    if (!a)
      error_at(loc, "arange() needs an end");
    double lo = 0, hi = v_num(unwrap_const(a)), st = 1;
    if (b)
      lo = hi, hi = v_num(unwrap_const(b));
    if (s)
      st = v_num(unwrap_const(s));
    bool fl = unwrap_const(a)->kind == V_FLOAT || (b && unwrap_const(b)->kind == V_FLOAT) || (s && unwrap_const(s)->kind == V_FLOAT);
    if (st == 0)
      error_at(loc, "arange() step must not be zero");
    double count = ceil((hi - lo) / st);
    if (count > MAX_ELEMS)
      error_at(loc, "arange() of more than %d elements", MAX_ELEMS);
    int n = count > 0 ? (int)count : 0;
    Value *t = ct_new(n, fl ? 'f' : 'l');
    for (int i = 0; i < n; i++)
      t->ct.v[i] = to_dtype(lo + i * st, t->ct.dtype);
    return t;
  }
  if (!strcmp(name, "linspace")) {
    Value *a = arg(args, nargs, kw, 0, "start"), *b = arg(args, nargs, kw, 1, "end"), *c = arg(args, nargs, kw, 2, "steps");
    if (!a || !b || !c)
      error_at(loc, "linspace() needs start, end and steps");
    int64_t n = as_int(c, "steps", loc);
    if (n < 0 || n > MAX_ELEMS)
      error_at(loc, "linspace() steps out of range");
    float lo = (float)v_num(unwrap_const(a)), hi = (float)v_num(unwrap_const(b));
    Value *t = ct_new((int)n, 'f');
    /* PyTorch's kernel: the first half counts up from start, the rest down from end */
    float step = n > 1 ? (hi - lo) / (float)(n - 1) : 0;
    int64_t half = n / 2;
    for (int64_t i = 0; i < n; i++)
      t->ct.v[i] = i < half ? (double)(lo + step * (float)i) : (double)(hi - step * (float)(n - 1 - i));
    return t;
  }
  if (!strcmp(name, "tensor") || !strcmp(name, "as_tensor")) {
    if (nargs != 1)
      error_at(loc, "torch.tensor() takes one argument");
    return from_seq(args[0], loc);
  }
  if (nargs < 1)
    error_at(loc, "torch.%s() needs an argument", name);
  if (!strcmp(name, "log")) return unary(args[0], f_log, loc);
  if (!strcmp(name, "exp")) return unary(args[0], f_exp, loc);
  if (!strcmp(name, "sqrt")) return unary(args[0], f_sqrt, loc);
  if (!strcmp(name, "round")) {
    Value *t = from_seq(args[0], loc);
    return is_float(t->ct.dtype) ? unary(t, f_round, loc) : t;
  }
  if (!strcmp(name, "floor")) return unary(args[0], f_floor, loc);
  if (!strcmp(name, "ceil")) return unary(args[0], f_ceil, loc);
  if (!strcmp(name, "pow") || !strcmp(name, "divide") || !strcmp(name, "div") || !strcmp(name, "mul") ||
      !strcmp(name, "add") || !strcmp(name, "sub")) {
    if (nargs != 2)
      error_at(loc, "torch.%s() takes two arguments", name);
    if (unwrap_const(args[0])->kind != V_CTENSOR && unwrap_const(args[1])->kind != V_CTENSOR)
      args[0] = from_seq(args[0], loc);
    char c = name[0] == 'p' ? 'p' : name[0] == 'd' ? '/' : name[0] == 'm' ? '*' : name[0] == 'a' ? '+' : '-';
    return ct_binary(c, args[0], args[1], loc);
  }
  if (!strcmp(name, "diff")) {
    Value *t = from_seq(args[0], loc);
    Value *r = ct_new(t->ct.n > 0 ? t->ct.n - 1 : 0, t->ct.dtype);
    for (int i = 0; i + 1 < t->ct.n; i++)
      r->ct.v[i] = to_dtype(t->ct.v[i + 1] - t->ct.v[i], t->ct.dtype);
    return r;
  }
  if (!strcmp(name, "sum")) {
    Value *t = from_seq(args[0], loc);
    Value *r = ct_new(1, t->ct.dtype == 'f' ? 'f' : 'l');
    double s = 0;
    for (int i = 0; i < t->ct.n; i++)
      s = to_dtype(s + t->ct.v[i], r->ct.dtype);
    r->ct.v[0] = s;
    r->ct.scalar = true;
    return r;
  }
  error_at(loc, "torch.%s() is not supported on constant tensors", name);
}

static Value *element(Value *t, int i) {
  double x = t->ct.v[i];
  switch (t->ct.dtype) {
  case 'f': return v_float(x);
  case 'b': return v_bool(x != 0);
  default: return v_int((int64_t)x);
  }
}

/* t.int(), t.long(), t.float(), t.tolist(), t.item(), t.numel() */
Value *method_ctensor(BUILTIN_PARAMS) {
  Value *t = args[0];
  const char *name = op->name;
  char to = !strcmp(name, "int") ? 'i' : !strcmp(name, "long") ? 'l' : !strcmp(name, "float") ? 'f'
          : !strcmp(name, "bool") ? 'b' : 0;
  if (to) {
    Value *r = ct_new(t->ct.n, to);
    r->ct.scalar = t->ct.scalar;
    for (int i = 0; i < t->ct.n; i++)
      r->ct.v[i] = to == 'f' ? to_dtype(t->ct.v[i], 'f') : to_dtype(trunc(t->ct.v[i]), to);
    return r;
  }
  if (!strcmp(name, "tolist")) {
    if (t->ct.scalar)
      return element(t, 0);
    Value *l = v_list(0, NULL);
    for (int i = 0; i < t->ct.n; i++)
      list_push(l->list, element(t, i));
    return l;
  }
  if (!strcmp(name, "item")) {
    if (t->ct.n != 1)
      error_at(loc, "a tensor with %d elements cannot be converted to a Python scalar", t->ct.n);
    return element(t, 0);
  }
  if (!strcmp(name, "numel"))
    return v_int(t->ct.n);
  unreachable();
}

/* iterating a 1-D constant tensor gives 0-d tensors */
List *ctensor_iter(Value *t) {
  List *l = arena_alloc(sizeof *l);
  for (int i = 0; i < t->ct.n; i++) {
    Value *e = ct_new(1, t->ct.dtype);
    e->ct.v[0] = t->ct.v[i];
    e->ct.scalar = true;
    list_push(l, e);
  }
  return l;
}
