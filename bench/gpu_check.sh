#!/usr/bin/env bash
# The GPU check, as one script. Here (x86-64, cgo): build the test binaries into .devbin/ (git-ignored):
#
#   bash bench/gpu_check.sh build
#
# On the GPU machine (CUDA 13 image with jax's CUDA PJRT plugin and PyTorch; see ../shared/notes/gpu.md),
# from the repository root, with .devbin carried there:
#
#   bash bench/gpu_check.sh run
#
# "run" points GoMLX at jax's CUDA plugin and (1) runs every package's tests on XLA CUDA — the finite-difference
# gradient checks of every layer and loss, the D/G isolation and reproducibility tests — then (2) times ganlib's
# training step (BenchmarkStep: MLP GAN, batch 64 and 256) and (3) the same step in PyTorch eager on the same GPU.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = build ]; then
	set -e
	mkdir -p .devbin
	for pkg in $(go list -f '{{if .TestGoFiles}}{{.ImportPath}}{{end}}' ./ganlib/...); do
		rel=${pkg#github.com/gogan-lab/gogan/}
		go test -c -o ".devbin/$(echo "$rel" | tr / _).test" "./$rel"
	done
	ls -la .devbin
	exit 0
fi
[ "${1:-}" = run ] || { echo "usage: bash bench/gpu_check.sh build|run" >&2; exit 2; }

SP=$(python3 -c "import site; print(site.getsitepackages()[0])")
export GOMLX_NO_AUTO_INSTALL=1 GOPJR_CUDA_CHECKS=0
export GOMLX_BACKEND="xla:$SP/jax_plugins/xla_cuda13/xla_cuda_plugin.so"
LD_LIBRARY_PATH=$(ls -d "$SP"/nvidia/*/lib | tr '\n' ':')${LD_LIBRARY_PATH:-}
export LD_LIBRARY_PATH
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
fail=0
echo "== 1. tests on XLA CUDA (GOMLX_BACKEND=$GOMLX_BACKEND)"
for t in .devbin/*.test; do
	dir=$(basename "$t" .test | tr _ /)
	start=$(date +%s)
	if (cd "$dir" && "$OLDPWD/$t" -test.short -test.timeout 300s >"/tmp/$(basename "$t").log" 2>&1); then
		echo "ok   $dir ($(($(date +%s) - start)) s)"
	else
		echo "FAIL $dir"; tail -30 "/tmp/$(basename "$t").log"; fail=1
	fi
done
echo "== 2. ganlib training step on XLA CUDA"
(cd ganlib/adversarial && ../../.devbin/ganlib_adversarial.test -test.run XXX -test.bench 'Step' -test.benchtime 2000x 2>&1 | grep -E 'Benchmark|ok|FAIL')
echo "== 3. PyTorch eager, same model and step, same GPU"
python3 bench/torch_mlp_gan.py --device cuda --batch 64 256 --steps 2000
exit $fail
