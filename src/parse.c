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

TSNode field(TSNode n, Field f) { return ts_node_child_by_field_id(n, field_id[f]); }

const char *node_text(const Source *src, TSNode n) {
  uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  return arena_strndup(src->text + a, b - a);
}

Loc node_loc(const Source *src, TSNode n) { return loc_of_byte(src, ts_node_start_byte(n)); }

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
  if (ts_node_has_error(p->root)) {
    TSNode e = first_error(p->root);
    if (ts_node_is_null(e))
      e = p->root;
    Loc loc = node_loc(src, e);
    const char *msg = syntax_message(src, e);
    parse_free(p);
    error_at(loc, "%s", msg);
  }
  return p;
}

void parse_free(Parsed *p) {
  if (!p)
    return;
  ts_tree_delete(p->tree);
  ts_parser_delete(p->parser);
}
