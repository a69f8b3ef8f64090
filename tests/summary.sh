#!/bin/sh
# summary.sh TEST-SUITE.LOG: the suite's closing line, "N passed, N failed",
# counting every TAP result (a failed or erroring test script counts too).
log=${1:-test-suite.log}
if [ ! -f "$log" ]; then
    echo "0 passed, 1 failed (no $log: the suite did not run)"
    exit 1
fi
awk '
  /^# PASS: /  { pass += $3 }
  /^# XFAIL: / { pass += $3 }
  /^# FAIL: /  { fail += $3 }
  /^# XPASS: / { fail += $3 }
  /^# ERROR: / { fail += $3 }
  END { printf "%d passed, %d failed\n", pass, fail }' "$log"
