/* qgen.h: the one internal header. One banner section per stage, in
 * pipeline order: arena, source, parse, value, torch ops, eval, trace,
 * graph, passes, lower, memory, emitters. Everything not declared here is
 * static. */
#ifndef QGEN_H
#define QGEN_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <tree_sitter/api.h>

#define MAX_DIMS 8
#define NORETURN __attribute__((noreturn))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* A change the rewritten Python makes to the user's text: a relative
 * import becomes the absolute one it means, since the file leaves its package. */
typedef struct {
  uint32_t start, end;       /* bytes of the source replaced */
  const char *text;
} TextEdit;

typedef struct Value Value;
typedef struct Node Node;
typedef struct Graph Graph;
typedef struct OpDef OpDef;

/* ------------------------------------------------------------ arena.c */
/* qgen is a short-lived compiler: everything it allocates comes from one
 * arena that is freed once, at exit. */
void *arena_alloc(size_t size);              /* zeroed */
void *arena_grow(void *ptr, size_t old, size_t size);
char *arena_strndup(const char *s, size_t n);
char *arena_strdup(const char *s);
char *format(const char *fmt, ...) PRINTF(1, 2);
void arena_free_all(void);
typedef struct { void *block; size_t used, total; } ArenaMark;
ArenaMark arena_mark(void);                  /* for a process that compiles many inputs */
void arena_release(ArenaMark m);             /* frees all allocated since m */
/* Past QGEN_MAX_MEMORY bytes of arena, an error at arena_blame (the
 * statement being run), so that no input makes qgen use gigabytes. */
/* (the fuzz harnesses build with smaller ones, -DQGEN_MAX_MEMORY=..., so
 * that an input that reaches a limit costs milliseconds, not seconds) */
#ifndef QGEN_MAX_MEMORY
#define QGEN_MAX_MEMORY ((size_t)1 << 29)
#endif
#ifndef QGEN_MAX_RANGE
#define QGEN_MAX_RANGE 1000000      /* items of one range() */
#endif
#ifndef QGEN_MAX_STATEMENTS
#define QGEN_MAX_STATEMENTS 20000000   /* Python statements run, __init__ and forward together */
#endif
#ifndef QGEN_MAX_LOOP
#define QGEN_MAX_LOOP 1000000       /* iterations of one loop */
#endif
#ifndef QGEN_MAX_NESTING
#define QGEN_MAX_NESTING 500        /* levels of the syntax tree (every pass over it recurses) */
#endif
#ifndef QGEN_MAX_EVAL_DEPTH
#define QGEN_MAX_EVAL_DEPTH 600     /* expressions being evaluated at once, through calls (the C stack) */
#endif
#ifndef QGEN_MAX_REPEAT
#define QGEN_MAX_REPEAT 10000000    /* items of a sequence repetition */
#endif

/* Growable output buffer (arena backed). */
typedef struct {
  char *data;
  size_t len, cap;
} Buf;
void buf_putn(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) PRINTF(2, 3);
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
const char *buf_str(Buf *b);                 /* NUL-terminated view */

/* ----------------------------------------------------------- source.c */
typedef struct Source Source;
struct Source {
  const char *path;      /* as given on the command line */
  const char *text;      /* NUL-terminated copy of the file */
  size_t len;
  int nlines;
  uint32_t *line_start;  /* byte offset of each line */
  bool binary;           /* NUL bytes or invalid UTF-8: no source line shown */
  const Source *display; /* diagnostics show this one's lines (a --model comment) */
};

typedef struct {
  const Source *src;
  uint32_t line, col;    /* 1-based; col counts bytes */
} Loc;
extern Loc arena_blame;

Source *source_load(const char *path);       /* NULL (errno set) if unreadable */
Source *source_from_string(const char *path, const char *text);
Source *source_from_buffer(const char *path, const char *text, size_t len);
Loc loc_of_byte(const Source *src, uint32_t byte);
const char *base_name(const char *path);         /* "a/b/net.py" -> "net.py" */
const char *source_line(const Source *src, uint32_t line, size_t *len);

/* Diagnostics. error_at prints "FILE:LINE:COL: error: MSG", the source line
 * and a caret, then unwinds to the innermost error_trap (or exits 1). */
void error_at(Loc loc, const char *fmt, ...) PRINTF(2, 3) NORETURN;
void verror_at(Loc loc, const char *fmt, va_list ap) NORETURN;
void note_at(Loc loc, const char *fmt, ...) PRINTF(2, 3);
void fatal(const char *fmt, ...) PRINTF(1, 2) NORETURN;   /* no location */
#define unreachable() internal_error(__FILE__, __LINE__)
void internal_error(const char *file, int line) NORETURN;
/* A test (or the driver) may catch errors instead of exiting. */
#include <setjmp.h>
extern jmp_buf *error_trap;
/* Where diagnostics go (NULL: stderr); the fuzz harnesses keep them in memory. */
extern FILE *error_stream;
/* While error_capture is set, an error is stored there instead of printed
 * (with error_trap set too: a deferred error, see import.c). */
typedef struct {
  Loc loc;
  const char *msg;
  Loc note_loc;          /* and its cause, if it had one */
  const char *note;
} Diag;
extern Diag *error_capture;
/* A note printed after the next error's caret (the error's cause). */
void error_note(Loc loc, const char *msg);
extern const char *error_prog;               /* "qgen" */

