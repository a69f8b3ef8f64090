/* import.c: modules, much like Python's own.
 *
 * A module is a file (or a stub, or both: a stub's names come first) read
 * once, into a cache keyed by its qualified name. Its top level is not run
 * statement by statement: each binding it makes (import, def, class,
 * NAME = ...) is kept, and evaluated the first time the name is used, so
 * only what the model reaches is evaluated, and a module that cannot be
 * found, or a binding qgen cannot evaluate, is an error only where it is
 * used. The error then names the import chain.
 *
 * Where modules are found, for `import a.b`:
 *   - torch and qgen's other own namespaces (math, typing, enum ...) are the
 *     table in torch.def, never read from disk;
 *   - stubs: --stub-dir DIRs, then the ones compiled in (stubs/);
 *   - the input file's package root (found by walking up __init__.py files;
 *     the input file's own directory if it is in no package), then -I DIRs,
 *     then $PYTHONPATH.
 * Relative imports start from the importing module's package. Importing
 * a.b.c reads a/b/c.py only: the packages' __init__.py files are read when
 * a name is taken from the package itself. */
#include "qgen.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
  const char *name;   /* "functools.py", "torchvision/models/_utils.py" */
  const char *text;
} builtin_stubs[] = {
#include "stubs.inc"
};

static Dict *cache;            /* qualified name -> V_MODULE, or V_NONE: not found */
static Parsed *parsed_list[1024];
static int nparsed;

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? arena_strndup(path, (size_t)(slash - path)) : ".";
}

/* "a.b.c" -> "a/b/c" */
static const char *rel_path(const char *qualname) {
  char *s = arena_strdup(qualname);
  for (char *p = s; *p; p++)
    if (*p == '.')
      *p = '/';
  return s;
}

/* ------------------------------------------------------ the top level */
static void bind(PyModule *m, LazyKind kind, const char *name, TSNode node) {
  LazyDef *d = arena_alloc(sizeof *d);
  d->kind = kind;
  d->name = name;
  d->node = node;
  d->from = m;
  Value *old = dict_get(m->lazy, name);
  d->prev = old ? old->lazy : NULL;
  Value *v = arena_alloc(sizeof *v);
  v->kind = V_LAZY;
  v->lazy = d;
  dict_set(m->lazy, name, v);
}

static const char *text_of(PyModule *m, TSNode n) { return node_text(m->parsed->src, n); }

/* The module `from X import ...` names, resolved against m's package. */
static const char *resolve(PyModule *m, const char *written) {
  if (written[0] != '.')
    return written;
  int level = 0;
  while (written[level] == '.')
    level++;
  const char *base = m->package;
  for (int i = 1; i < level; i++) {
    const char *dot = strrchr(base, '.');
    base = dot ? arena_strndup(base, (size_t)(dot - base)) : "";
  }
  const char *rest = written + level;
  if (!*base)
    return rest;
  return *rest ? format("%s.%s", base, rest) : base;
}

static PyModule *module_load(Interp *in, const char *qualname);
static void bind_star(Interp *in, PyModule *m, const char *target, TSNode stmt);

/* import_statement = "import" (dotted_name | aliased_import) ("," ...)*
 * import_from_statement = "from" module "import" (dotted_name | aliased_import | wildcard)+ */
static void bind_import(Interp *in, PyModule *m, TSNode n) {
  bool from = sym(n) == SYM_import_from_statement;
  const char *written = from ? text_of(m, field(n, FLD_module_name)) : NULL;
  const char *target = from ? resolve(m, written) : NULL;
  bool any = false;
  for (uint32_t i = 0; i < named_count(n); i++) {
    TSNode c = named_child(n, i);
    if (from && ts_node_eq(c, field(n, FLD_module_name)))
      continue;
    TSNode name = sym(c) == SYM_aliased_import ? field(c, FLD_name) : c;
    TSNode alias = sym(c) == SYM_aliased_import ? field(c, FLD_alias) : (TSNode){0};
    if (sym(name) != SYM_dotted_name)
      continue;
    any = true;
    const char *dotted = text_of(m, name);
    const char *as = ts_node_is_null(alias) ? NULL : text_of(m, alias);
    if (from) {
      bind(m, LZ_IMPORT_FROM, as ? as : dotted, n);
      LazyDef *d = dict_get(m->lazy, as ? as : dotted)->lazy;
      d->target = target, d->attr = dotted, d->written = written;
    } else {
      /* `import a.b` binds a; `import a.b as c` binds c to a.b */
      const char *bound = as ? as : arena_strndup(dotted, strcspn(dotted, "."));
      bind(m, LZ_IMPORT, bound, n);
      LazyDef *d = dict_get(m->lazy, bound)->lazy;
      d->target = as ? dotted : bound, d->written = d->target;
    }
  }
  if (from && !any)
    bind_star(in, m, target, n);
}

