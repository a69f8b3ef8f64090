#!/bin/sh
# kernel-paths.sh -- TAP test: the kernel unit tests (tests/c/test_kernels.c,
# every fast kernel against its plain reference on random shapes, tile
# edges included) on every instruction path of templates/kernels/
# that this machine can build and run.  make check's own test_kernels is
# built at -O2 with no -march, which takes the SSE2 path on x86-64 (plain
# C elsewhere); this script builds it again as
#   native    $CC -O3 -march=native   (AVX-512 VNNI, with VBMI its
#                                       depthwise kernel, where the CPU has them)
#   vnni      $CC -O2 -march=cascadelake (AVX-512 VNNI without VBMI and
#                                       VBMI2: the GEMM's other output stage,
#                                       the plane kernel for depthwise convs)
#   avx2      $CC -O2 -mavx2 -mfma    (no AVX-512)
#   plain     $CC -O2 -U__SSE2__      (the plain-C fallback every compiler
#                                       builds: no SIMD macro, no intrinsics)
#   aarch64   aarch64-linux-gnu-gcc -O2 (NEON, plain-C GEMM), under qemu
#   aarch64-sdot                 the same with -march=armv8.2-a+dotprod
#   vbmi      $CC -O2 -march=icelake-server (AVX-512 VNNI with VBMI and
#                                       VBMI2), so that those kernels are built
#                                       even where native is not them
# and requires all of its checks to pass.  A path whose compiler or
# emulator is missing is skipped with the reason; one whose CPU feature is
# missing is still built (warning-free), and only its run is skipped.
testdir=$(cd "$(dirname "$0")" && pwd)
. "$testdir/lib.sh"
tmpdir_setup

src=$top_srcdir/tests/c/test_kernels.c
warn="-std=c99 -Wall -Wextra -pedantic -Werror"
qemu="qemu-aarch64 -L /usr/aarch64-linux-gnu"
cc=${CC:-cc}
plan 14

has_flag() { grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | grep -qw "$1"; }

# path NAME COMPILER "FLAGS" "RUNNER" SKIP-REASON [NO-RUN-REASON]
path() {
    if [ -n "$5" ]; then
        skip "$1: test_kernels builds warning-free" "$5"
        skip "$1: every kernel check passes" "$5"
        return
    fi
    # shellcheck disable=SC2086
    if $2 $warn $3 -I"$top_srcdir/tests/c" -o "$tmpdir/tk-$1" "$src" -lm 2> "$tmpdir/$1.err"; then
        ok "$1: test_kernels builds warning-free ($2 $3)"
    else
        not_ok "$1: test_kernels builds warning-free ($2 $3)"
        diag_file "$tmpdir/$1.err" 30
        not_ok "$1: every kernel check passes"
        return
    fi
    if [ -n "${6:-}" ]; then
        skip "$1: every kernel check passes" "$6"
        return
    fi
    # shellcheck disable=SC2086
    rc=0
    $4 "$tmpdir/tk-$1" > "$tmpdir/$1.out" 2>&1 || rc=$?
    if [ $rc -eq 0 ] && ! grep -q '^not ok' "$tmpdir/$1.out" && grep -q '^1\.\.[1-9]' "$tmpdir/$1.out"; then
        ok "$1: every kernel check passes ($(grep -c '^ok' "$tmpdir/$1.out") checks)"
    else
        not_ok "$1: every kernel check passes (exit $rc)"
        grep -v '^ok' "$tmpdir/$1.out" | head -30 | sed 's/^/# /'
    fi
}

reason=
case $(uname -m) in x86_64|amd64) ;; *) reason="not an x86-64 machine" ;; esac
native=
has_flag avx512_vnni && native=" (AVX-512 VNNI)"
path native "$cc" "-O3 -march=native" "" ""
[ -n "$native" ] || diag "this CPU has no AVX-512 VNNI: native is another path"
novnni=
has_flag avx512_vnni || novnni="this CPU has no AVX-512 VNNI"
path vnni "$cc" "-O2 -march=cascadelake" "" "$reason" "$novnni"
novbmi=$novnni
[ -z "$novbmi" ] && ! has_flag avx512_vbmi2 && novbmi="this CPU has no AVX-512 VBMI2"
path vbmi "$cc" "-O2 -march=icelake-server" "" "$reason" "$novbmi"
avx2=$reason
[ -z "$avx2" ] && ! has_flag avx2 && avx2="this CPU has no AVX2"
path avx2 "$cc" "-O2 -mavx2 -mfma" "" "$avx2"
path plain "$cc" "-O2 -U__SSE2__" "" ""
a64=
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || a64="no aarch64-linux-gnu-gcc (Debian: gcc-aarch64-linux-gnu)"
[ -z "$a64" ] && ! command -v qemu-aarch64 >/dev/null 2>&1 && a64="no qemu-aarch64 (Debian: qemu-user)"
path aarch64 aarch64-linux-gnu-gcc "-O2" "$qemu" "$a64"
path aarch64-sdot aarch64-linux-gnu-gcc "-O2 -march=armv8.2-a+dotprod" "$qemu" "$a64"
tap_done
