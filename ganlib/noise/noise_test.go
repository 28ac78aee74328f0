package noise

import (
	"math"
	"testing"
)

func TestMomentsAndRange(t *testing.T) {
	for _, dist := range Distributions {
		s, err := New(dist, 4, 1)
		if err != nil {
			t.Fatal(err)
		}
		z := s.Flat(20000)
		var sum, sq float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range z {
			sum += float64(v)
			sq += float64(v) * float64(v)
			lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
		}
		n := float64(len(z))
		mean, variance := sum/n, sq/n-(sum/n)*(sum/n)
		wantVar := 1.0
		if dist == Uniform {
			wantVar = 1.0 / 3 // Var of U[-1,1].
			if lo < -1 || hi > 1 {
				t.Errorf("uniform noise outside [-1,1]: [%g, %g]", lo, hi)
			}
		}
		if math.Abs(mean) > 0.02 || math.Abs(variance-wantVar) > 0.03 {
			t.Errorf("%s: mean %.4f var %.4f, want 0 and %.4f", dist, mean, variance, wantVar)
		}
	}
}

func TestSeeded(t *testing.T) {
	a, _ := New(Normal, 3, 7)
	b, _ := New(Normal, 3, 7)
	c, _ := New(Normal, 3, 8)
	za, zb, zc := a.Flat(5), b.Flat(5), c.Flat(5)
	for i := range za {
		if za[i] != zb[i] {
			t.Fatalf("same seed, different noise at %d", i)
		}
	}
	if za[0] == zc[0] && za[1] == zc[1] {
		t.Errorf("different seeds gave the same noise")
	}
	if s := a.Sample(2); s.Shape().Dimensions[0] != 2 || s.Shape().Dimensions[1] != 3 {
		t.Errorf("Sample shape %v, want [2 3]", s.Shape())
	}
}

func TestBadArguments(t *testing.T) {
	if _, err := New("cauchy", 2, 1); err == nil {
		t.Error("unknown distribution accepted")
	}
	if _, err := New(Normal, 0, 1); err == nil {
		t.Error("zero dimension accepted")
	}
}