/* `torch.fx.wrap("name")` at the top level: FX records calls of that
 * function (from this module) as call_function nodes. */
static void note_fx_wrap(PyModule *m, TSNode stmt) {
  TSNode call = named_child(stmt, 0);
  if (sym(call) != SYM_call)
    return;
  const char *fn = text_of(m, field(call, FLD_function));
  size_t n = strlen(fn);
  if (strcmp(fn, "wrap") && (n < 7 || strcmp(fn + n - 7, "fx.wrap")))
    return;
  TSNode args = field(call, FLD_arguments);
  TSNode a = named_child(args, 0);
  if (named_count(args) != 1 || sym(a) != SYM_string)
    return;
  const char *s = text_of(m, a);
  dict_set(m->wrapped, arena_strndup(s + 1, strlen(s) - 2), &true_value);
}

static void bind_target(PyModule *m, TSNode target, TSNode stmt) {
  Sym s = sym(target);
  if (s == SYM_identifier)
    bind(m, LZ_ASSIGN, text_of(m, target), stmt);
  else if (s == SYM_pattern_list || s == SYM_tuple_pattern || s == SYM_list_pattern || s == SYM_tuple ||
           s == SYM_list || s == SYM_expression_list)
    for (uint32_t i = 0; i < named_count(target); i++)
      bind_target(m, named_child(target, i), stmt);
  else if (s == SYM_list_splat_pattern)
    bind_target(m, named_child(target, 0), stmt);
}

/* Record the bindings of a block of top-level statements. A `try` is
 * taken as its body; `if` blocks (version checks, TYPE_CHECKING) are not
 * run; neither is any other statement (training code, __main__ blocks). */
static void scan(Interp *in, PyModule *m, TSNode block) {
  for (uint32_t i = 0; i < named_count(block); i++) {
    TSNode s = named_child(block, i);
    switch (sym(s)) {
    case SYM_import_statement:
    case SYM_import_from_statement:
      bind_import(in, m, s);
      break;
    case SYM_function_definition:
      bind(m, LZ_DEF, text_of(m, field(s, FLD_name)), s);
      break;
    case SYM_class_definition:
      bind(m, LZ_CLASS, text_of(m, field(s, FLD_name)), s);
      break;
    case SYM_decorated_definition: {
      TSNode def = field(s, FLD_definition);
      bind(m, sym(def) == SYM_class_definition ? LZ_CLASS : LZ_DEF, text_of(m, field(def, FLD_name)), s);
      break;
    }
    case SYM_expression_statement: {
      TSNode e = named_child(s, 0);
      if (sym(e) == SYM_assignment && !ts_node_is_null(field(e, FLD_right))) {
        /* a = b = value binds both */
        for (TSNode a = e; sym(a) == SYM_assignment; a = field(a, FLD_right))
          bind_target(m, field(a, FLD_left), e);
      } else if (sym(e) == SYM_call)
        note_fx_wrap(m, s);
      break;
    }
    case SYM_try_statement:
      scan(in, m, field(s, FLD_body));
      break;
    default:
      break;
    }
  }
}

/* ----------------------------------------------------------- loading */
static void module_parse(Interp *in, PyModule *m, const Source *src) {
  if (nparsed == (int)(sizeof parsed_list / sizeof *parsed_list))
    fatal("more than %d modules imported", nparsed);
  m->parsed = parse_source(src);
  m->globals->src = src;
  parsed_list[nparsed++] = m->parsed;
  scan(in, m, m->parsed->root);
}

/* A file under a stub is read the first time a name is not the stub's. */
static void undefer(Interp *in, PyModule *m) {
  if (!m->deferred)
    return;
  m->deferred = false;
  Source *src = source_load(m->path);
  if (src)
    module_parse(in, m, src);
}

