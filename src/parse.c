/* parse.c: tree-sitter glue. Creates the parser, checks the grammar's ABI
 * against the runtime's, parses, and turns the first ERROR or MISSING node
 * into a diagnostic. Node kinds and field ids are looked up once. */
#include "qgen.h"
#include <string.h>

const TSLanguage *tree_sitter_python(void);

static const TSLanguage *lang;
static Sym sym_of[1024];             /* tree-sitter symbol id -> Sym */
static TSFieldId field_id[FLD_COUNT];

static const char *sym_names[] = {
  "",
#define X(n) #n,
  SYMBOLS(X)
#undef X
};
static const char *field_names[] = {
  "",
#define X(n) #n,
  FIELDS(X)
#undef X
};

static void init_tables(void) {
  uint32_t count = ts_language_symbol_count(lang);
  for (uint32_t id = 0; id < count && id < 1024; id++) {
    if (ts_language_symbol_type(lang, (TSSymbol)id) != TSSymbolTypeRegular)
      continue;
    const char *name = ts_language_symbol_name(lang, (TSSymbol)id);
    for (int s = 1; s < SYM_COUNT; s++)
      if (!strcmp(name, sym_names[s]))
        sym_of[id] = (Sym)s;
  }
  for (int f = 1; f < FLD_COUNT; f++)
    field_id[f] = ts_language_field_id_for_name(lang, field_names[f], (uint32_t)strlen(field_names[f]));
}

Sym sym(TSNode n) {
  if (ts_node_is_null(n) || !ts_node_is_named(n))
    return SYM_UNKNOWN;
  TSSymbol s = ts_node_symbol(n);
  return s < 1024 ? sym_of[s] : SYM_UNKNOWN;
}


const char *node_text(const Source *src, TSNode n) {
  uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  return arena_strndup(src->text + a, b - a);
}

Loc node_loc(const Source *src, TSNode n) { return loc_of_byte(src, ts_node_start_byte(n)); }

/* A node's named children, found once with a cursor and kept: tree-sitter's
 * ts_node_named_child(n, i) walks from the first child, so a loop over a
 * block of k statements costs k^2, and the interpreter runs the same
 * blocks again and again. Keyed by the node's subtree and position. */
typedef struct {
  const void *id;
  uint32_t start;
  uint32_t n, nf;
  TSNode *kids;
  TSNode *fnodes;       /* the children that have a field, and its id */
  TSFieldId *fids;
} Kids;
static Kids *kids_table;
static size_t kids_cap, kids_used;

static size_t kids_slot(const void *id, uint32_t start) {
  uintptr_t h = ((uintptr_t)id >> 4) * 0x9E3779B97F4A7C15ull ^ start * 0x85EBCA6Bu;
  size_t mask = kids_cap - 1, i = (size_t)(h ^ (h >> 29)) & mask;
  while (kids_table[i].id && (kids_table[i].id != id || kids_table[i].start != start))
    i = (i + 1) & mask;
  return i;
}

static Kids *kids_of(TSNode n) {
  if (kids_used * 2 >= kids_cap) {
    Kids *old = kids_table;
    size_t oldcap = kids_cap;
    kids_cap = kids_cap ? kids_cap * 2 : 4096;
    kids_table = arena_alloc(sizeof *kids_table * kids_cap);
    for (size_t i = 0; i < oldcap; i++)
      if (old[i].id)
        kids_table[kids_slot(old[i].id, old[i].start)] = old[i];
  }
  uint32_t start = ts_node_start_byte(n);
  Kids *k = &kids_table[kids_slot(n.id, start)];
  if (k->id)
    return k;
  k->id = n.id;
  k->start = start;
  kids_used++;
  uint32_t count = ts_node_named_child_count(n), all = ts_node_child_count(n);
  k->kids = arena_alloc(sizeof(TSNode) * (count + 1));
  k->fnodes = arena_alloc(sizeof(TSNode) * (all + 1));
  k->fids = arena_alloc(sizeof(TSFieldId) * (all + 1));
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c))
    do {
      TSNode x = ts_tree_cursor_current_node(&c);
      TSFieldId f = ts_tree_cursor_current_field_id(&c);
      if (ts_node_is_named(x) && k->n < count)
        k->kids[k->n++] = x;
      if (f && k->nf < all) {
        k->fnodes[k->nf] = x;
        k->fids[k->nf++] = f;
      }
    } while (ts_tree_cursor_goto_next_sibling(&c));
  ts_tree_cursor_delete(&c);
  return k;
}

