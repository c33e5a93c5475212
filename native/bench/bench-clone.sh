#!/usr/bin/env bash
# Micro-benchmark (not a test): 4 × 512 MiB on a loop-mounted XFS image (reflink on by default), `cp -a` against
# the native core's driver, pairs A B A B, fresh destination each run. Both should clone in milliseconds.
# Root. Usage: native/bench/bench-clone.sh [pairs=5]
set -euo pipefail
PAIRS="${1:-5}"
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'umount "$WORK/mnt" 2>/dev/null || true; rm -rf "$WORK"' EXIT
truncate -s 5G "$WORK/img"
mkfs.xfs -q "$WORK/img"
mkdir "$WORK/mnt"
mount -o loop "$WORK/img" "$WORK/mnt"
mkdir "$WORK/mnt/src"
for i in 1 2 3 4; do head -c 512M /dev/urandom > "$WORK/mnt/src/f$i"; done
sync -f "$WORK/mnt"
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )); }
for p in $(seq "$PAIRS"); do
  cp_us=$(ms cp -a "$WORK/mnt/src" "$WORK/mnt/cp$p")
  t0=$(date +%s%N)
  out=$(node "$HERE/copy-tree.mjs" "$WORK/mnt/src" "$WORK/mnt/n$p")
  n_us=$(( ($(date +%s%N) - t0) / 1000 ))
  echo "pair $p: cp -a ${cp_us} us, native process ${n_us} us (inside the process: $out)"
  cmp "$WORK/mnt/src/f1" "$WORK/mnt/n$p/f1"
done
df -k "$WORK/mnt" | tail -1