static PyModule *module_new(Interp *in, const char *qualname, const char *path, const Source *src, bool is_pkg) {
  PyModule *m = arena_alloc(sizeof *m);
  m->name = qualname;
  m->path = path;
  if (is_pkg)
    m->package = qualname;
  else {
    const char *dot = strrchr(qualname, '.');
    m->package = dot ? arena_strndup(qualname, (size_t)(dot - qualname)) : "";
  }
  m->lazy = dict_new();
  m->wrapped = dict_new();
  m->globals = arena_alloc(sizeof *m->globals);
  m->globals->vars = dict_new();
  m->globals->src = src;
  m->globals->module = m;
  if (src)
    module_parse(in, m, src);
  return m;
}

static const char *stub_text(Interp *in, const char *file, const char **path) {
  for (int i = 0; i < in->imports.nstub_dirs; i++) {
    const char *p = format("%s/%s", in->imports.stub_dirs[i], file);
    Source *s = is_file(p) ? source_load(p) : NULL;
    if (s) {
      *path = p;
      return s->text;
    }
  }
  for (size_t i = 0; i < sizeof builtin_stubs / sizeof *builtin_stubs; i++)
    if (!strcmp(builtin_stubs[i].name, file)) {
      *path = format("<qgen stub %s>", file);
      return builtin_stubs[i].text;
    }
  return NULL;
}

static bool stub_exists(Interp *in, const char *qualname) {
  const char *p, *rel = rel_path(qualname);
  return stub_text(in, format("%s.py", rel), &p) || stub_text(in, format("%s/__init__.py", rel), &p);
}

/* The file for qualname under the search path, NULL if none. */
static const char *find_file(Interp *in, const char *qualname, bool *is_pkg) {
  const char *rel = rel_path(qualname);
  for (int i = 0; i < in->imports.ndirs; i++) {
    const char *p = format("%s/%s.py", in->imports.dirs[i], rel);
    if (is_file(p))
      return *is_pkg = false, p;
    p = format("%s/%s/__init__.py", in->imports.dirs[i], rel);
    if (is_file(p))
      return *is_pkg = true, p;
  }
  return NULL;
}

/* The module qualname, read on first use; NULL if it is nowhere. */
static PyModule *module_load(Interp *in, const char *qualname) {
  Value *c = dict_get(cache, qualname);
  if (c)
    return c->kind == V_MODULE ? c->mod : NULL;
  const char *rel = rel_path(qualname), *stub_path = NULL;
  const char *stub = stub_text(in, format("%s.py", rel), &stub_path);
  bool stub_pkg = false;
  if (!stub && (stub = stub_text(in, format("%s/__init__.py", rel), &stub_path)))
    stub_pkg = true;
  bool is_pkg = false;
  const char *path = find_file(in, qualname, &is_pkg);
  Source *src = NULL;
  if (path && !stub && !(src = source_load(path)))
    path = NULL;
  if (!stub && !path) {
    dict_set(cache, qualname, &none_value);
    return NULL;
  }
  Value *mv = arena_alloc(sizeof *mv);
  mv->kind = V_MODULE;
  dict_set(cache, qualname, mv);   /* before its code: imports may cycle */
  PyModule *sm = stub ? module_new(in, qualname, stub_path, source_from_string(stub_path, stub), stub_pkg) : NULL;
  if (sm)
    sm->is_stub = true;
  /* under a stub, the real file is read only when the stub lacks a name */
  PyModule *m = path ? module_new(in, qualname, path, src, is_pkg) : sm;
  if (path && sm) {
    m->stub = sm;
    m->deferred = true;
  }
  mv->mod = m;
  return m;
}

/* The package root and qualified name of the input file: walk up while
 * the directory holds an __init__.py. */
