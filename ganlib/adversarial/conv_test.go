package adversarial

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/realdata"
)

// bars is an 8x8 grey image toy for the conv GAN's tests: one bright horizontal or vertical bar on black.
type bars struct{}

func (bars) Name() string   { return "bars8" }
func (bars) Dim() int       { return 64 }
func (bars) Bound() float64 { return 1 }
func (bars) Sample(rng *rand.Rand, n int) []float32 {
	out := make([]float32, n*64)
	for i := range n {
		k, vertical := rng.IntN(8), rng.IntN(2) == 1
		for y := range 8 {
			for x := range 8 {
				v := float32(-1)
				if (vertical && x == k) || (!vertical && y == k) {
					v = 1
				}
				out[i*64+y*8+x] = v
			}
		}
	}
	return out
}

// The conv GAN trains on the pure-Go engine: G learns through D's input gradient (gradfix's conv VJP), its
// gradient is non-zero at every step, and the losses move.
func TestConvGANTrains(t *testing.T) {
	realdata.Toys["bars8"] = func() realdata.Dataset { return bars{} }
	defer delete(realdata.Toys, "bars8")
	cfg := DefaultConfig()
	cfg.Data, cfg.Model, cfg.Width, cfg.Depth, cfg.LatentDim = "bars8", "conv", 4, 1, 8
	cfg.Batch, cfg.Steps, cfg.LRD, cfg.LRG = 16, 30, 2e-3, 2e-3
	tr, err := New(backend, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.Train(); err != nil {
		t.Fatal(err)
	}
	h := tr.History
	for _, r := range h {
		if !(r.GradNormG > 0) || !(r.GradNormD > 0) || math.IsNaN(r.LossD) || math.IsNaN(r.LossG) {
			t.Fatalf("step %d: gradient norms G %g, D %g; losses D %g, G %g", r.Step, r.GradNormG, r.GradNormD, r.LossD, r.LossG)
		}
	}
	first, last := Summary(h[:4], 4), Summary(h, 4)
	t.Logf("first 4 steps: loss_D %.4f loss_G %.4f D(x) %.3f; last 4: loss_D %.4f loss_G %.4f D(x) %.3f",
		first.LossD, first.LossG, first.DReal, last.LossD, last.LossG, last.DReal)
	if math.Abs(first.LossD-last.LossD) < 0.01 || math.Abs(first.LossG-last.LossG) < 0.01 {
		t.Errorf("losses did not move: D %.4f -> %.4f, G %.4f -> %.4f", first.LossD, last.LossD, first.LossG, last.LossG)
	}
	if last.DReal <= first.DReal {
		t.Errorf("D did not learn to tell real from fake: D(x) %.3f -> %.3f", first.DReal, last.DReal)
	}
}
