package adversarial

import (
	"fmt"
	"testing"
)

// BenchmarkStep times one iteration of Algorithm 1 (one D step + one G step) on the engine the tests use
// (pure Go unless GOMLX_BACKEND says otherwise):
//   - mlp: the default MLP GAN on ring8 (2x64 units), batch 64 and 256;
//   - conv: the conv GAN on MNIST (nets.ConvNet, C = 64, latent 64), batch 64 and 256; skipped without MNIST.
//
// bench/torch_gan.py is the same models and step in PyTorch.
func BenchmarkStep(b *testing.B) {
	for _, model := range []string{"mlp", "conv"} {
		for _, batch := range []int{64, 256} {
			b.Run(fmt.Sprintf("%s/batch=%d", model, batch), func(b *testing.B) {
				tr := benchTrainer(b, model, batch)
				if _, err := tr.Step(); err != nil { // Compiles both graphs.
					b.Fatal(err)
				}
				b.ResetTimer()
				for b.Loop() {
					if _, err := tr.Step(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkStepFused times the same steps run n = 8 per engine call (Trainer.StepN); one op is 8 steps, and
// steps/s is reported.
func BenchmarkStepFused(b *testing.B) {
	const n = 8
	for _, model := range []string{"mlp", "conv"} {
		for _, batch := range []int{64, 256} {
			b.Run(fmt.Sprintf("%s/batch=%d/fuse=%d", model, batch, n), func(b *testing.B) {
				tr := benchTrainer(b, model, batch)
				if _, err := tr.StepN(n); err != nil { // Compiles the fused graph.
					b.Fatal(err)
				}
				b.ResetTimer()
				for b.Loop() {
					if _, err := tr.StepN(n); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "steps/s")
			})
		}
	}
}

// benchTrainer builds the benchmarks' trainer: the default MLP GAN on ring8, or the conv GAN on MNIST (C = 64,
// latent 64); it skips the benchmark where MNIST is missing.
func benchTrainer(b *testing.B, model string, batch int) *Trainer {
	c := DefaultConfig()
	c.Batch = batch
	if model == "conv" {
		c.Data, c.Model, c.Width, c.LatentDim = "mnist", "conv", 64, 64
	}
	tr, err := New(backend, c)
	if err != nil {
		b.Skipf("%s: %v", model, err)
	}
	return tr
}