PyModule *module_main(Interp *in, const Parsed *parsed) {
  cache = dict_new();
  const char *path = parsed->src->path;
  const char *dir = dir_of(path), *base = base_name(path);
  size_t n = strlen(base);
  const char *name = n > 3 && !strcmp(base + n - 3, ".py") ? arena_strndup(base, n - 3) : base;
  bool is_pkg = !strcmp(name, "__init__");
  if (is_pkg) {
    name = base_name(dir);
    dir = dir_of(dir);
  }
  while (is_file(format("%s/__init__.py", dir)) && strcmp(dir, "/") && strcmp(dir, ".")) {
    name = format("%s.%s", base_name(dir), name);
    const char *up = dir_of(dir);
    if (!strcmp(up, dir))
      break;
    dir = up;
  }
  /* the search path: the package root, the input file's own directory (a
   * script's siblings, as `python net.py` finds them), -I DIRs, $PYTHONPATH */
  ImportOptions *io = &in->imports;
  const char *own = dir_of(path);
  int first = strcmp(own, dir) ? 2 : 1, ndirs = io->ndirs < 62 ? io->ndirs : 62;
  memmove(io->dirs + first, io->dirs, sizeof *io->dirs * (size_t)ndirs);
  io->dirs[0] = dir;
  io->dirs[1] = own;
  io->ndirs = ndirs + first;
  const char *pp = getenv("PYTHONPATH");
  while (pp && *pp && io->ndirs < 64) {
    size_t k = strcspn(pp, ":");
    if (k)
      io->dirs[io->ndirs++] = arena_strndup(pp, k);
    pp += k + (pp[k] == ':');
  }
  PyModule *m = arena_alloc(sizeof *m);
  Value *mv = arena_alloc(sizeof *mv);
  mv->kind = V_MODULE;
  mv->mod = m;
  m->name = name;
  m->path = path;
  m->is_main = true;
  const char *dot = strrchr(name, '.');
  m->package = is_pkg ? name : dot ? arena_strndup(name, (size_t)(dot - name)) : "";
  m->parsed = (Parsed *)parsed;
  m->lazy = dict_new();
  m->wrapped = dict_new();
  m->globals = arena_alloc(sizeof *m->globals);
  m->globals->vars = dict_new();
  m->globals->src = parsed->src;
  m->globals->module = m;
  dict_set(cache, name, mv);
  const char *stub_path;
  const char *stub = stub_text(in, format("%s.py", rel_path(name)), &stub_path);
  if (stub) {
    m->stub = module_new(in, name, stub_path, source_from_string(stub_path, stub), false);
    m->stub->is_stub = true;
  }
  scan(in, m, parsed->root);
  return m;
}

/* ------------------------------------------------------------- names */
static bool own_namespace(const char *qualname) {
  return !strcmp(qualname, "torch") || !strncmp(qualname, "torch.", 6) || is_namespace(qualname);
}

static const char *where(PyModule *m) { return m->path ? m->path : m->name; }

/* The value of `import qualname`: one of ours, a module, or unavailable. */
static Value *import_value(Interp *in, const char *qualname, LazyDef *d) {
  if (own_namespace(qualname))
    return v_namespace(qualname);
  PyModule *m = module_load(in, qualname);
  if (m) {
    Value *v = arena_alloc(sizeof *v);
    v->kind = V_MODULE;
    v->mod = m;
    return v;
  }
  Loc at = d ? node_loc(d->from->parsed->src, d->node) : (Loc){0};
  return v_unavailable(format("module '%s' is not available: no file for it on the search path (the package root, "
                              "-I, $PYTHONPATH) and no stub for it (--stub-dir)", qualname),
                       "imported here", at);
}

/* `from target import attr` */
static Value *import_from(Interp *in, LazyDef *d) {
  Loc at = node_loc(d->from->parsed->src, d->node);
  if (own_namespace(d->target)) {
    Value *v = namespace_attr(d->target, d->attr);
    if (v)
      return v;
    const char *sub = format("%s.%s", d->target, d->attr);
    if (own_namespace(sub))
      return v_namespace(sub);
    return v_unavailable(format("%s (from %s) is not available", d->attr, d->written),
                         format("qgen does not know %s", sub), at);
  }
  /* `from pkg import sub`: a submodule file is taken without running the
   * package's __init__.py (whose star imports would read half the package) */
  const char *subname = format("%s.%s", d->target, d->attr);
  bool sub_pkg;
  Value *c = dict_get(cache, subname);
  if ((c && c->kind == V_MODULE) || (!c && !stub_exists(in, subname) && find_file(in, subname, &sub_pkg))) {
    PyModule *sub = module_load(in, subname);
    if (sub) {
      Value *mv = arena_alloc(sizeof *mv);
      mv->kind = V_MODULE;
      mv->mod = sub;
      return mv;
    }
  }
  PyModule *m = module_load(in, d->target);
  if (!m)
    return v_unavailable(format("%s (from %s) is not available: no module '%s' on the search path (the package root, "
                                "-I, $PYTHONPATH) and no stub for it (--stub-dir)", d->attr, d->written, d->target),
                         "imported here", at);
  Value *v = module_global(in, m, d->attr, at);
  if (v && v->kind == V_UNAVAILABLE)
    return v_unavailable(format("%s (from %s, %s) is not available", d->attr, d->written, where(m)),
                         v->na.why ? v->na.why : v->na.what, v->na.why ? v->na.where : at);
  if (v)
    return v;
  PyModule *sub = module_load(in, format("%s.%s", d->target, d->attr));
  if (sub) {
    Value *mv = arena_alloc(sizeof *mv);
    mv->kind = V_MODULE;
    mv->mod = sub;
    return mv;
  }
  return v_unavailable(format("%s (from %s) is not available", d->attr, d->written),
                       format("cannot import name '%s' from '%s' (%s)", d->attr, d->target, where(m)), at);
}