uint32_t named_count(TSNode n) { return ts_node_is_null(n) ? 0 : kids_of(n)->n; }
TSNode named_child(TSNode n, uint32_t i) {
  Kids *k = kids_of(n);
  return i < k->n ? k->kids[i] : (TSNode){0};
}

/* The first child with field f (as ts_node_child_by_field_id), from the kept children. */
TSNode field(TSNode n, Field f) {
  if (ts_node_is_null(n) || !field_id[f])
    return (TSNode){0};
  Kids *k = kids_of(n);
  for (uint32_t i = 0; i < k->nf; i++)
    if (k->fids[i] == field_id[f])
      return k->fnodes[i];
  return (TSNode){0};
}

/* Trees are freed before the arena: forget what was kept of them. */
void named_children_forget(void) {
  kids_table = NULL;
  kids_cap = kids_used = 0;
}

/* The first ERROR or MISSING node in document order, or a null node. */
static TSNode first_error(TSNode n) {
  if (ts_node_is_missing(n) || !strcmp(ts_node_type(n), "ERROR"))
    return n;
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode c = ts_node_child(n, i);
    if (ts_node_has_error(c)) {
      TSNode e = first_error(c);
      if (!ts_node_is_null(e))
        return e;
    }
  }
  return (TSNode){0};
}

/* The first node deeper than QGEN_MAX_NESTING levels below n, or a null
 * node: one cursor walks the tree, so that a chain of 10^5 unary minuses
 * costs no stack here; every later pass over the tree recurses, with at
 * most this depth. */
static TSNode too_deep(TSNode n) {
  TSTreeCursor c = ts_tree_cursor_new(n);
  TSNode deep = {0};
  int depth = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&c)) {
      if (++depth > QGEN_MAX_NESTING) {
        deep = ts_tree_cursor_current_node(&c);
        break;
      }
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!depth--)
        goto done;
      ts_tree_cursor_goto_parent(&c);
    }
  }
done:
  ts_tree_cursor_delete(&c);
  return deep;
}

/* tree-sitter-python's scanner keeps its stack of indentation columns in
 * bytes: a block indented past column 255 inside another one turns the
 * whole module into one ERROR node at 1:1.  The first such line, for the
 * message, or false. */
static bool indent_past_255(const Source *src, Loc *loc) {
  for (int i = 0; i < src->nlines; i++) {
    uint32_t b = src->line_start[i], col = 0;
    while (b < src->len && (src->text[b] == ' ' || src->text[b] == '\t'))
      col = src->text[b++] == '\t' ? (col / 8 + 1) * 8 : col + 1;
    if (col > 255 && b < src->len && !strchr("#\r\n", src->text[b])) {
      *loc = loc_of_byte(src, b);
      return true;
    }
  }
  return false;
}

/* The message for a syntax error at e (copied: the tree is freed next). */
static const char *syntax_message(const Source *src, TSNode e) {
  if (ts_node_is_missing(e))
    return format("syntax error: missing '%s'", ts_node_type(e));
  /* Name the first token tree-sitter could not place. */
  TSNode tok = e;
  while (ts_node_child_count(tok) > 0)
    tok = ts_node_child(tok, 0);
  const char *text = node_text(src, tok);
  size_t n = strcspn(text, "\n");
  if (n == 0 || n > 40)
    return "syntax error";
  return format("syntax error near '%.*s'", (int)n, text);
}

/* The leading whitespace of the line a node starts on, if the node is the
 * first thing on it; NULL if something comes before it on that line. */
