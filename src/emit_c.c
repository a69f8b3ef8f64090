/* emit_c.c: the C inference. */
#include "qgen.h"
void emit_c_source(Buf *b, Graph *g, const EmitOptions *opt) { (void)b; (void)g; (void)opt; }
void emit_c_header(Buf *b, Graph *g, const EmitOptions *opt) { (void)b; (void)g; (void)opt; }
