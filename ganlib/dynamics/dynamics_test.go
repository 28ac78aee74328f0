package dynamics

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	"github.com/gogan-lab/gogan/ganlib/realdata"
)

var backend = gantest.Backend()

func gauss(x []float64, mu, sd float64) []float64 {
	p := make([]float64, len(x))
	for i, v := range x {
		u := (v - mu) / sd
		p[i] = math.Exp(-0.5*u*u) / (sd * math.Sqrt(2*math.Pi))
	}
	return p
}

// Closed forms: JSD(p, p) = 0; JSD of densities with disjoint supports = log 2; V(D*, G) = -log 4 + 2 JSD
// for any p_g (Goodfellow 2014, Theorem 1); at p_g = p_data, D* = 1/2 and V = -log 4.
func TestJSDAndValueClosedForm(t *testing.T) {
	x := Grid(-12, 12, 4801)
	dx := x[1] - x[0]
	p, far, near := gauss(x, -5, 0.5), gauss(x, 5, 0.5), gauss(x, -4, 1)
	if j := JSD(p, p, dx); math.Abs(j) > 1e-12 {
		t.Errorf("JSD(p,p) = %g", j)
	}
	if j := JSD(p, far, dx); math.Abs(j-math.Log(2)) > 1e-6 {
		t.Errorf("JSD of disjoint = %.8f, want log 2 = %.8f", j, math.Log(2))
	}
	for _, q := range [][]float64{p, far, near} {
		v := Value(p, q, OptimalD(p, q), dx)
		c := -math.Log(4) + 2*JSD(p, q, dx)
		if math.Abs(v-c) > 1e-6 {
			t.Errorf("V(D*,G) = %.8f, -log4+2JSD = %.8f", v, c)
		}
	}
	if v := Value(p, p, OptimalD(p, p), dx); math.Abs(v+math.Log(4)) > 1e-6 {
		t.Errorf("V at p_g = p_data: %g, want -log 4", v)
	}
}

// A KDE of many normal samples integrates to 1 and is close to the true density.
func TestKDE(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := make([]float32, 20000)
	for i := range s {
		s[i] = float32(rng.NormFloat64())
	}
	x := Grid(-6, 6, 601)
	p := KDE(s, x, 0)
	if m := integrate(p, x[1]-x[0]); math.Abs(m-1) > 1e-3 {
		t.Errorf("KDE mass %g", m)
	}
	truth := gauss(x, 0, 1)
	for i := range x {
		if math.Abs(p[i]-truth[i]) > 0.02 {
			t.Fatalf("KDE at %g: %g, true %g", x[i], p[i], truth[i])
		}
	}
}

// Proposition 1: for G fixed, D trained long enough approaches D* = p_data/(p_data+p_g). Here D takes 1000
// steps (lr 1e-2) against a G trained for 300 steps on the 1-D mixture, and max |D - D*| over the support falls well below its
// start (and V approaches -log 4 + 2 JSD).
func TestDiscriminatorApproachesOptimal(t *testing.T) {
	if testing.Short() {
		t.Skip("long: 1300 steps, about 10 s")
	}
	c := adversarial.DefaultConfig()
	c.Data, c.Width, c.Batch, c.LRD = "mix1d", 64, 256, 1e-2
	tr, err := adversarial.New(backend, c)
	if err != nil {
		t.Fatal(err)
	}
	for range 300 { // A G that has spread out: an untrained one is a narrow spike, which D must match.
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	mix := realdata.Mix1D()
	first, err := Figure1(tr, mix, 4000, 401)
	if err != nil {
		t.Fatal(err)
	}
	steps := 1000
	for range steps {
		if _, err := tr.DiscriminatorStep(); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Figure1(tr, mix, 4000, 401)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("start: max|D-D*| %.3f mean %.4f |V-C| %.4f; after %d D steps: max|D-D*| %.3f mean %.4f V %.4f C %.4f JSD %.4f",
		first.MaxAbsDiff, first.MeanAbsDiff, math.Abs(first.V-first.C), steps, s.MaxAbsDiff, s.MeanAbsDiff, s.V, s.C, s.JSD)
	if s.MeanAbsDiff > first.MeanAbsDiff/2 || math.Abs(s.V-s.C) > math.Abs(first.V-first.C)/2 {
		t.Errorf("D did not approach D*: mean|D-D*| %.4f -> %.4f, |V-C| %.4f -> %.4f",
			first.MeanAbsDiff, s.MeanAbsDiff, math.Abs(first.V-first.C), math.Abs(s.V-s.C))
	}
	if s.V > s.C+1e-3 {
		t.Errorf("V(D,G) %.4f exceeds its maximum over D, -log4+2JSD = %.4f", s.V, s.C)
	}
}

// A 2-D frame has the promised sizes, D in (0,1), and finite arrows.
func TestSnapshot2D(t *testing.T) {
	c := adversarial.DefaultConfig()
	c.Width, c.Batch, c.Pack = 16, 32, 2
	tr, err := adversarial.New(backend, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	real := tr.Data.Sample(rand.New(rand.NewPCG(3, 4)), 64)
	f, err := Snapshot2D(tr, real, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Heat) != 10 || len(f.Heat[9]) != 10 || len(f.Fake) != 128 || len(f.Move) != 128 || f.Step != 1 {
		t.Fatalf("frame sizes: heat %d, fake %d, move %d, step %d", len(f.Heat), len(f.Fake), len(f.Move), f.Step)
	}
	for _, v := range f.Move {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			t.Fatal("non-finite arrow")
		}
	}
	if d := f.Heat[5][5]; !(d > 0 && d < 1) {
		t.Errorf("D = %g", d)
	}
}
