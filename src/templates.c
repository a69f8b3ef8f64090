/* templates.c: the templates compiled into qgen (templates.inc, made by
 * templates/embed.sh), or a user's own from --template-dir. */
#include "qgen.h"
#include <errno.h>
#include <string.h>

static const struct {
  const char *name;
  const char *text;
} builtin[] = {
#include "templates.inc"
};

/* The kernel library's parts, in the order they are printed into every
 * generated C file: each builds on the ones before it. */
const char *const kernel_templates[] = {
    "kernels/base.c",      /* conventions, error codes, readers, fixed-point requantization */
    "kernels/conv.c",      /* conv shapes, the reference conv, the per-plane kernel */
    "kernels/gemm.c",      /* conv as a blocked GEMM, one kernel per instruction path */
    "kernels/depthwise.c", /* depthwise kernels, the conv entry points */
    "kernels/linear.c",    /* linear layers */
    "kernels/pool.c",      /* max and average pooling */
    "kernels/elementwise.c", /* add, mul, cat and the other elementwise ops */
    "kernels/weights.c",   /* the weights file: CRC, table, parameter checks */
    NULL,
};

const char *template_text(const char *name, const EmitOptions *opt) {
  if (opt && opt->template_dir) {
    const char *path = format("%s/%s", opt->template_dir, name);
    Source *s = source_load(path);
    if (!s)
      fatal("cannot read template %s: %s", path, strerror(errno));
    return s->text;
  }
  for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
    if (!strcmp(builtin[i].name, name))
      return builtin[i].text;
  unreachable();
}

/* Copy a template, replacing each marker @@NAME@@ with what fill(NAME)
 * writes. A marker alone on its line is a block: fill writes whole lines,
 * and the line's own newline is dropped. The header line that declares
 * the markers (" * markers: ...") is the template's, not the output's. */
void template_expand(Buf *b, const char *text, void (*fill)(Buf *b, const char *marker, void *ctx), void *ctx) {
  const char *s = text, *decl = strstr(text, " * markers: ");
  for (;;) {
    if (decl && decl >= s && (!strstr(s, "@@") || decl < strstr(s, "@@"))) {
      buf_putn(b, s, (size_t)(decl - s));
      s = strchr(decl, '\n') ? strchr(decl, '\n') + 1 : decl + strlen(decl);
      decl = NULL;
      continue;
    }
    const char *m = strstr(s, "@@");
    const char *e = m ? strstr(m + 2, "@@") : NULL;
    if (!m || !e) {
      buf_puts(b, s);
      return;
    }
    buf_putn(b, s, (size_t)(m - s));
    const char *name = arena_strndup(m + 2, (size_t)(e - m - 2));
    bool block = (m == text || m[-1] == '\n') && e[2] == '\n';
    fill(b, name, ctx);
    s = e + 2 + (block && b->len && b->data[b->len - 1] == '\n');
  }
}
