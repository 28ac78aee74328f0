#!/usr/bin/env bash
# ganlib's training step against PyTorch on this machine's CPU, interleaved, in one run:
#
#   bash bench/cpu_vs_torch.sh [ROUNDS]        (needs: apt-get install python3-torch libopenblas0-pthread)
#
# Each round runs ganlib's BenchmarkStep (pure-Go engine unless GOMLX_BACKEND says otherwise), then Debian's
# PyTorch with its default BLAS, then the same PyTorch with OpenBLAS loaded for that process only. It prints
# steps/s per side and the ratios ganlib / PyTorch, per model and batch. Same model and step on both sides:
# ganlib's default MLP GAN (see bench/torch_gan.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
PY=/usr/bin/python3
OPENBLAS=/usr/lib/x86_64-linux-gnu/openblas-pthread
$PY -c 'import torch' 2>/dev/null || { echo "needs Debian's PyTorch: apt-get install python3-torch libopenblas0-pthread" >&2; exit 2; }
bin=$(mktemp -d)/adversarial.test
go test -c -o "$bin" ./ganlib/adversarial
log=$(mktemp)
for r in $(seq "$ROUNDS"); do
	echo "round $r/$ROUNDS" >&2
	(cd ganlib/adversarial && "$bin" -test.run XXX -test.bench 'Step/mlp' -test.benchtime 300x) |
		awk -v r="$r" '/^BenchmarkStep/ { split($1, a, "="); sub(/-.*/, "", a[2]); printf "ganlib %s %.2f\n", a[2], 1e9 / $3 }' >>"$log"
	$PY bench/torch_gan.py --steps 300 | awk '/^RESULT/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } printf "torch-default %s %s\n", v["batch"], v["steps_per_s"] }' >>"$log"
	LD_LIBRARY_PATH=$OPENBLAS $PY bench/torch_gan.py --steps 300 | awk '/^RESULT/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } printf "torch-openblas %s %s\n", v["batch"], v["steps_per_s"] }' >>"$log"
done
echo "engine: ${GOMLX_BACKEND:-go (pure Go)}; $(nproc) cores; $ROUNDS interleaved rounds; median steps/s"
awk '{ k = $1 " " $2; n[k]++; s[k, n[k]] = $3 }
END {
	for (k in n) { m = n[k]; for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (s[k, j] < s[k, i]) { t = s[k, i]; s[k, i] = s[k, j]; s[k, j] = t }
		med[k] = s[k, int((m + 1) / 2)] }
	printf "%-8s %6s %12s %16s %16s %14s %14s\n", "model", "batch", "ganlib", "torch(default)", "torch(openblas)", "ratio(def)", "ratio(oblas)"
	for (b = 64; b <= 256; b *= 4) {
		g = med["ganlib " b]; d = med["torch-default " b]; o = med["torch-openblas " b]
		printf "%-8s %6d %12.1f %16.1f %16.1f %13.2fx %13.2fx\n", "mlp", b, g, d, o, g / d, g / o
	}
}' "$log"
