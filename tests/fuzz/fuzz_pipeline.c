/* fuzz_pipeline.c: the whole pipeline in-process on one source buffer
 * (fuzz.h): parse, evaluate, trace, the passes and every emitter, into
 * memory.  libFuzzer's plain byte mutations, with tests/fuzz/qgen.dict. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  fuzz_compile(fuzz_source("fuzz.py", data, size), NULL);
  return 0;
}