/* `from target import *`: kept, and asked when a name is not bound here,
 * so that the module is read only if a name is taken from it. (Python
 * binds the names at the import; the difference shows only when the module
 * binds the same name itself before the import, which it then keeps.) */
static void bind_star(Interp *in, PyModule *m, const char *target, TSNode stmt) {
  (void)in;
  if (m->nstars == (int)(sizeof m->stars / sizeof *m->stars))
    error_at(node_loc(m->parsed->src, stmt), "more than %d star imports in one module", m->nstars);
  m->stars[m->nstars] = target;
  m->star_stmt[m->nstars++] = stmt;
}

/* NAME from the star imports of m, the last import first. */
static Value *star_global(Interp *in, PyModule *m, const char *name, Loc use) {
  for (int i = m->nstars - 1; i >= 0; i--) {
    if (own_namespace(m->stars[i])) {
      Value *v = namespace_attr(m->stars[i], name);
      if (v)
        return v;
      continue;
    }
    PyModule *src = module_load(in, m->stars[i]);
    if (!src)
      continue;
    undefer(in, src);
    bool exported = name[0] != '_';
    if (dict_get(src->lazy, "__all__") || (src->stub && dict_get(src->stub->lazy, "__all__"))) {
      Value *all = module_global(in, src, "__all__", use);
      exported = false;
      for (int k = 0; all && v_is_seq(all) && k < all->list->n && !exported; k++)
        exported = all->list->items[k]->kind == V_STR && !strcmp(all->list->items[k]->s, name);
    }
    Value *v = exported ? module_global(in, src, name, use) : NULL;
    if (v)
      return v;
  }
  return NULL;
}

static Value *run_binding(Interp *in, PyModule *m, LazyDef *d) {
  switch (d->kind) {
  case LZ_IMPORT:
    return import_value(in, d->target, d);
  case LZ_IMPORT_FROM:
    return import_from(in, d);
  default:
    return eval_binding(in, m, d);
  }
}

/* Evaluate a binding of an imported module. An error there is kept, and
 * becomes the error of whoever uses the name. */
static Value *run_deferred(Interp *in, PyModule *m, LazyDef *d) {
  if (m->is_main)
    return run_binding(in, m, d);
  Diag diag = {0};
  Diag *saved_capture = error_capture;
  jmp_buf *saved_trap = error_trap;
  Interp saved = *in;
  EvalMark mark = eval_mark();
  jmp_buf jb;
  error_capture = &diag;
  error_trap = &jb;
  Value *v;
  if (setjmp(jb) == 0) {
    v = run_binding(in, m, d);
  } else {
    *in = saved;
    eval_reset(mark);
    /* the cause of the cause, if any, goes into the note's text */
    const char *why = diag.msg;
    if (diag.note && diag.note_loc.src)
      why = format("%s (%s:%u:%u: %s)", diag.msg, diag.note_loc.src->path, diag.note_loc.line, diag.note_loc.col,
                   diag.note);
    else if (diag.note)
      why = format("%s (%s)", diag.msg, diag.note);
    v = v_unavailable(format("%s (in %s) could not be evaluated", d->name, where(m)), why, diag.loc);
  }
  error_capture = saved_capture;
  error_trap = saved_trap;
  return v;
}

