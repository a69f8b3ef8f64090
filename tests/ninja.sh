#!/bin/sh
# ninja.sh: examples/build.ninja regenerates every example with qgen and
# compiles its C with Ninja; qgen's depfile makes a second run do nothing
# and a touched model rebuild only its own outputs -- also when the touched
# file is one the model imports (pkgnet's package).  build.ninja must list
# every example but those marked `# qgen: fx-only`.
testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"
require_qgen
tmpdir_setup
# build.ninja's examples: all but the fx-only ones (checked without ninja too)
missing= extra=
for f in "$top_srcdir"/examples/*/net.py; do
    name=$(basename "$(dirname "$f")")
    listed=no
    grep -q "^build .*: qgen \$src/$name/net.py " "$top_srcdir/examples/build.ninja" && listed=yes
    if grep -q '^#[ ]*qgen:[ ]*fx-only[ ]*$' "$f"; then
        [ "$listed" = no ] || extra="$extra $name"
    else
        [ "$listed" = yes ] || missing="$missing $name"
    fi
done
if [ -z "$missing$extra" ]; then
    ok "examples/build.ninja lists every example but the fx-only ones"
else
    not_ok "examples/build.ninja lists every example but the fx-only ones"
    [ -z "$missing" ] || diag "not listed:$missing"
    [ -z "$extra" ] || diag "listed, but marked fx-only:$extra"
fi

NINJA=${NINJA:-$(command -v ninja || command -v ninja-build || true)}
if [ -z "$NINJA" ]; then
    skip "examples/build.ninja" "no ninja (install ninja-build)"
    plan "$tap_count"
    tap_done
fi

mkdir -p "$tmpdir/src"
cp -R "$top_srcdir"/examples/. "$tmpdir/src/"
sed -e "s|^qgen = .*|qgen = $QGEN|" -e "s|^src = .*|src = src|" -e "s|^out = .*|out = out|" \
    "$top_srcdir/examples/build.ninja" > "$tmpdir/build.ninja"
cd "$tmpdir"
if "$NINJA" > ninja.log 2>&1; then ok "ninja builds every example"; else not_ok "ninja builds every example"; diag_file ninja.log; fi
n=$(ls out/*/net_q 2>/dev/null | wc -l)
want=$(grep -c '^build .*: cc ' build.ninja)
if [ "$n" -eq "$want" ] && [ "$n" -gt 0 ]; then ok "$n example programs compiled"; else not_ok "$n of $want example programs compiled"; fi
# (ninja keeps depfiles in .ninja_deps and deletes them: look at one directly)
mkdir -p dep && "$QGEN" src/seed/net.py -o dep --depfile dep/net_q.py.d
if grep -q '^dep/net_q.py: src/seed/net.py$' dep/net_q.py.d 2>/dev/null; then
    ok "qgen's depfile names the model file"
else
    not_ok "qgen's depfile names the model file"; diag_file dep/net_q.py.d
fi
"$NINJA" > again.log 2>&1 || true
if grep -q 'no work to do' again.log; then ok "a second run has no work to do"; else not_ok "a second run has no work to do"; diag_file again.log; fi
sleep 1; touch src/seed/net.py
"$NINJA" -n > dry.log 2>&1 || true
if grep -q 'QGEN src/seed/net.py' dry.log && ! grep -q 'QGEN src/resnet' dry.log; then
    ok "touching one model rebuilds only that model"
else
    not_ok "touching one model rebuilds only that model"; diag_file dry.log
fi
# a file the model imports, not the model file: only that example rebuilds
if [ -f src/pkgnet/pkgnet/layers.py ]; then
    "$NINJA" > again2.log 2>&1 || true
    sleep 1; touch src/pkgnet/pkgnet/layers.py
    "$NINJA" -n > dry2.log 2>&1 || true
    if grep -q 'QGEN src/pkgnet/net.py' dry2.log && ! grep -q 'QGEN src/seed' dry2.log; then
        ok "touching pkgnet/pkgnet/layers.py rebuilds pkgnet (the depfile lists imported files)"
    else
        not_ok "touching pkgnet/pkgnet/layers.py rebuilds pkgnet (the depfile lists imported files)"; diag_file dry2.log
    fi
fi
plan "$tap_count"
tap_done
