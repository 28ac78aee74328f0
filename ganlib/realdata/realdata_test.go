package realdata

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The 1-D density integrates to 1 and its samples have the mixture's mean and variance.
func TestMix1D(t *testing.T) {
	m := Mix1D()
	integral, dx := 0.0, 1e-3
	for x := -m.Bound() - 2; x < m.Bound()+2; x += dx {
		integral += m.Density(x) * dx
	}
	if math.Abs(integral-1) > 1e-3 {
		t.Errorf("density integrates to %.5f, want 1", integral)
	}
	xs := m.Sample(rand.New(rand.NewPCG(1, 1)), 40000)
	var sum, sq float64
	for _, x := range xs {
		sum += float64(x)
		sq += float64(x) * float64(x)
	}
	n := float64(len(xs))
	// Var = sum w (sd^2 + mu^2) - mean^2 = 0.16 + 2.25.
	if mean, v := sum/n, sq/n-sum*sum/n/n; math.Abs(mean) > 0.03 || math.Abs(v-2.41) > 0.05 {
		t.Errorf("sample mean %.3f var %.3f, want 0 and 2.41", mean, v)
	}
}

// Every 2-D sample lies within 5 sd of a mode, each mode is used, and the density integrates to 1.
func TestMixtures2D(t *testing.T) {
	for _, m := range []*Mixture2D{Ring8(), Grid25()} {
		rng := rand.New(rand.NewPCG(2, 2))
		xy := m.Sample(rng, 5000)
		hits := make([]int, len(m.Modes))
		for i := 0; i < len(xy); i += 2 {
			best, bestD := 0, math.Inf(1)
			for j, mu := range m.Modes {
				if d := math.Hypot(float64(xy[i])-mu[0], float64(xy[i+1])-mu[1]); d < bestD {
					best, bestD = j, d
				}
			}
			if bestD > 5*m.SD {
				t.Fatalf("%s: sample (%g,%g) is %.3f from its nearest mode", m.Name(), xy[i], xy[i+1], bestD)
			}
			hits[best]++
		}
		for j, h := range hits {
			if h == 0 {
				t.Errorf("%s: mode %d never sampled", m.Name(), j)
			}
		}
		// Integrate the density on a fine grid around one mode: each holds 1/len(Modes) of the mass.
		mu, step, mass := m.Modes[0], m.SD/20, 0.0
		for x := mu[0] - 6*m.SD; x < mu[0]+6*m.SD; x += step {
			for y := mu[1] - 6*m.SD; y < mu[1]+6*m.SD; y += step {
				mass += m.Density(x, y) * step * step
			}
		}
		if want := 1 / float64(len(m.Modes)); math.Abs(mass-want) > 1e-3 {
			t.Errorf("%s: mass around mode 0 is %.4f, want %.4f", m.Name(), mass, want)
		}
	}
	if r := Ring8(); math.Abs(r.Modes[2][0]) > 1e-12 || math.Abs(r.Modes[2][1]-1) > 1e-12 {
		t.Errorf("ring8 mode 2 at %v, want (0,1)", r.Modes[2])
	}
}

func TestByName(t *testing.T) {
	for _, n := range Names() {
		d, err := ByName(n)
		if err != nil || d.Name() != n {
			t.Errorf("ByName(%q) = %v, %v", n, d, err)
		}
	}
	if _, err := ByName("mnist2"); err == nil {
		t.Error("unknown name accepted")
	}
}