static const char *indentation(const Source *src, TSNode n, size_t *len) {
  TSPoint pt = ts_node_start_point(n);
  size_t linelen;
  const char *line = source_line(src, pt.row + 1, &linelen);
  for (uint32_t i = 0; i < pt.column; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return NULL;
  *len = pt.column;
  return line;
}

/* tree-sitter-python accepts inconsistent indentation that Python refuses;
 * check it here: the statements of a block share one indentation, deeper
 * than the statement that owns the block and extending it. */
static bool check_indentation(const Source *src, TSNode n, TSNode parent_node, Loc *bad, const char **why) {
  /* the named children, with one cursor (ts_node_named_child(n, i) walks
   * from the first child each time: quadratic on a long module) */
  uint32_t count = 0, cap = ts_node_named_child_count(n);
  TSNode small[16], *kid = cap <= 16 ? small : arena_alloc(sizeof(TSNode) * cap);
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (cap && ts_tree_cursor_goto_first_child(&c))
    do {
      TSNode x = ts_tree_cursor_current_node(&c);
      if (ts_node_is_named(x) && count < cap)
        kid[count++] = x;
    } while (ts_tree_cursor_goto_next_sibling(&c));
  ts_tree_cursor_delete(&c);
  if (sym(n) == SYM_block) {
    uint32_t stmts = 0;
    for (uint32_t i = 0; i < count; i++)
      stmts += sym(kid[i]) != SYM_comment;
    if (!stmts) {   /* `def f():` with nothing indented under it */
      /* Python reports the next statement: skip blanks and comments to it */
      uint32_t b = ts_node_end_byte(n);
      while (b < src->len && strchr(" \t\r\n#", src->text[b]))
        b = src->text[b] == '#' ? b + (uint32_t)strcspn(src->text + b, "\n") : b + 1;
      *bad = loc_of_byte(src, b < src->len ? b : ts_node_end_byte(n));
      *why = "expected an indented block";
      return false;
    }
  }
  if (sym(n) == SYM_block || sym(n) == SYM_module) {
    size_t plen = 0, first_len = 0;
    const char *parent = sym(n) == SYM_module ? "" : indentation(src, parent_node, &plen);
    const char *first = NULL;
    for (uint32_t i = 0; i < count; i++) {
      TSNode s = kid[i];
      size_t len;
      const char *ind = indentation(src, s, &len);
      if (!ind || sym(s) == SYM_comment)
        continue;
      bool ok;
      if (!first) {
        first = ind;
        first_len = len;
        ok = sym(n) == SYM_module ? len == 0 : !parent || (len > plen && !memcmp(ind, parent, plen));
        *why = sym(n) == SYM_module ? "unexpected indent" : "expected an indented block";
      } else {
        ok = len == first_len && !memcmp(ind, first, len);
        *why = len > first_len ? "unexpected indent" : "unindent does not match any outer indentation level";
        if (len == first_len && memcmp(ind, first, len))
          *why = "inconsistent use of tabs and spaces in indentation";
      }
      if (!ok) {
        *bad = node_loc(src, s);
        return false;
      }
    }
  }
  for (uint32_t i = 0; i < count; i++)
    if (!check_indentation(src, kid[i], n, bad, why))
      return false;
  return true;
}

Parsed *parse_source(const Source *src) {
  if (src->binary) {
    size_t i = 0;
    while (i < src->len && src->text[i] && (unsigned char)src->text[i] < 0x80)
      i++;
    error_at(loc_of_byte(src, (uint32_t)i), "not a Python source file (NUL byte or invalid UTF-8)");
  }
  if (!lang) {
    lang = tree_sitter_python();
    init_tables();
  }
  Parsed *p = arena_alloc(sizeof *p);
  p->src = src;
  p->parser = ts_parser_new();
  if (!ts_parser_set_language(p->parser, lang)) {
    ts_parser_delete(p->parser);
    fatal("the tree-sitter-python grammar has ABI version %u, but this tree-sitter runtime accepts %d to %d",
          ts_language_version(lang), TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION);
  }
  p->tree = ts_parser_parse_string(p->parser, NULL, src->text, (uint32_t)src->len);
  p->root = ts_tree_root_node(p->tree);
  TSNode deep = too_deep(p->root);
  if (!ts_node_is_null(deep)) {
    Loc loc = node_loc(src, deep);
    parse_free(p);
    error_at(loc, "nested too deeply: more than %d levels of syntax (QGEN_MAX_NESTING)", QGEN_MAX_NESTING);
  }
  if (ts_node_has_error(p->root)) {
    TSNode e = first_error(p->root);
    if (ts_node_is_null(e))
      e = p->root;
    Loc loc = node_loc(src, e);
    const char *msg = syntax_message(src, e);
    if (ts_node_start_byte(e) == 0 && indent_past_255(src, &loc))
      msg = "syntax error: indented past column 255 (the limit of tree-sitter-python's scanner)";
    parse_free(p);
    error_at(loc, "%s", msg);
  }
  Loc bad;
  const char *why;
  if (!check_indentation(src, p->root, (TSNode){0}, &bad, &why)) {
    parse_free(p);
    error_at(bad, "syntax error: %s", why);
  }
  return p;
}

void parse_free(Parsed *p) {
  if (!p)
    return;
  named_children_forget();   /* a later tree may reuse this one's addresses */
  ts_tree_delete(p->tree);
  ts_parser_delete(p->parser);
}
