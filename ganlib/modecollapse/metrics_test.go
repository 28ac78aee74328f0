package modecollapse

import (
	"math"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/realdata"
)

// at returns n copies of the 2-D point (x, y), row after row.
func at(n int, x, y float64) []float32 {
	out := make([]float32, 0, 2*n)
	for range n {
		out = append(out, float32(x), float32(y))
	}
	return out
}

// Hand-built sample sets with known answers, on ring-8 (sd 0.01) and grid-25 (sd 0.05).
func TestMeasureHandBuilt(t *testing.T) {
	ring, grid := realdata.Ring8(), realdata.Grid25()
	ringMeans, gridMeans := Means(ring), Means(grid)
	everyMode := func(means [][]float64, per int) []float32 {
		var s []float32
		for _, mu := range means {
			s = append(s, at(per, mu[0], mu[1])...)
		}
		return s
	}
	concat := func(parts ...[]float32) []float32 {
		var s []float32
		for _, p := range parts {
			s = append(s, p...)
		}
		return s
	}
	for _, c := range []struct {
		name      string
		means     [][]float64
		sd        float64
		samples   []float32
		modes     int
		hq, kl    float64
		countMode int // A mode whose count is checked.
		count     int
	}{
		{"all samples on one mode: 1 mode, KL = log 8", ringMeans, ring.SD, at(100, 1, 0), 1, 100, math.Log(8), 0, 100},
		{"10 on each ring mode: 8 modes, KL 0", ringMeans, ring.SD, everyMode(ringMeans, 10), 8, 100, 0, 3, 10},
		{"every grid mode: 25 modes, KL 0", gridMeans, grid.SD, everyMode(gridMeans, 4), 25, 100, 0, 24, 4},
		{"one grid mode: KL = log 25", gridMeans, grid.SD, at(7, 0, 0), 1, 100, math.Log(25), 12, 7},
		// Half the samples 2.9 sd off a mode (still high quality), half 3.1 sd off (not).
		{"3 sd is the high-quality radius", ringMeans, ring.SD, concat(at(10, 1.029, 0), at(10, 1.031, 0)), 1, 50, math.Log(8), 0, 10},
		// The centre of the ring is far from every mode: nothing is high quality, no mode captured, KL +Inf.
		{"all at the ring's centre: 0 modes", ringMeans, ring.SD, at(50, 0, 0), 0, 0, math.Inf(1), 0, 0},
		// Two modes, 3:1: q = (3/4, 1/4), KL = 3/4 log(6) + 1/4 log(2).
		{"two modes 3:1", ringMeans, ring.SD, concat(at(30, 1, 0), at(10, -1, 0)), 2, 100, 0.75*math.Log(6) + 0.25*math.Log(2), 4, 10},
		// Low-quality samples do not enter the histogram: same KL as above, HQ 40/60.
		{"off-mode samples are left out of q", ringMeans, ring.SD, concat(at(30, 1, 0), at(10, -1, 0), at(20, 0.5, 0.5)), 2, 100 * 40.0 / 60, 0.75*math.Log(6) + 0.25*math.Log(2), 0, 30},
	} {
		m, err := Measure(c.means, c.sd, c.samples)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		near := func(a, b float64) bool { return a == b || math.Abs(a-b) < 1e-9 }
		if m.Modes != c.modes || !near(m.HighQuality, c.hq) || !near(m.ReverseKL, c.kl) || m.Counts[c.countMode] != c.count {
			t.Errorf("%s: got modes %d, HQ %.4g%%, KL %.6g, counts %v; want %d, %.4g%%, %.6g, count[%d]=%d",
				c.name, m.Modes, m.HighQuality, m.ReverseKL, m.Counts, c.modes, c.hq, c.kl, c.countMode, c.count)
		}
	}
}

// Samples drawn from the real mixture score (almost) perfectly: every mode, ~99% high quality (3 sd in 2-D
// holds 1 - exp(-9/2) = 98.9% of a Gaussian), KL near 0.
func TestMeasureRealData(t *testing.T) {
	for _, d := range []*realdata.Mixture2D{realdata.Ring8(), realdata.Grid25()} {
		m, err := Measure(Means(d), d.SD, d.Sample(newRNG(1), 5000))
		if err != nil {
			t.Fatal(err)
		}
		if m.Modes != len(d.Modes) || math.Abs(m.HighQuality-98.9) > 0.7 || m.ReverseKL > 0.01 {
			t.Errorf("%s real samples: modes %d, HQ %.2f%%, KL %.4f", d.Name(), m.Modes, m.HighQuality, m.ReverseKL)
		}
	}
}

func TestMeasureErrors(t *testing.T) {
	if _, err := Measure(nil, 1, nil); err == nil {
		t.Error("no modes accepted")
	}
	if _, err := Measure([][]float64{{0, 0}}, 0, nil); err == nil {
		t.Error("sd 0 accepted")
	}
	if _, err := Measure([][]float64{{0, 0}}, 1, []float32{1, 2, 3}); err == nil {
		t.Error("odd coordinate count accepted")
	}
}
