/* emit_py.c: the rewritten Python. */
#include "qgen.h"
void emit_python(Buf *b, Graph *g, const Parsed *p, const EmitOptions *opt) { (void)b; (void)g; (void)p; (void)opt; }
void emit_runtime_py(Buf *b, const EmitOptions *opt) { (void)b; (void)opt; }
