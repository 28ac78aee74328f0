#!/usr/bin/env bash
# ganlib's training step against PyTorch on this machine's CPU, interleaved, in one run:
#
#   bash bench/cpu_vs_torch.sh [ROUNDS] [MODELS]      e.g. bash bench/cpu_vs_torch.sh 3 "mlp pyramid conv"
#
# Needs Debian's PyTorch and both BLAS libraries: apt-get install python3-torch libblas3 libopenblas0-pthread.
# Each round runs ganlib's BenchmarkStep (pure-Go engine unless GOMLX_BACKEND says otherwise), then Debian's
# PyTorch with Debian's default BLAS (netlib's reference libblas3), then the same PyTorch with OpenBLAS. Each
# BLAS is loaded for that process only (LD_LIBRARY_PATH), whatever update-alternatives points at. It prints the
# median steps/s of each side, the ratios ganlib / PyTorch and each side's peak RSS, per model and batch.
# Same models and step on both sides: see bench/torch_gan.py and ganlib/adversarial/bench_test.go. The conv GAN
# runs at batch 64 only, and few steps: on the pure-Go engine one step takes tens of seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
MODELS=${2:-mlp pyramid conv}
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer, got '$ROUNDS': e.g. bash bench/cpu_vs_torch.sh 3" >&2; exit 2; }
for m in $MODELS; do
	[[ $m =~ ^(mlp|pyramid|conv)$ ]] || { echo "unknown model '$m': MODELS are among mlp, pyramid and conv" >&2; exit 2; }
done
PY=/usr/bin/python3
LIB=/usr/lib/x86_64-linux-gnu
for f in "$LIB/blas/libblas.so.3" "$LIB/openblas-pthread/libblas.so.3"; do
	[[ -e $f ]] || { echo "missing $f: apt-get install libblas3 libopenblas0-pthread" >&2; exit 2; }
done
$PY -c 'import torch' 2>/dev/null || { echo "needs Debian's PyTorch: apt-get install python3-torch" >&2; exit 2; }
bin=$(mktemp -d)/adversarial.test
go test -c -o "$bin" ./ganlib/adversarial
log=$(mktemp)
steps() { # ganlib benchtime and PyTorch steps per model.
	case $1 in mlp) echo "300 300" ;; pyramid) echo "20 30" ;; conv) echo "2 10" ;; esac
}
batches() { case $1 in conv) echo 64 ;; *) echo "64 256" ;; esac; }
for r in $(seq "$ROUNDS"); do
	for m in $MODELS; do
		read -r gsteps tsteps <<<"$(steps "$m")"
		for b in $(batches "$m"); do
			echo "round $r/$ROUNDS: $m batch $b" >&2
			(cd ganlib/adversarial && "$bin" -test.run XXX -test.bench "^BenchmarkStep\$/^$m\$/^batch=$b\$" -test.benchtime "${gsteps}x") |
				awk -v m="$m" -v b="$b" '/^BenchmarkStep/ { for (i = 2; i < NF; i++) { if ($(i+1) == "steps/s") s = $i; if ($(i+1) == "peak-RSS-MiB") p = $i }
					printf "ganlib %s %s %s %s\n", m, b, s, p }' >>"$log"
			for blas in reference:blas openblas:openblas-pthread; do
				LD_LIBRARY_PATH=$LIB/${blas#*:} $PY bench/torch_gan.py --model "$m" --batch "$b" --steps "$tsteps" --warmup 2 |
					awk -v name="torch-${blas%%:*}" -v m="$m" -v b="$b" '/^RESULT/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
						printf "%s %s %s %s %s\n", name, m, b, v["steps_per_s"], v["peak_rss_mib"] }' >>"$log"
			done
		done
	done
done
echo "engine: ${GOMLX_BACKEND:-go (pure Go)}; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $ROUNDS interleaved rounds; median steps/s"
awk '{ k = $1 " " $2 " " $3; n[k]++; s[k, n[k]] = $4; rss[k] = ($5 > rss[k] ? $5 : rss[k]); if (!($2 " " $3 in seen)) { seen[$2 " " $3] = 1; order[++no] = $2 " " $3 } }
function median(k,   m, i, j, t) { m = n[k]; if (!m) return 0
	for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (s[k, j] < s[k, i]) { t = s[k, i]; s[k, i] = s[k, j]; s[k, j] = t }
	return s[k, int((m + 1) / 2)] }
END {
	printf "%-8s %5s %10s %14s %14s %11s %11s %s\n", "model", "batch", "ganlib", "torch(refblas)", "torch(openblas)", "ratio(ref)", "ratio(oblas)", "peak RSS MiB ganlib/ref/oblas"
	for (i = 1; i <= no; i++) {
		split(order[i], mb, " "); g = median("ganlib " order[i]); d = median("torch-reference " order[i]); o = median("torch-openblas " order[i])
		printf "%-8s %5d %10.3f %14.3f %14.3f %10.3fx %10.3fx %s/%s/%s\n", mb[1], mb[2], g, d, o, (d ? g / d : 0), (o ? g / o : 0),
			rss["ganlib " order[i]], rss["torch-reference " order[i]], rss["torch-openblas " order[i]]
	}
}' "$log"
