/* qgen.h: the one internal header. One banner section per stage, in
 * pipeline order: arena, source, parse, value, torch ops, eval, trace,
 * graph, passes, emitters. Everything not declared here is static. */
#ifndef QGEN_H
#define QGEN_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#define MAX_DIMS 8
#define NORETURN __attribute__((noreturn))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

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
typedef struct {
  const char *path;      /* as given on the command line */
  const char *text;      /* NUL-terminated copy of the file */
  size_t len;
  int nlines;
  uint32_t *line_start;  /* byte offset of each line */
  bool binary;           /* NUL bytes or invalid UTF-8: no source line shown */
} Source;

typedef struct {
  const Source *src;
  uint32_t line, col;    /* 1-based; col counts bytes */
} Loc;

Source *source_load(const char *path);       /* NULL (errno set) if unreadable */
Source *source_from_string(const char *path, const char *text);
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
  X(string_start) X(string_end) X(with_statement) X(try_statement)

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
  X(type) X(definition)

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

/* ------------------------------------------------------------ value.c */
typedef enum {
  V_NONE, V_BOOL, V_INT, V_FLOAT, V_STR, V_TUPLE, V_LIST, V_DICT, V_SLICE,
  V_FUNC,     /* a def, with the scope it was defined in */
  V_CLASS,    /* a user class */
  V_OBJECT,   /* an instance: a user class or a torch.nn module */
  V_BUILTIN,  /* a torch / F / nn / Python builtin entry (OpDef) */
  V_BOUND,    /* a method bound to its self: user function or builtin */
  V_PROXY,    /* a tensor in forward: a graph node */
  V_SUPER,    /* super(): bound.self, and bound.fn the class whose bases are searched */
  V_NAMESPACE /* an imported Python module such as torch.nn */
} VKind;

typedef struct Scope Scope;
typedef struct Dict Dict;

typedef struct {
  int n, cap;
  Value **items;
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
} ClassDef;

typedef struct {
  const char *name;
  TSNode node;          /* function_definition */
  Scope *scope;         /* defining scope (module globals or enclosing def) */
  ClassDef *owner;      /* class it was defined in, for super() */
  bool is_static;       /* @staticmethod */
  const Source *src;
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
  };
};

extern Value none_value, true_value, false_value;
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
  Q_MAXPOOL, Q_AVGPOOL, Q_ADAPTIVE_AVGPOOL, Q_ADD, Q_CAT, Q_SIGMOID,
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
/* Bind args and keywords to a signature: out[i] for each parameter. */
void bind_args(const OpDef *op, Value **args, int nargs, Dict *kw, Value **out, Loc loc);
Value *param(const OpDef *op, Value **p, const char *name);   /* p[name] */
Object *nn_module_new(const OpDef *op, Value **params, Loc loc);
Value *eval_literal(const char *text, Loc loc);   /* --arg values, defaults */
int64_t as_int(Value *v, const char *what, Loc loc);   /* ints, bools, sized proxies */
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
};

struct Interp {
  const Parsed *parsed;
  Scope *globals;
  Graph *graph;         /* non-NULL while tracing forward */
  int depth;
};

typedef struct {
  const char *class_name;      /* --class */
  const char *arg_names[32];   /* --arg NAME=VALUE */
  const char *arg_values[32];
  int nargs;
} ModelOptions;

Interp *interp_new(const Parsed *parsed);
void interp_exec_module(Interp *in);
ClassDef *find_model_class(Interp *in, const char *name);
Value *instantiate_model(Interp *in, ClassDef *cls, const ModelOptions *opt);
Value *call_value(Interp *in, Value *fn, Value **args, int nargs, Dict *kw, Loc loc);
Value *get_attr(Interp *in, Value *obj, const char *name, Loc loc);
Value *class_method(ClassDef *c, const char *name);

/* ------------------------------------------------------------ trace.c */
Graph *trace_forward(Interp *in, Value *model, const int *shape, int ndim, Loc loc);
Value *trace_call_module(Interp *in, Value *mod, Value **args, int nargs, Dict *kw, Loc loc);
Value *trace_call_function(Interp *in, const OpDef *op, Value **args, int nargs, Dict *kw, Loc loc);
Value *trace_call_method(Interp *in, const OpDef *op, Value *self, Value **args, int nargs, Dict *kw, Loc loc);
Value *trace_binary(Interp *in, const char *opname, Value *a, Value *b, Loc loc);
Value *trace_getitem(Interp *in, Value *obj, Value *key, Loc loc);
Value *trace_getattr(Interp *in, Value *obj, const char *name, Loc loc);
Value *trace_get_param(Interp *in, Value *module, const char *name, Loc loc);
List *trace_iterate(Value *proxy, Loc loc);   /* a chunk's pieces; NULL if not known */
bool value_has_proxy(const Value *v);
int64_t shape_numel(const int *shape, int ndim);

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
  Node *c_pool;           /* C only: a max pool computed by this conv's kernel */
  int buffer;             /* memory plan: arena offset in bytes, -1 if none */
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
void node_statement(Buf *b, Node *n);         /* the node as FX's Python: `y = f(x)` */

/* ----------------------------------------------------------- passes.c */
void pass_quantize_plan(Graph *g);   /* fold BN, fuse activations, check ops */
/* Arena offsets for every stored value (n->buffer) and for each node's
 * scratch (scratch(n) bytes, live during that node only). */
void pass_memory_plan(Graph *g, int64_t (*scratch)(Node *n), int64_t *scratch_off, int64_t *arena_bytes,
                      int64_t *total_bytes);
bool node_is_qmodule(const Node *n);  /* has its own runtime module (q_NAME) */
Node *node_input(const Node *n, int k);   /* k-th tensor input */
int node_ninputs(const Node *n);

/* ---------------------------------------------- emit_py.c, emit_c.c */
typedef struct {
  const char *template_dir;   /* --template-dir or $QGEN_TEMPLATE_DIR */
  const char *stem;           /* "net" */
  const char *weights;        /* --weights file to embed, or NULL */
  int bits;                   /* --bits: quantize()'s default num_bits, the C's LUT size */
} EmitOptions;

const char *template_text(const char *name, const EmitOptions *opt);
void template_expand(Buf *b, const char *text, void (*fill)(Buf *b, const char *marker, void *ctx), void *ctx);
void emit_python(Buf *b, Graph *g, const Parsed *p, const EmitOptions *opt);
int qmodule_order(Graph *g, Node **out);   /* export()'s and the C's order */
void emit_runtime_py(Buf *b, const EmitOptions *opt);
void emit_c(Buf *source, Buf *header, Graph *g, const EmitOptions *opt);

#endif
