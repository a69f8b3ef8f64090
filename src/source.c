/* source.c: loading files, the line index and diagnostics.
 * A diagnostic is "FILE:LINE:COL: error: MESSAGE", then the source line and
 * a caret under the column (columns count bytes from 1, as editors expect). */
#include "qgen.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

jmp_buf *error_trap;
FILE *error_stream;
const char *error_prog = "qgen";

static bool valid_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned c = s[i];
    int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (c == 0 || extra < 0 || (extra == 1 && c < 0xC2))
      return false;
    for (int k = 1; k <= extra; k++)
      if (i + (size_t)k >= n || (s[i + (size_t)k] & 0xC0) != 0x80)
        return false;
    i += (size_t)extra + 1;
  }
  return true;
}

static Source *index_lines(Source *s) {
  int n = 1;
  for (size_t i = 0; i < s->len; i++)
    n += s->text[i] == '\n';
  s->line_start = arena_alloc(sizeof(uint32_t) * (size_t)(n + 1));
  s->nlines = 0;
  s->line_start[s->nlines++] = 0;
  for (size_t i = 0; i < s->len; i++)
    if (s->text[i] == '\n')
      s->line_start[s->nlines++] = (uint32_t)(i + 1);
  s->binary = !valid_utf8((const unsigned char *)s->text, s->len);
  return s;
}

Source *source_load(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  Buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    buf_putn(&b, chunk, n);
  int err = ferror(f);
  fclose(f);
  if (err) {
    errno = EIO;
    return NULL;
  }
  return source_from_buffer(path, b.len ? buf_str(&b) : "", b.len);
}

/* TEXT (LEN bytes, NUL-terminated at LEN, NUL bytes allowed before) as a
 * source, as if read from PATH. */
Source *source_from_buffer(const char *path, const char *text, size_t len) {
  Source *s = arena_alloc(sizeof *s);
  s->path = path;
  s->len = len;
  s->text = text;
  return index_lines(s);
}

Source *source_from_string(const char *path, const char *text) {
  Source *s = arena_alloc(sizeof *s);
  s->path = path;
  s->text = text;
  s->len = strlen(text);
  return index_lines(s);
}

const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

Loc loc_of_byte(const Source *src, uint32_t byte) {
  int lo = 0, hi = src->nlines - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if (src->line_start[mid] <= byte)
      lo = mid;
    else
      hi = mid - 1;
  }
  return (Loc){src, (uint32_t)lo + 1, byte - src->line_start[lo] + 1};
}

const char *source_line(const Source *src, uint32_t line, size_t *len) {
  if (src->display)
    src = src->display;
  if (line < 1 || (int)line > src->nlines) {
    *len = 0;
    return "";
  }
  const char *start = src->text + src->line_start[line - 1];
  const char *end = start;
  while (end < src->text + src->len && *end != '\n' && *end != '\r')
    end++;
  *len = (size_t)(end - start);
  return start;
}

static void print_diag(Loc loc, const char *kind, const char *fmt, va_list ap) {
  FILE *err = error_stream ? error_stream : stderr;
  fflush(stdout);
  if (loc.src)
    fprintf(err, "%s:%u:%u: %s: ", loc.src->path, loc.line, loc.col, kind);
  else
    fprintf(err, "%s: %s: ", error_prog, kind);
  vfprintf(err, fmt, ap);
  fputc('\n', err);
  if (!loc.src || loc.src->binary || loc.line < 1)
    return;
  size_t len;
  const char *line = source_line(loc.src, loc.line, &len);
  fprintf(err, "%.*s\n", (int)len, line);
  /* The caret keeps tabs so that it lines up under the column. */
  for (uint32_t i = 1; i < loc.col && i <= len; i++)
    fputc(line[i - 1] == '\t' ? '\t' : ' ', err);
  fputs("^\n", err);
}

Diag *error_capture;
static Loc note_loc;
static const char *note_msg;

void error_note(Loc loc, const char *msg) {
  note_loc = loc;
  note_msg = msg;
}

static void print_note(Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_diag(loc, "note", fmt, ap);
  va_end(ap);
}

void verror_at(Loc loc, const char *fmt, va_list ap) {
  if (error_capture) {
    Buf b = {0};
    buf_vprintf(&b, fmt, ap);
    error_capture->loc = loc;
    error_capture->msg = buf_str(&b);
    error_capture->note = note_msg;
    error_capture->note_loc = note_loc;
    note_msg = NULL;
    longjmp(*error_trap, 1);
  }
  print_diag(loc, "error", fmt, ap);
  if (note_msg) {
    const char *m = note_msg;
    note_msg = NULL;
    print_note(note_loc, "%s", m);
  }
  if (error_trap)
    longjmp(*error_trap, 1);
  exit(1);
}

void error_at(Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verror_at(loc, fmt, ap);
}

void note_at(Loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_diag(loc, "note", fmt, ap);
  va_end(ap);
}

void fatal(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_diag((Loc){0}, "error", fmt, ap);
  va_end(ap);
  if (error_trap)
    longjmp(*error_trap, 1);
  exit(1);
}

void internal_error(const char *file, int line) {
  fprintf(stderr, "%s: internal error at %s:%d; please report it with the input\n", error_prog, file, line);
  abort();
}
