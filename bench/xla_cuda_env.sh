# Sourced by the GPU scripts (bench/gpu_check.sh, bench/mnist_gpu.sh) on the GPU machine: points GoMLX at jax's
# CUDA PJRT plugin and its NVIDIA libraries (../shared/notes/gpu.md), and MNIST at the carried files.
SP=$(python3 -c "import site; print(site.getsitepackages()[0])")
export GOMLX_NO_AUTO_INSTALL=1 GOPJR_CUDA_CHECKS=0
export GOMLX_BACKEND="xla:$SP/jax_plugins/xla_cuda13/xla_cuda_plugin.so"
LD_LIBRARY_PATH=$(ls -d "$SP"/nvidia/*/lib | tr '\n' ':')${LD_LIBRARY_PATH:-}
export LD_LIBRARY_PATH GOGAN_MNIST_DIR=$PWD/.devbin/mnist
