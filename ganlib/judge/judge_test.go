package judge

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	"github.com/gogan-lab/gogan/ganlib/realdata"
)

func TestHistogramCoveredKL(t *testing.T) {
	h := Histogram([]int{0, 1, 1, 9, 3, 12}, 10)
	if h[1] != 2 || h[9] != 1 || h[2] != 0 {
		t.Errorf("histogram %v", h)
	}
	if Covered(h, 1) != 4 {
		t.Errorf("covered %d", Covered(h, 1))
	}
	if kl := KLFromUniform([]int{5, 5, 5, 5}); kl != 0 {
		t.Errorf("balanced KL %g", kl)
	}
	if kl := KLFromUniform([]int{0, 7, 0, 0}); math.Abs(kl-math.Log(4)) > 1e-12 {
		t.Errorf("one-class KL %g, want log 4", kl)
	}
}

// 1-D Gaussians: FD = (m1-m2)² + s1² + s2² - 2 s1 s2 = (m1-m2)² + (s1-s2)². In 2-D with diagonal covariances
// it adds per axis. And a set against itself is 0.
func TestFrechet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sample := func(n int, m, s [2]float64) []float32 {
		x := make([]float32, 2*n)
		for i := range n {
			for j := range 2 {
				x[2*i+j] = float32(m[j] + s[j]*rng.NormFloat64())
			}
		}
		return x
	}
	a, _ := Fit(sample(40000, [2]float64{0, 1}, [2]float64{1, 2}), 2)
	b, _ := Fit(sample(40000, [2]float64{3, 1}, [2]float64{2, 0.5}), 2)
	want := 9.0 + 1 + 2.25 // (3)² + (1-2)² + (2-0.5)²
	got, err := Frechet(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 0.15 {
		t.Errorf("Frechet %g, want %g", got, want)
	}
	self, _ := Frechet(a, a)
	if math.Abs(self) > 1e-6 {
		t.Errorf("Frechet of a set with itself %g", self)
	}
	if _, err := Fit([]float32{1, 2, 3}, 2); err == nil {
		t.Error("partial vectors accepted")
	}
}

// The classifier learns: on a small synthetic MNIST (class k lights up rows 2k..2k+2), a few epochs give
// near-perfect accuracy, and save/load keeps its predictions.
func TestClassifierLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a classifier for a few seconds")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	make := func(n int) ([]byte, []uint8) {
		pix, lab := make([]byte, n*784), make([]uint8, n)
		for i := range n {
			k := rng.IntN(10)
			lab[i] = uint8(k)
			for p := range 784 {
				if row := p / 28; row >= 2*k+2 && row < 2*k+5 {
					pix[i*784+p] = byte(150 + rng.IntN(100))
				} else {
					pix[i*784+p] = byte(rng.IntN(60))
				}
			}
		}
		return pix, lab
	}
	m := &realdata.MNIST{}
	m.Train, m.TrainLabels = make(640)
	m.Test, m.TestLabels = make(200)
	backend := gantest.Backend()
	saved := Hidden
	Hidden = []int{32, 16}
	defer func() { Hidden = saved }()
	c, err := NewClassifier(backend, 784, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Train(m, 8, 32, 1, nil); err != nil {
		t.Fatal(err)
	}
	acc, err := c.Accuracy(m)
	if err != nil {
		t.Fatal(err)
	}
	if acc < 0.95 {
		t.Errorf("accuracy %.3f on an easy task", acc)
	}
	dir := t.TempDir() + "/clf"
	if err := c.Save(dir); err != nil {
		t.Fatal(err)
	}
	c2, err := LoadClassifier(backend, dir)
	if err != nil {
		t.Fatal(err)
	}
	acc2, err := c2.Accuracy(m)
	if err != nil || acc2 != acc {
		t.Errorf("reloaded accuracy %.3f (%v), want %.3f", acc2, err, acc)
	}
}
