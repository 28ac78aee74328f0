package adversarial

import (
	"fmt"
	"testing"
	"time"

	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/internal/memstat"
)

// benchModels are the models every step benchmark times, each at batch 64 and 256:
//   - mlp: the default MLP GAN on ring8 (2x64 units, latent 4);
//   - pyramid: the MLP GAN on MNIST of the timing probe in shared/reference/perfprobe (nets.Pyramid, width 512,
//     depth 2: G 100 -> 256 -> 512 -> 784, D 784 -> 512 -> 256 -> 1; latent 100);
//   - conv: the conv GAN on MNIST (nets.ConvNet, C = 64, latent 64).
//
// The MNIST models are skipped where MNIST is missing. bench/torch_gan.py is the same models and step in
// PyTorch, and bench/cpu_vs_torch.sh runs both sides interleaved.
var benchModels = []string{"mlp", "pyramid", "conv"}

// BenchmarkStep times one iteration of Algorithm 1 (one D step + one G step) on the engine the tests use
// (pure Go unless GOMLX_BACKEND says otherwise). Besides ns/op it reports steps/s, the first call's seconds
// (building the graphs, compiling them and one step: first-call-s), the compilation's share of it (compile-s:
// XLA's compiler on XLA) and the process's peak RSS so far.
func BenchmarkStep(b *testing.B) {
	for _, model := range benchModels {
		for _, batch := range []int{64, 256} {
			b.Run(fmt.Sprintf("%s/batch=%d", model, batch), func(b *testing.B) {
				benchSteps(b, model, batch, 1)
			})
		}
	}
}

// BenchmarkStepFused times the same steps run n = 8 per engine call (Trainer.StepN); one op is 8 steps, and
// steps/s counts steps.
func BenchmarkStepFused(b *testing.B) {
	for _, model := range benchModels {
		for _, batch := range []int{64, 256} {
			b.Run(fmt.Sprintf("%s/batch=%d/fuse=8", model, batch), func(b *testing.B) {
				benchSteps(b, model, batch, 8)
			})
		}
	}
}

// benchSteps times calls of n steps each (Trainer.Step for n = 1, Trainer.StepN otherwise).
func benchSteps(b *testing.B, model string, batch, n int) {
	tr := benchTrainer(b, model, batch)
	step := func() error {
		if n == 1 {
			_, err := tr.Step()
			return err
		}
		_, err := tr.StepN(n)
		return err
	}
	start, compiled := time.Now(), engine.CompileTime(backend)
	if err := step(); err != nil { // Builds and compiles the graphs.
		b.Fatal(err)
	}
	first, compile := time.Since(start), engine.CompileTime(backend)-compiled
	b.ResetTimer()
	for b.Loop() {
		if err := step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "steps/s")
	b.ReportMetric(first.Seconds(), "first-call-s")
	b.ReportMetric(compile.Seconds(), "compile-s")
	b.ReportMetric(memstat.PeakRSSMiB(), "peak-RSS-MiB")
}

// benchTrainer builds a benchmark's trainer (see benchModels); it skips the benchmark where MNIST is missing.
func benchTrainer(b *testing.B, model string, batch int) *Trainer {
	c := DefaultConfig()
	c.Batch = batch
	switch model {
	case "pyramid":
		c.Data, c.Model, c.Width, c.Depth, c.LatentDim, c.LRD, c.LRG = "mnist", "pyramid", 512, 2, 100, 2e-4, 2e-4
	case "conv":
		c.Data, c.Model, c.Width, c.LatentDim = "mnist", "conv", 64, 64
	}
	tr, err := New(backend, c)
	if err != nil {
		b.Skipf("%s: %v", model, err)
	}
	return tr
}