/* ------------------------------------------------------------ parse.c */
/* Node kinds of tree-sitter-python used by the evaluator, looked up once. */
#define SYMBOLS(X) \
  X(module) X(class_definition) X(function_definition) X(decorated_definition) \
  X(expression_statement) X(assignment) X(augmented_assignment) X(return_statement) \
  X(if_statement) X(elif_clause) X(else_clause) X(for_statement) X(while_statement) \
  X(pass_statement) X(break_statement) X(continue_statement) X(import_statement) \
  X(import_from_statement) X(future_import_statement) X(aliased_import) X(dotted_name) \
  X(identifier) X(integer) X(float) X(string) X(concatenated_string) X(true) X(false) X(none) \
  X(binary_operator) X(unary_operator) X(boolean_operator) X(not_operator) \
  X(comparison_operator) X(conditional_expression) X(call) X(argument_list) \
  X(keyword_argument) X(list_splat) X(dictionary_splat) X(attribute) X(subscript) \
  X(slice) X(tuple) X(list) X(dictionary) X(pair) X(parenthesized_expression) \
  X(list_comprehension) X(for_in_clause) X(if_clause) X(expression_list) \
  X(pattern_list) X(tuple_pattern) X(list_pattern) X(list_splat_pattern) X(comment) \
  X(assert_statement) X(raise_statement) X(global_statement) X(nonlocal_statement) \
  X(delete_statement) X(block) X(parameters) X(default_parameter) \
  X(typed_parameter) X(typed_default_parameter) X(keyword_separator) \
  X(dictionary_splat_pattern) X(string_content) X(escape_sequence) X(interpolation) \
  X(generator_expression) X(lambda) X(ellipsis) X(type) X(positional_separator) \
  X(string_start) X(string_end) X(with_statement) X(try_statement) \
  X(except_clause) X(finally_clause) X(with_clause) X(with_item) X(decorator) X(set) \
  X(set_comprehension) X(dictionary_comprehension) X(lambda_parameters) X(format_specifier) \
  X(type_conversion) X(format_expression) X(parenthesized_list_splat)

typedef enum {
  SYM_UNKNOWN = 0,
#define X(n) SYM_##n,
  SYMBOLS(X)
#undef X
  SYM_COUNT
} Sym;

#define FIELDS(X) \
  X(name) X(body) X(superclasses) X(parameters) X(left) X(right) X(operator) \
  X(condition) X(consequence) X(alternative) X(function) X(arguments) X(object) \
  X(attribute) X(value) X(subscript) X(key) X(argument) X(alias) X(module_name) \
  X(type) X(definition) X(expression) X(format_specifier) X(type_conversion)

typedef enum {
  FLD_NONE = 0,
#define X(n) FLD_##n,
  FIELDS(X)
#undef X
  FLD_COUNT
} Field;

typedef struct {
  const Source *src;
  TSParser *parser;
  TSTree *tree;
  TSNode root;
} Parsed;

Parsed *parse_source(const Source *src);      /* errors on syntax errors */
void parse_free(Parsed *p);
Sym sym(TSNode n);
TSNode field(TSNode n, Field f);             /* null node if absent */
const char *node_text(const Source *src, TSNode n);  /* arena copy */
Loc node_loc(const Source *src, TSNode n);
uint32_t named_count(TSNode n);               /* ts_node_named_child_count, kept */
TSNode named_child(TSNode n, uint32_t i);     /* ts_node_named_child in O(1) after the first */
void named_children_forget(void);

/* ------------------------------------------------------------ value.c */
typedef enum {
  V_NONE, V_BOOL, V_INT, V_FLOAT, V_STR, V_TUPLE, V_LIST, V_DICT, V_SLICE,
  V_ELLIPSIS, /* `...`: a tensor subscript's, or a placeholder (Callable[..., T], a stub's body) */
  V_FUNC,     /* a def, with the scope it was defined in */
  V_CLASS,    /* a user class */
  V_OBJECT,   /* an instance: a user class or a torch.nn module */
  V_BUILTIN,  /* a torch / F / nn / Python builtin entry (OpDef) */
  V_BOUND,    /* a method bound to its self: user function or builtin */
  V_PROXY,    /* a tensor in forward: a graph node */
  V_SUPER,    /* super(): bound.self, and bound.fn the class whose bases are searched */
  V_NAMESPACE,/* one of qgen's own namespaces: torch, torch.nn, math, typing ... */
  V_MODULE,   /* a Python module read from a file or a stub (import.c) */
  V_PARAM,    /* a module's weight or bias outside forward: nn.init's argument */
  V_UNAVAILABLE, /* a name that could not be had: an error only where it is used */
  V_CTENSOR,  /* a small concrete tensor computed while the model is built (consttensor.c) */
  V_LAZY      /* internal: a module-level binding not yet evaluated (import.c) */
} VKind;

typedef struct Scope Scope;
typedef struct Dict Dict;
typedef struct PyModule PyModule;
typedef struct LazyDef LazyDef;

typedef struct {
  int n, cap;
  Value **items;
  bool is_set;          /* a set: a list without repeats (builtins.c set_of) */
} List;

struct Dict {          /* insertion-ordered string-keyed map */
  int n, cap;
  const char **keys;
  Value **vals;
  int *index, icap;     /* hash index (entry number + 1) once it grows */
};

typedef struct ClassDef {
  const char *name;
  TSNode node;          /* class_definition */
  Scope *scope;         /* the scope it was defined in */
  Dict *attrs;          /* class body: methods and class attributes */
  struct Value *bases[8];
  int nbases;
  const OpDef *nn_base; /* nn.Module, nn.Sequential, ... if it derives from one */
  const Source *src;
  PyModule *module;     /* the module it was defined in */
  bool is_enum;         /* derives from enum.Enum: its attributes became members */
  bool is_namedtuple;   /* collections.namedtuple: fields in order, indexable */
  Dict *fields;         /* @dataclass: field name -> default (NULL value: required) */
} ClassDef;

typedef struct {
  const char *name;
  TSNode node;          /* function_definition */
  Scope *scope;         /* defining scope (module globals or enclosing def) */
  ClassDef *owner;      /* class it was defined in, for super() */
  bool is_static;       /* @staticmethod */
  bool is_classmethod;  /* @classmethod */
  bool is_property;     /* @property */
  bool is_lambda;       /* node is a lambda: its body is an expression */
  const Source *src;
  PyModule *module;     /* the module it was defined in */
  Value **defaults;     /* evaluated when the def ran, one per parameter (NULL: none) */
  const char *fx_target;  /* torch.fx.wrap'd: the call_function target FX prints */
} FuncDef;

