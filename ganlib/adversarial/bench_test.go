package adversarial

import (
	"fmt"
	"testing"
)

// BenchmarkStep times one iteration of Algorithm 1 (one D step + one G step) of the default MLP GAN on the
// engine the tests use (pure Go), at two batch sizes.
func BenchmarkStep(b *testing.B) {
	for _, batch := range []int{64, 256} {
		b.Run(fmt.Sprintf("mlp/batch=%d", batch), func(b *testing.B) {
			c := DefaultConfig()
			c.Batch = batch
			tr, err := New(backend, c)
			if err != nil {
				b.Fatal(err)
			}
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
