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

/* Copy a template, replacing each line that holds a marker @@NAME@@ with
 * what fill(NAME) writes. Text outside markers is copied as it is. */
void template_expand(Buf *b, const char *text, void (*fill)(Buf *b, const char *marker, void *ctx), void *ctx) {
  const char *s = text;
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s + 1) : strlen(s);
    const char *m = memmem(s, n, "@@", 2);
    const char *e = m ? memmem(m + 2, n - (size_t)(m + 2 - s), "@@", 2) : NULL;
    if (m && e && e > m + 2)
      fill(b, arena_strndup(m + 2, (size_t)(e - m - 2)), ctx);
    else
      buf_putn(b, s, n);
    s += n;
  }
}
