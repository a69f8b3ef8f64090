/* fuzz_import.c: the import and stub layer (import.c, stubs/) on mutated
 * package trees.  The input is a few files separated by lines "#@@"; the
 * k-th piece is file k of the tree below (an empty piece: no such file),
 * written into a directory made once per process under /dev/shm (or
 * $TMPDIR), and net.py is compiled as by `qgen --stub-dir DIR/stubs`:
 *     net.py  pkgnet/__init__.py  pkgnet/layers.py  pkgnet/model.py
 *     a.py  b.py  stubs/functools.py  stubs/mylib/__init__.py
 * Seeds: examples/pkgnet and tests/bad/import-cycle in that form. */
#include "fuzz.h"

#include <sys/stat.h>
#include <unistd.h>

static const char *tree[] = {"net.py", "pkgnet/__init__.py", "pkgnet/layers.py", "pkgnet/model.py",
                             "a.py",   "b.py",               "stubs/functools.py", "stubs/mylib/__init__.py"};
enum { NFILES = sizeof tree / sizeof *tree };
static char root[256];

static void cleanup(void) {
  char p[512];
  for (int i = 0; i < NFILES; i++) {
    snprintf(p, sizeof p, "%s/%s", root, tree[i]);
    unlink(p);
  }
  static const char *dirs[] = {"stubs/mylib", "stubs", "pkgnet", ""};
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
    rmdir(p);
  }
}

static void make_root(void) {
  if (root[0])
    return;
  struct stat st;
  const char *base = stat("/dev/shm", &st) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  snprintf(root, sizeof root, "%s/qgen-fuzz-import-%ld", base, (long)getpid());
  char p[512];
  mkdir(root, 0700);
  snprintf(p, sizeof p, "%s/pkgnet", root);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/stubs", root);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/stubs/mylib", root);
  mkdir(p, 0700);
  atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  make_root();
  const uint8_t *p = data, *end = data + size;
  const uint8_t *main_text = NULL;
  size_t main_len = 0;
  char path[512];
  for (int k = 0; k < NFILES; k++) {
    const uint8_t *q = p;
    /* up to the next line "#@@" */
    while (q < end && !(end - q >= 3 && !memcmp(q, "#@@", 3) && (q == data || q[-1] == '\n')))
      q++;
    snprintf(path, sizeof path, "%s/%s", root, tree[k]);
    if (k == 0) {
      main_text = p;
      main_len = (size_t)(q - p);
    } else if (q > p) {
      FILE *f = fopen(path, "wb");
      if (f) {
        fwrite(p, 1, (size_t)(q - p), f);
        fclose(f);
      }
    } else
      unlink(path);
    p = q;
    if (p < end) {   /* past "#@@" and its line */
      while (p < end && *p != '\n')
        p++;
      if (p < end)
        p++;
    }
  }
  ImportOptions imp = {0};
  static char stubs[512], net[512];
  snprintf(stubs, sizeof stubs, "%s/stubs", root);
  snprintf(net, sizeof net, "%s/net.py", root);
  imp.stub_dirs[imp.nstub_dirs++] = stubs;
  fuzz_compile(fuzz_source(net, main_text ? main_text : data, main_text ? main_len : 0), &imp);
  return 0;
}