typedef struct Object {
  ClassDef *cls;        /* user class, or NULL for a plain torch.nn module */
  const OpDef *nn;      /* torch.nn module kind (Conv2d, Sequential, Module ...) */
  Value **params;       /* a torch.nn module's constructor arguments, bound */
  Dict *attrs;          /* hyperparameters and plain attributes */
  Dict *children;       /* submodules in registration order */
  Loc loc;              /* where it was constructed */
  int id;
  const char *path;     /* "layer1.0.conv1", set when tracing starts */
  bool initialized;     /* nn.Module.__init__ has run */
  TSNode pending;       /* an Enum member whose value is evaluated when first used */
  Scope *pending_scope;
} Object;

typedef struct {
  Node *node;
} Proxy;

struct Value {
  VKind kind;
  union {
    bool b;
    int64_t i;
    double f;
    const char *s;
    List *list;         /* tuple and list */
    Dict *dict;
    FuncDef *func;
    ClassDef *cls;
    Object *obj;
    const OpDef *op;
    Node *node;         /* proxy */
    struct { Value *self; Value *fn; } bound;
    struct { Value *lo, *hi, *step; } slice;
    const char *ns;     /* namespace: "torch", "torch.nn", ... */
    PyModule *mod;      /* module */
    struct { Value *module; const char *name; } param;   /* self.conv.weight */
    struct { const char *what; const char *why; Loc where; } na;   /* unavailable */
    LazyDef *lazy;
    struct { int n; char dtype; bool scalar; double *v; } ct;   /* dtype: 'l' int64, 'i' int32, 'f' float32, 'b' bool */
  };
};