static Value *force(Interp *in, PyModule *m, LazyDef *d, Loc use) {
  if (d->state == 2)
    return d->value;
  if (d->state == 1) {
    /* N = N + 1: while a binding runs, its name means the one before */
    if (d->prev)
      return force(in, m, d->prev, use);
    if (m->is_main && d->kind < LZ_IMPORT_FROM)
      error_at(use, "name '%s' is defined in terms of itself", d->name);
    error_at(use, "import cycle: '%s' (in %s) is needed to compute itself, through the modules that import it",
             d->name, where(m));
  }
  d->state = 1;
  Value *v = run_deferred(in, m, d);
  d->value = v;
  d->state = 2;
  return v;
}

Value *module_global(Interp *in, PyModule *m, const char *name, Loc use) {
  Value *v = dict_get(m->globals->vars, name);
  if (v)
    return v;
  if (m->stub && (v = module_global(in, m->stub, name, use)))
    return v;
  undefer(in, m);
  Value *lz = dict_get(m->lazy, name);
  if (!lz) {
    v = m->nstars ? star_global(in, m, name, use) : NULL;
    if (v)
      dict_set(m->globals->vars, name, v);
    return v;
  }
  v = force(in, m, lz->lazy, use);
  if (v->kind == V_FUNC && dict_get(m->wrapped, name) && !v->func->fx_target) {
    FuncDef *f = arena_alloc(sizeof *f);
    *f = *v->func;
    char *t = arena_strdup(format("%s.%s", m->name, name));
    for (char *p = t; *p; p++)
      if (*p == '.')
        *p = '_';
    f->fx_target = t;
    v = v_func(f);
  }
  dict_set(m->globals->vars, name, v);
  return v;
}

/* m.name: a binding of m, else its submodule m.name. */
Value *module_getattr(Interp *in, PyModule *m, const char *name, Loc use) {
  Value *v = module_global(in, m, name, use);
  if (v)
    return v;
  PyModule *sub = module_load(in, format("%s.%s", m->name, name));
  if (!sub)
    error_at(use, "module '%s' (%s) has no attribute '%s'", m->name, where(m), name);
  v = arena_alloc(sizeof *v);
  v->kind = V_MODULE;
  v->mod = sub;
  return v;
}

/* An import statement inside a def: bind now. */
void import_stmt(Interp *in, Scope *sc, TSNode n) {
  Scope *g = sc;
  while (g->parent)
    g = g->parent;
  PyModule *m = g->module;
  Dict *saved = m->lazy;
  m->lazy = dict_new();
  bind_import(in, m, n);
  Dict *fresh = m->lazy;
  m->lazy = saved;
  for (int i = 0; i < fresh->n; i++)
    dict_set(sc->vars, fresh->keys[i], force(in, m, fresh->vals[i]->lazy, node_loc(m->parsed->src, n)));
}

/* The files read for imports (not the input file, not built-in stubs),
 * in the order read: a depfile's prerequisites. */
int module_files(const char **out, int max) {
  int n = 0;
  for (int i = 0; i < nparsed && n < max; i++) {
    const char *path = parsed_list[i]->src->path;
    if (path[0] != '<')
      out[n++] = path;
  }
  return n;
}

static void relative_imports(PyModule *m, TSNode n, Buf *edits) {
  if (sym(n) == SYM_import_from_statement) {
    TSNode mod = field(n, FLD_module_name);
    const char *written = text_of(m, mod);
    if (written[0] == '.') {
      TextEdit e = {ts_node_start_byte(mod), ts_node_end_byte(mod), resolve(m, written)};
      buf_putn(edits, (const char *)&e, sizeof e);
    }
    return;
  }
  for (uint32_t i = 0; i < named_count(n); i++)
    relative_imports(m, named_child(n, i), edits);
}

int module_absolute_imports(PyModule *m, TextEdit **out) {
  Buf edits = {0};
  relative_imports(m, m->parsed->root, &edits);
  *out = (TextEdit *)edits.data;
  return (int)(edits.len / sizeof(TextEdit));
}

void modules_keep(Parsed *p) {
  if (nparsed == (int)(sizeof parsed_list / sizeof *parsed_list)) {
    parse_free(p);
    fatal("more than %d modules imported", nparsed);
  }
  parsed_list[nparsed++] = p;
}

void modules_free(void) {
  while (nparsed > 0)
    parse_free(parsed_list[--nparsed]);
}
