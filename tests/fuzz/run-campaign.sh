#!/bin/sh
# run-campaign.sh HOURS [DIR]: a long fuzz campaign over every harness, one
# after the other on one core (HOURS split evenly between them), each from
# its committed seed corpus plus what earlier campaigns kept in DIR
# (default: ./fuzz-campaign), with qgen.dict.  Prints per harness the
# executions, exec/s, coverage (libFuzzer's cov:, edges of the
# instrumented code) and findings (crash-/leak-/timeout-/oom-/slow-unit-
# files, kept in DIR/HARNESS/artifacts), then the totals.  Needs the
# harnesses built (./configure --enable-fuzz && make check, or
# make tests/fuzz/fuzz-NAME); QGEN_FUZZ names their directory (default:
# ./tests/fuzz).  Exit status 1 if there was a finding.
set -u
[ $# -ge 1 ] || { echo "usage: $0 HOURS [DIR]" >&2; exit 2; }
hours=$1
dir=${2:-fuzz-campaign}
src=$(cd "$(dirname "$0")" && pwd)
bins=${QGEN_FUZZ:-tests/fuzz}
harnesses="pipeline structured import weights weights-native"
secs=$(awk -v h="$hours" 'BEGIN { s = int(h * 3600 / 5); if (s < 1) s = 1; print s }')
mkdir -p "$dir"
total_exec=0 total_find=0
printf '%-12s %12s %9s %7s %9s\n' harness executions exec/s cov findings > "$dir/summary"
for h in $harnesses; do
    bin=$bins/fuzz-$h
    [ -x "$bin" ] || { echo "$0: $bin not built" >&2; exit 1; }
    case $h in pipeline|structured) seeds=$src/corpus/py ;; weights*) seeds=$src/corpus/weights ;; *) seeds=$src/corpus/$h ;; esac
    dict=; case $h in weights*) ;; *) dict=-dict=$src/qgen.dict ;; esac
    maxlen=8192; case $h in weights*) maxlen=65536 ;; esac
    mkdir -p "$dir/$h/corpus" "$dir/$h/artifacts"
    log=$dir/$h/log
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -max_len="$maxlen" -print_final_stats=1 $dict -artifact_prefix="$dir/$h/artifacts/" \
        "$dir/$h/corpus" "$seeds" > "$log" 2>&1
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' "$log" | tail -1)
    find=$(ls "$dir/$h/artifacts" | wc -l)
    printf '%-12s %12s %9s %7s %9s\n' "$h" "${execs:-0}" "${eps:-0}" "${cov:-?}" "$find" >> "$dir/summary"
    total_exec=$((total_exec + ${execs:-0}))
    total_find=$((total_find + find))
done
printf '%-12s %12s %9s %7s %9s\n' total "$total_exec" "" "" "$total_find" >> "$dir/summary"
cat "$dir/summary"
[ "$total_find" -eq 0 ]