extern Value none_value, true_value, false_value, ellipsis_value;
extern Value no_default;   /* a dataclass field without a default */
Value *v_none(void);
Value *v_bool(bool b);
Value *v_int(int64_t i);
Value *v_float(double f);
Value *v_str(const char *s);
Value *v_tuple(int n, Value **items);
Value *v_list(int n, Value **items);
Value *v_dict(void);
Value *v_proxy(Node *n);
Value *v_namespace(const char *name);
Value *v_builtin(const OpDef *op);
Value *v_bound(Value *self, Value *fn);
Value *v_class(ClassDef *c);
Value *v_func(FuncDef *f);
/* WHAT cannot be had because WHY (at WHERE, if known). */
Value *v_unavailable(const char *what, const char *why, Loc where);
void check_available(const Value *v, Loc use);   /* errors at use if unavailable */
void list_push(List *l, Value *v);
Value *dict_get(const Dict *d, const char *key);
void dict_set(Dict *d, const char *key, Value *v);
Dict *dict_new(void);
bool v_is_seq(const Value *v);               /* tuple or list */
bool v_truthy(const Value *v);
bool v_equal(const Value *a, const Value *b);
const char *v_kind_name(const Value *v);
const char *v_type_name(const Value *v);     /* Python-ish: 'int', 'Conv2d' ... */
void v_repr(Buf *b, const Value *v);         /* Python repr; proxies by node name */
const char *float_repr(double d);            /* Python's repr(float) */
bool v_is_module(const Value *v);
static inline bool v_is_int(const Value *v) { return v->kind == V_INT || v->kind == V_BOOL; }
static inline bool v_is_num(const Value *v) { return v_is_int(v) || v->kind == V_FLOAT; }
static inline int64_t v_ival(const Value *v) { return v->kind == V_INT ? v->i : v->b; }
static inline double v_num(const Value *v) { return v->kind == V_FLOAT ? v->f : (double)v_ival(v); }
static inline int64_t floordiv64(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/* ------------------------------------------------------------ torch.def */
typedef enum {
  OK_NN_MODULE,   /* a torch.nn class: constructing it gives a module object */
  OK_FUNCTION,    /* torch.*, torch.nn.functional.*, operator.*: call_function */
  OK_METHOD,      /* a Tensor method: call_method */
  OK_PYBUILTIN,   /* len, range, int ... */
  OK_NAMESPACE    /* an importable module */
} OpKind;

/* How a traced call of a torch function is recorded (FX 1.13's view). */
typedef enum {
  REC_AS_CALLED,  /* C builtins (torch.cat): args exactly as the user wrote them */
  REC_HANDLE,     /* Python F.*: handle_torch_function(fn, (input,), input, ...)  */
  REC_AS_METHOD   /* F.sigmoid(x): recorded as x.sigmoid() */
} RecordStyle;

typedef struct Interp Interp;
#define BUILTIN_PARAMS Interp *in, const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc
typedef Value *(*BuiltinFn)(BUILTIN_PARAMS);
/* p: the call's arguments bound to the op's signature (a module's: its
 * constructor's). Sets n->shape; errors at loc on a shape mismatch. */
typedef void (*ShapeFn)(Node *n, Value **p, Loc loc);
typedef void (*ReprFn)(Buf *b, Value **p);

typedef enum {
#define OP(id, ...) OP_##id,
#include "torch.def"
#undef OP
  OP_COUNT
} OpId;

/* An op's quantized form. */
typedef enum {
  Q_NONE,          /* not a tensor op (python builtins, modules, namespaces) */
  Q_INPUT,         /* the placeholder: quantizes the float input */
  Q_OUTPUT,        /* dequantizes the result */
  Q_PASS,          /* reshapes, keeps (scale, zp): view, reshape, flatten */
  Q_IDENTITY,      /* no-op at inference: dropout, identity, contiguous */
  Q_SIZE,          /* a static value: size(), shape, getitem on sizes */
  Q_CONV, Q_LINEAR, Q_BATCHNORM, Q_RELU, Q_RELU6, Q_HARDTANH,
  Q_MAXPOOL, Q_AVGPOOL, Q_ADAPTIVE_AVGPOOL, Q_ADD, Q_CAT, Q_MUL,
  /* elementwise: tables (a tensor and a number too, for add, mul, sub, div) */
  Q_SIGMOID, Q_HARDSWISH, Q_HARDSIGMOID, Q_SILU, Q_TANH, Q_GELU, Q_LEAKY_RELU, Q_ELU, Q_MISH, Q_SUB, Q_DIV,
  Q_TABLE,         /* any other elementwise op: the runtime's table by the op's name (lower.c) */
  Q_SOFTMAX, Q_LOG_SOFTMAX,
  Q_UPSAMPLE,      /* nearest copies codes, bilinear interpolates them; keeps (scale, zp) */
  Q_MEAN,          /* over dims within an image: keeps (scale, zp) */
  Q_PERMUTE,       /* transpose, permute: moves codes, keeps (scale, zp) */
  Q_PARTS,         /* chunk, split: a tuple of pieces, no code of its own */
  Q_SLICE,         /* one piece of them (getitem): a copy, keeps (scale, zp) */
  Q_PAD,           /* constant zero padding: the zero point around the codes, keeps (scale, zp) */
  Q_ADAPTIVE_MAXPOOL, /* with whole windows: a max pool, keeps (scale, zp) */
  Q_PRELU,         /* a table per slope */
  Q_UNSUPPORTED
} QKind;

struct OpDef {
  OpId id;
  OpKind kind;
  const char *ns;          /* "torch.nn", "torch.nn.functional", "Tensor" ... */
  const char *name;        /* the Python name: "Conv2d", "relu", "view" */
  const char *qualname;    /* how FX prints the target: "torch.nn.functional.relu" */
  const char *sig;         /* signature with PyTorch 1.13 defaults */
  RecordStyle rec;
  int rec_npos;            /* REC_HANDLE: how many args FX prints positionally */
  BuiltinFn call;          /* python builtins; NULL for torch ops */
  ShapeFn shape;           /* output shape rule; NULL if none (modules: by kind) */
  ReprFn repr;             /* nn modules: extra_repr */
  QKind q;
  /* parsed signature, filled once at start-up */
  int nparams;
  const char *pname[16];
  Value *pdefault[16];     /* NULL: required */
  int varargs;             /* index of *args, or -1 */
  bool kwvar;              /* takes **kwargs */
};

extern OpDef op_table[OP_COUNT];
void ops_init(void);
const OpDef *op_lookup(OpKind kind, const char *ns, const char *name);
Value *namespace_attr(const char *ns, const char *name);   /* NULL if unknown */
bool is_namespace(const char *qualname);                 /* one of qgen's own: torch.nn, math ... */
Value *nn_module_attr(const OpDef *op, Value **params, const char *name);
/* Bind args and keywords to a signature: out[i] for each parameter. */
void bind_args(const OpDef *op, Value **args, int nargs, Dict *kw, Value **out, Loc loc);
Value *param(const OpDef *op, Value **p, const char *name);   /* p[name] */
Value *node_operand(const Node *n, int k, Loc loc);          /* the k-th operand of a call (a method's self: 0) */
const char *shape_str(const int *shape, int ndim);           /* "[1, 3, 32, 32]" */
Object *nn_module_new(const OpDef *op, Value **params, Loc loc);
Value *eval_literal(const char *text, Loc loc);   /* --arg values, defaults */
int64_t as_int(Value *v, const char *what, Loc loc);   /* ints, bools, sized proxies */
double as_number(Value *v, const char *what, Loc loc);   /* ints, floats, bools */
Value *unwrap_const(Value *v);                       /* a proxy's known value */

/* Shape rules and module reprs named in torch.def (torch.c). */
#define OP(id, kind, ns, name, q, sig, rec, npos, call, shape, repr, quant) \
  void shape(Node *n, Value **p, Loc loc); void repr(Buf *b, Value **p);
#include "torch.def"
#undef OP
/* Python builtins named in torch.def (eval.c). */
#define OP(id, kind, ns, name, q, sig, rec, npos, call, shape, repr, quant) Value *call(BUILTIN_PARAMS);
#include "torch.def"
#undef OP

/* ------------------------------------------------------------- eval.c */
struct Scope {
  Dict *vars;
  Scope *parent;       /* NULL for module globals; builtins come after */
  const Source *src;
  PyModule *module;    /* on module globals: whose they are */
};

typedef struct {
  const char *dirs[64];        /* -I DIR, then $PYTHONPATH */
  int ndirs;
  const char *stub_dirs[16];   /* --stub-dir DIR */
  int nstub_dirs;
} ImportOptions;

struct Interp {
  const Parsed *parsed;
  PyModule *main;       /* the input file */
  Scope *globals;       /* its globals */
  Graph *graph;         /* non-NULL while tracing forward */
  int depth;
  int eval_depth;          /* expressions being evaluated: past QGEN_MAX_EVAL_DEPTH, an error */
  int64_t statements;      /* run so far: past QGEN_MAX_STATEMENTS, an error */
  ImportOptions imports;
};

typedef struct {
  const char *expr;            /* --model EXPR */
  const char *class_name;      /* --class */
  const char *arg_names[32];   /* --arg NAME=VALUE */
  const char *arg_values[32];
  int nargs;
} ModelOptions;

Interp *interp_new(const Parsed *parsed, const ImportOptions *imports);
void interp_exec_module(Interp *in);
Value *interp_global(Interp *in, const char *name);   /* the input file's NAME, or NULL */
ClassDef *find_model_class(Interp *in, const char *name);
Value *instantiate_model(Interp *in, ClassDef *cls, const ModelOptions *opt);
/* The model: --model EXPR (or the `# qgen: model=` comment, as exprsrc),
 * --class/--arg, else the default class. *loc: where to point at it. */
Value *build_model(Interp *in, const ModelOptions *opt, const Source *exprsrc, Loc *loc);
Value *call_value(Interp *in, Value *fn, Value **args, int nargs, Dict *kw, Loc loc);
Value *get_attr(Interp *in, Value *obj, const char *name, Loc loc);
Value *class_method(ClassDef *c, const char *name);
Value *object_method(Value *obj, const char *name);   /* a user instance's bound method, or NULL */
/* For import.c and builtins.c: the interpreter's own operations. */
Value *eval_binding(Interp *in, PyModule *m, LazyDef *d);
Value *eval_expr(Interp *in, Scope *sc, TSNode n);
Value *value_attr_or_null(Interp *in, Value *obj, const char *name, Loc loc);
void value_set_attr(Value *obj, const char *name, Value *v, Loc loc);
bool value_isinstance(Value *v, Value *cls);
Value *value_copy(Value *v, bool deep);
PyModule *current_module(Interp *in);       /* whose code is running */
/* operators.c */
Value *value_binary(Interp *in, const char *op, Value *a, Value *b, Loc loc);
bool value_compare(const char *op, Value *a, Value *b, Loc loc);
bool value_truth(Value *v, Loc loc);
int64_t value_index(Value *seq, int64_t i, int n, Loc loc);
Value *value_subscript(Interp *in, Value *obj, Value *key, Loc loc);
List *value_iter(Value *v, Loc loc);
/* consttensor.c */
Value *ctensor_binary(const char *op, Value *a, Value *b, Loc loc);
List *ctensor_iter(Value *t);
/* builtins.c */
Value *set_of(List *items);                  /* a set: a list without repeats */
const char *value_str(Value *v);             /* str(v) */
const char *format_value(Value *v, const char *spec, Loc loc);   /* format(v, spec) */
const char *str_percent(const char *fmt, Value *args, Loc loc);  /* fmt % args */
Value *builtin_attr(Interp *in, Value *obj, const char *name, Loc loc);   /* [].append, ''.join ... */
/* The interpreter's own state (the running def, the current file), saved
 * before an error trap is set and restored after an error is caught. */
typedef struct {
  void *frame;
  const Source *src;
  PyModule *mod;
} EvalMark;
EvalMark eval_mark(void);
void eval_reset(EvalMark m);

/* ----------------------------------------------------------- import.c */
/* A Python module: a file (or a stub) whose top level is run lazily: each
 * binding (import, def, class, NAME = ...) is evaluated when first used. */
typedef enum { LZ_ASSIGN, LZ_DEF, LZ_CLASS, LZ_IMPORT_FROM, LZ_IMPORT } LazyKind;
struct LazyDef {
  LazyKind kind;
  const char *name;
  TSNode node;          /* the statement (LZ_ASSIGN: the assignment) */
  const char *target;   /* imports: the module's qualified name */
  const char *attr;     /* LZ_IMPORT_FROM: the name taken from it */
  const char *written;  /* imports: the module as written ("..utils") */
  PyModule *from;       /* the module whose code it is */
  LazyDef *prev;        /* the binding of the same name before it */
  int state;            /* 0 not run, 1 running, 2 done */
  Value *value;
};

struct PyModule {
  const char *name;     /* "torchvision.models.resnet" */
  const char *path;     /* file it was read from, as found */
  const char *package;  /* relative imports start here */
  Parsed *parsed;
  Scope *globals;       /* evaluated bindings */
  Dict *lazy;           /* name -> V_LAZY, the last binding of each name */
  Dict *wrapped;        /* names given to torch.fx.wrap */
  PyModule *stub;       /* a stub's bindings come before the file's */
  const char *stars[16];  /* from X import *: asked for names not bound here */
  TSNode star_stmt[16];
  int nstars;
  bool is_main;         /* errors in its bindings are not deferred */
  bool is_stub;         /* read from a stub */
  bool deferred;        /* under a stub: its file is not read yet */
};

PyModule *module_main(Interp *in, const Parsed *parsed);
Value *module_global(Interp *in, PyModule *m, const char *name, Loc use);   /* NULL: unbound */
Value *module_getattr(Interp *in, PyModule *m, const char *name, Loc use);
void import_stmt(Interp *in, Scope *sc, TSNode stmt);   /* an import run inside a def */
int module_files(const char **out, int max);   /* the files imports read */
/* m's relative imports as absolute ones, in source order: for the
 * rewritten Python, which no longer lives in m's package. */
int module_absolute_imports(PyModule *m, TextEdit **out);
void modules_free(void);
void modules_keep(Parsed *p);   /* free p with the modules (a --model expression's tree) */

/* ------------------------------------------------------------ trace.c */
Graph *trace_forward(Interp *in, Value *model, const int *shape, int ndim, Loc loc);
Value *trace_call_module(Interp *in, Value *mod, Value **args, int nargs, Dict *kw, Loc loc);
Value *trace_call_function(Interp *in, const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc);
Value *trace_call_method(Interp *in, const OpDef *op, Value *self, Value **args, int nargs, Dict *kw, Loc loc);
Value *trace_binary(Interp *in, const char *opname, Value *a, Value *b, Loc loc);
Value *trace_unary(Interp *in, const char *opname, Value *a, Loc loc);   /* -x */
Value *trace_getitem(Interp *in, Value *obj, Value *key, Loc loc);
Value *trace_getattr(Interp *in, Value *obj, const char *name, Loc loc);
Value *trace_get_param(Interp *in, Value *module, const char *name, Loc loc);
/* A call of a torch.fx.wrap'd function: one call_function node (target
 * as FX prints it), shaped by running fn's body on the side. */
Value *trace_call_wrapped(Interp *in, const char *name, const char *target, Value *fn, Value **args, int nargs,
                          Dict *kw, Loc loc);
List *trace_iterate(Value *proxy, Loc loc);   /* a chunk's pieces; NULL if not known */
bool value_has_proxy(const Value *v);
int64_t shape_numel(const int *shape, int ndim);
/* Limits on sizes (docs/limits.md): a traced tensor holds at most
 * QGEN_MAX_NUMEL elements; chunk/split give at most QGEN_MAX_PARTS pieces. */
#define QGEN_MAX_NUMEL ((int64_t)INT32_MAX)
#define QGEN_MAX_PARTS 4096
#define QGEN_MAX_ARENA ((int64_t)INT32_MAX)   /* bytes of the C's arena, and of a kernel's scratch */
int64_t size_mul(int64_t a, int64_t b, Loc loc);   /* checked: an error at loc past the limit */
int64_t size_add(int64_t a, int64_t b, Loc loc);
void shape_check(const int *shape, int ndim, Loc loc);   /* at most QGEN_MAX_NUMEL elements */
/* x[key] on a tensor: PyTorch's basic indexing (ints, slices with a
 * positive step, None, one Ellipsis).  Input dim d is read from start[d]
 * by step[d] (step 0: an int index, the dim is gone); output dim k is input
 * dim src[k], or a new dim of 1 (None) where src[k] < 0. */
typedef struct {
  int ndim, shape[MAX_DIMS], src[MAX_DIMS];
  int64_t start[MAX_DIMS], step[MAX_DIMS];
} Subscript;
void tensor_subscript(const int *shape, int ndim, Value *key, Subscript *sub, Loc loc);
/* F.pad's (pad) or ZeroPad2d's (padding) pairs, last dim first; returns their count */
int pad_widths(const OpDef *op, Value **params, int64_t *pads, Loc loc);

/* ------------------------------------------------------------ graph.c */
typedef enum { N_PLACEHOLDER, N_GET_ATTR, N_CALL_MODULE, N_CALL_FUNCTION, N_CALL_METHOD, N_OUTPUT } NodeOp;

struct Node {
  NodeOp op;
  const char *name;       /* FX name: conv1, relu_1, layer1_0_conv1 */
  const char *target;     /* FX target text: "conv1", "torch.nn.functional.relu", "view" */
  const OpDef *def;       /* the op (module kind for call_module) */
  Object *module;         /* call_module: the module */
  Value *args;            /* tuple */
  Dict *kwargs;
  Value **params;         /* args bound to def's signature (modules: ctor's) */
  int ndim;
  int shape[MAX_DIMS];
  bool is_tensor;         /* false for size()/getitem on sizes, and for chunk/split */
  int nparts;             /* chunk, split: the tuple of tensors it returns has nparts */
  int part_dim;           /*   tensors of the input's shape (shape[]) but for their size */
  int *part_len;          /*   part_len[i] along part_dim */
  int part_base;          /*   where the first starts along part_dim in the tensor chunked */
  int part_index;         /* getitem of one piece: which, and its start along part_dim */
  int part_start;
  Graph *graph;           /* the graph it belongs to (fx.Node.graph) */
  Value *const_value;     /* a statically known result (sizes) */
  Loc loc;                /* the source expression that made it */
  int index;
  int nusers;
  Node **users;
  /* filled by passes.c */
  QKind q;                /* its quantized form */
  Node *fused_into;       /* a BN or activation folded into its producer: that producer */
  Node *fused_act;        /* on a producer: the activation folded into it */
  Node *fused_bn;         /* on a conv: the BatchNorm folded into it */
  Node *tail;             /* on a producer: the last node of its fused chain (itself if none) */
  Node *qsrc;             /* the node whose quantized module's qo describes this value */
  Node *alias;            /* Q_PASS/Q_IDENTITY: the node whose codes this one reuses */
};

struct Graph {
  Node **nodes;
  int n, cap;
  Value *root;            /* the model instance */
  const char *class_name;
  const char *input_type;   /* forward's annotations, as FX prints them */
  const char *return_type;
  const Source *src;
  Dict *names;            /* used names (FX's namespace) */
};

Graph *graph_new(Value *root, const Source *src);
Node *graph_add(Graph *g, NodeOp op, const char *target, const char *candidate_name, Value *args, Dict *kwargs, Loc loc);
const char *module_path(Graph *g, Object *m);   /* "layer1.0.conv1" */
void graph_compute_users(Graph *g);
void emit_fx(Buf *b, Graph *g);
void emit_table(Buf *b, Graph *g);
void emit_json(Buf *b, Graph *g);
uint64_t graph_fingerprint(Graph *g);
void node_args_repr(Buf *b, Node *n);         /* FX _format_args */
void node_statement(Buf *b, const Node *n);         /* the node as FX's Python: `y = f(x)` */

/* ----------------------------------------------------------- passes.c */
void pass_quantize_plan(Graph *g);   /* fold BN, fuse activations, check ops */
bool node_is_qmodule(const Node *n);  /* has its own runtime module (q_NAME) */
Node *node_input(const Node *n, int k);   /* k-th tensor input */
int node_ninputs(const Node *n);

/* ------------------------------------------------------------ lower.c */
/* The lowered program: what both emitters print, and all they read of the
 * model (besides names, module paths and source lines, for names and
 * comments). Every decision is taken here or before: the kernel of each
 * step, its geometry, where every value's codes live, the weights file's
 * table. Every user error is raised here or before, at a source line. */
typedef struct Step Step;
typedef struct Tensor Tensor;

/* How a value's codes are laid out in its buffer. */
typedef enum {
  LAYOUT_NCHW    /* PyTorch's: row-major over the shape, so view and flatten cost nothing */
} Layout;

/* How a value is computed and where its codes are. */
typedef enum {
  PLACE_OWN,     /* its step writes it to its own buffer */
  PLACE_FUSED,   /* a folded BatchNorm or fused activation, computed in its chain's step;
                    the chain's last one has the chain's buffer */
  PLACE_HEAD,    /* the head of a fused chain: its codes are never stored apart */
  PLACE_POOLED,  /* a conv's output that its kernel max-pools at once: never stored */
  PLACE_ALIAS,   /* view, flatten, dropout ...: the codes of another value, as they are */
  PLACE_STATIC   /* a size: known statically, no codes */
} Placement;

struct Tensor {              /* a value of the graph (one per node but the output) */
  const Node *node;          /* names, the op's name, the source line */
  int ndim;
  int shape[MAX_DIMS];
  int64_t bytes;             /* codes of one image (uint8); 0 for a size */
  Layout layout;
  Placement at;
  const Tensor *store;       /* whose buffer holds its codes (itself if it has one); NULL: none */
  int64_t offset;            /* if store == this: the buffer's offset in the arena */
  Step *step;                /* the step that computes it */
  Step *qsrc;                /* the runtime module whose output (scale, zp) describe its codes */
};

typedef enum {
  STEP_QUANTIZE,         /* the input: floats to codes */
  STEP_CONV,             /* qg_conv2d: a Conv2d, its folded BatchNorm, its fused activation */
  STEP_BATCHNORM,        /* a BatchNorm2d no conv precedes: qg_conv2d as a depthwise 1x1 conv */
  STEP_LINEAR,
  STEP_MAXPOOL,
  STEP_AVGPOOL,
  STEP_ADAPTIVE_AVGPOOL,
  STEP_ADD,              /* two tensors that broadcast, added or subtracted */
  STEP_CAT,
  STEP_CLAMP,            /* a ReLU, ReLU6 or Hardtanh that could not be fused */
  STEP_MUL,              /* two tensors that broadcast */
  STEP_LUT,              /* an elementwise op as a table lookup (qg_lut) */
  STEP_PRELU,            /* PReLU: a table per channel, or one (qg_lut_channels) */
  STEP_SOFTMAX,          /* softmax or log_softmax along one dim (qg_softmax) */
  STEP_SLICE,            /* one piece of a chunk or split: a copy (qg_slice) */
  STEP_PERMUTE,          /* transpose, permute within an image: a copy in the new order (qg_permute) */
  STEP_PAD,              /* F.pad, ZeroPad2d: the codes in planes of the zero point (qg_spread2d) */
  STEP_INDEX,            /* x[...] of a tensor (ints, slices, None, ...): a strided copy (qg_permute) */
  STEP_MEAN,             /* mean over dims within an image: a rounded division (qg_mean) */
  STEP_UPSAMPLE,         /* Upsample or interpolate, nearest or bilinear (qg_upsample_nearest, _bilinear) */
  STEP_RESHAPE,          /* view, reshape, flatten: the same codes */
  STEP_IDENTITY,         /* dropout, identity, contiguous: the same codes */
  STEP_STATIC,           /* size(), shape, getitem on sizes: a static value */
  STEP_DEQUANTIZE        /* the output: codes to floats */
} StepKind;

/* The activation a step's clamp applies (its own, or one fused into it). */
typedef enum { ACT_NONE, ACT_RELU, ACT_RELU6, ACT_HARDTANH } ActKind;
typedef struct {
  ActKind kind;
  const Value *lo, *hi;      /* Hardtanh's bounds, as the model wrote them */
} Act;

/* qg_conv_shape's fields, in its order. */
typedef struct {
  int64_t c, h, w, o, oh, ow, kh, kw, groups, sh, sw, ph, pw, dh, dw;
} ConvGeom;

/* qg_pool_shape's fields, in its order (the adaptive pool uses c .. ow). */
typedef struct {
  int64_t c, h, w, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw;
} PoolGeom;

/* One tensor of the weights file: OWNER.FIELD. */
typedef enum { DT_I32, DT_F32, DT_I8, DT_U8 } DType;
typedef struct {
  const char *owner;         /* the step's name, or "output" */
  const char *field;         /* "i", "w", "b", "m", "s", "f", "lut" */
  DType dtype;
  int ndim;
  int64_t dims[4];
  const char *doc;           /* what it holds, or NULL */
} Slot;

struct Step {
  StepKind kind;
  const Node *node;          /* names and the source line; a fused chain's head */
  const Node *fused_bn;      /* the BatchNorm folded into this conv (its module is the runtime's) */
  const Node *fused_act;     /* the activation fused into its clamp */
  Tensor **in;               /* the values it reads, in argument order */
  int nin;
  Tensor *out;               /* the value it computes (a fused chain's last); NULL for DEQUANTIZE */
  bool module;               /* has a runtime module q_NAME and a place in export order */
  const char *wname;         /* its name in the weights file: the node's, or if that is too long for the
                                file's 39-byte names, a prefix and a hash of it (lower.c: weights_name) */
  Slot *slots;               /* its weights-file tensors, a run of prog->slots */
  int nslots;
  Act act;                   /* CONV, BATCHNORM, LINEAR, ADD: the fused one; CLAMP: its own */
  struct {                   /* CONV of a ConvTranspose2d: its input spread out by the stride into zero-point
                                planes hp x wp, in[y][x] at [top + y*sh][left + x*sw], at the start of its
                                scratch; the conv (s->conv) reads them. bytes == 0 for any other conv.
                                PAD: its planes, at stride 1, into its output */
    int64_t planes, h, w, sh, sw, top, left, hp, wp, bytes;
  } spread;
  int spatial;               /* CONV, BATCHNORM, pools: 1 for the 1-D ops (Conv1d, BatchNorm1d, MaxPool1d,
                                ...), lowered as 2-D ones of height 1; else 2 */
  const Value *hyper[6];     /* pools, CAT: the runtime module's arguments, as the model wrote */
  int nhyper;                /*   them (the runtime follows PyTorch's own defaults) */
  Step *conv_pool;           /* CONV: the max pool its kernel computes too */
  Step *pooled_by;           /* MAXPOOL: the conv whose kernel computes it */
  const Node *stmt;          /* RESHAPE, IDENTITY, STATIC, DEQUANTIZE: the statement the
                                generated forward keeps */
  bool alias;                /* IDENTITY: the generated forward binds its output to its input instead */
  int64_t scratch;           /* bytes of kernel scratch, during this step only */
  int64_t scratch_offset;
  int64_t packed;            /* bytes of packed weights: written by init, live for good */
  int64_t packed_offset;
  union {                    /* the resolved geometry of its kind */
    ConvGeom conv;                                   /* CONV, BATCHNORM */
    struct {
      PoolGeom g;
      bool count_include_pad;                        /* AVGPOOL */
      int64_t divisor;                               /* AVGPOOL; 0: the window's */
      bool adaptive;                                 /* MAXPOOL of adaptive_max_pool2d */
    } pool;                                          /* MAXPOOL, AVGPOOL, ADAPTIVE_AVGPOOL */
    struct { int64_t in, out, rows; } linear;        /* features of one row, rows of one image */
    struct {
      int axis;
      int64_t outer;         /* product of the sizes between the batch and the axis */
      int64_t *inner;        /* input k's contiguous run of codes */
    } cat;
    int64_t size;                                    /* CLAMP, LUT: codes of one image */
    struct {
      int64_t outer, n, inner;  /* per image: outer runs of n slices, inner apart */
      bool log;                 /* log_softmax */
    } softmax;                                       /* SOFTMAX */
    struct {
      int64_t c, h, w, oh, ow;  /* per image */
      bool bilinear;            /* else nearest */
      int32_t *src[2][2];       /* [rows, columns]: each output's source (nearest: [k][0] only, as PyTorch
                                   picks it; bilinear: the two it interpolates) */
      int32_t *lam[2];          /* bilinear: the weight of the second source, in 1/1024 */
    } up;                                            /* UPSAMPLE */
    struct {
      int nk, nr;               /* kept and reduced dims of an image, outermost first */
      int64_t ksize[MAX_DIMS], kstride[MAX_DIMS], rsize[MAX_DIMS], rstride[MAX_DIMS];
      int64_t count;            /* codes averaged into each output */
    } mean;                                          /* MEAN */
    struct {
      int rank;                 /* of an image */
      int64_t size[MAX_DIMS], stride[MAX_DIMS];   /* the output's sizes; the input's stride along each */
      int64_t offset;           /* INDEX: where in the image the first code is read */
    } perm;                                          /* PERMUTE, INDEX */
    struct { int64_t outer, in_run, start, len; } slice;   /* SLICE: per image, outer runs */
    struct {
      int64_t n[4];          /* the output's sizes per image, right-aligned, leading 1s */
      int64_t sa[4], sb[4];  /* the operands' strides (codes), 0 where they broadcast */
      bool sub;              /* ADD: a - b */
    } binary;                                        /* ADD, MUL */
    struct { int64_t channels, inner, tables; } prelu;   /* PRELU: per image, channels of inner codes */
  };
  const char *fn;            /* LUT: the runtime's function (QLut), its arguments in hyper */
};

/* An arena buffer: a value's codes, a step's scratch or its packed weights. */
typedef struct {
  const Tensor *value;       /* NULL for a scratch buffer */
  const Step *scratch_of;    /* NULL for a value's buffer */
  int64_t offset, bytes;
  bool packed;               /* scratch_of's packed weights (init writes them) */
} Buffer;

typedef struct {
  const char *class_name;
  const ClassDef *cls;       /* the model class: the Python's methods end its body */
  const Source *src;         /* the file that defines it (the input file, or one it imports) */
  const Parsed *parsed;      /*   parsed */
  TextEdit *edits;           /* its relative imports, made absolute (import.c) */
  int nedits;
  uint64_t fingerprint;      /* of the graph: export() writes it, init checks it */
  int bits;                  /* codes take 2^bits levels */
  Step *steps;               /* graph order, one per node not fused into another: */
  int nsteps;                /*   QUANTIZE first, DEQUANTIZE last */
  Tensor *tensors;           /* every value, graph order */
  int ntensors;
  Step **order;              /* the runtime modules in export order: the output's last */
  int norder;
  Slot *slots;               /* the weights file's table: the modules' in export order, */
  int nslots;                /*   then the output's */
  Buffer *buffers;           /* graph order; a step's scratch after its value */
  int nbuffers;
  int64_t arena_bytes;       /* the arena's peak */
  int64_t total_bytes;       /* every buffer, unshared */
} Program;

Program *lower(Graph *g, int bits);   /* after pass_quantize_plan */

/* ----------------------------------------------------------- memory.c */
/* Offsets in the arena for every buffer (values, scratch), by lifetime. */
void plan_memory(Program *p);

/* ---------------------------------------------- emit_py.c, emit_c.c */
typedef struct {
  const char *template_dir;   /* --template-dir or $QGEN_TEMPLATE_DIR */
  const char *stem;           /* "net" */
  const char *weights;        /* --weights file to embed, or NULL */
  const Source *weights_data; /* its bytes (main reads it: the emitters never fail) */
  int bits;                   /* --bits: quantize()'s default num_bits, the C's LUT size */
} EmitOptions;

extern const char *const kernel_templates[]; /* the kernel library's parts, in order, NULL-terminated */
const char *template_text(const char *name, const EmitOptions *opt);
void template_expand(Buf *b, const char *text, void (*fill)(Buf *b, const char *marker, void *ctx), void *ctx);
/* The emitters print the lowered program; they never fail. */
void emit_python(Buf *b, const Program *p, const EmitOptions *opt);   /* the class's file, rewritten */
void emit_runtime_py(Buf *b, const EmitOptions *opt);
void emit_c(Buf *source, Buf *header, const Program *p, const EmitOptions *opt);

#endif
