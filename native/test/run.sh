#!/usr/bin/env bash
# Builds the C library with its tests under AddressSanitizer + UndefinedBehaviorSanitizer and runs them.
# Warnings are errors; any sanitizer report fails the run. Usage: native/test/run.sh [extra cc flags]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${TMPDIR:-/tmp}/ferry-core-test-$$"
trap 'rm -f "$OUT"' EXIT
${CC:-cc} -std=gnu11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -Wall -Wextra -Werror -g -O1 \
  -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer "$@" \
  -Wno-format-truncation `# the tests build paths with snprintf into PATH_MAX buffers on purpose` \
  -Isrc src/fc_batch.c src/fc_control.c src/fc_data.c src/fc_meta.c src/fc_sys.c src/fc_walk.c \
  test/test_core.c test/test_cases.c -o "$OUT" -lpthread
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 "$OUT"
