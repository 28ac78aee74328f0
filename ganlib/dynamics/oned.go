package dynamics

import (
	"fmt"
	"math"
	"sort"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/realdata"
)

// Grid returns n evenly spaced points from lo to hi.
func Grid(lo, hi float64, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return x
}

// Bandwidth is Silverman's rule of thumb for a Gaussian kernel: 0.9·min(sd, IQR/1.34)·n^(-1/5).
func Bandwidth(samples []float32) float64 {
	n := len(samples)
	s := make([]float64, n)
	mean := 0.0
	for i, v := range samples {
		s[i] = float64(v)
		mean += s[i]
	}
	mean /= float64(n)
	sd := 0.0
	for _, v := range s {
		sd += (v - mean) * (v - mean)
	}
	sd = math.Sqrt(sd / float64(max(n-1, 1)))
	sort.Float64s(s)
	iqr := s[n*3/4] - s[n/4]
	spread := sd
	if iqr > 0 {
		spread = math.Min(sd, iqr/1.34)
	}
	return math.Max(0.9*spread*math.Pow(float64(n), -0.2), 1e-3)
}

// KDE is the Gaussian kernel density estimate of 1-D samples at the points x, with bandwidth h (0: Bandwidth).
func KDE(samples []float32, x []float64, h float64) []float64 {
	if h <= 0 {
		h = Bandwidth(samples)
	}
	p := make([]float64, len(x))
	norm := 1 / (float64(len(samples)) * h * math.Sqrt(2*math.Pi))
	for i, xi := range x {
		sum := 0.0
		for _, s := range samples {
			u := (xi - float64(s)) / h
			sum += math.Exp(-0.5 * u * u)
		}
		p[i] = sum * norm
	}
	return p
}

// integrate is the trapezoid rule over an evenly spaced grid with spacing dx.
func integrate(f []float64, dx float64) float64 {
	s := 0.0
	for i := 1; i < len(f); i++ {
		s += 0.5 * (f[i-1] + f[i]) * dx
	}
	return s
}

// xlogy is x·log(y) with 0·log(anything) = 0.
func xlogy(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(y)
}

// JSD is the Jensen-Shannon divergence of two densities given on an even grid with spacing dx, in nats:
// ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p+q)/2. It lies in [0, log 2].
func JSD(p, q []float64, dx float64) float64 {
	f := make([]float64, len(p))
	for i := range p {
		m := 0.5 * (p[i] + q[i])
		if m > 0 {
			f[i] = 0.5*xlogy(p[i], p[i]/m) + 0.5*xlogy(q[i], q[i]/m)
		}
	}
	return integrate(f, dx)
}

// OptimalD is D*(x) = p_data/(p_data+p_g), and 1/2 where both densities are 0.
func OptimalD(pData, pG []float64) []float64 {
	d := make([]float64, len(pData))
	for i := range d {
		if s := pData[i] + pG[i]; s > 0 {
			d[i] = pData[i] / s
		} else {
			d[i] = 0.5
		}
	}
	return d
}

// Value is V(D,G) = ∫ p_data log D + ∫ p_g log(1-D) on an even grid (D clipped to [1e-12, 1-1e-12]).
func Value(pData, pG, d []float64, dx float64) float64 {
	f := make([]float64, len(d))
	for i := range d {
		di := math.Min(math.Max(d[i], 1e-12), 1-1e-12)
		f[i] = xlogy(pData[i], di) + xlogy(pG[i], 1-di)
	}
	return integrate(f, dx)
}

// SupportFraction: max |D - D*| is taken where p_data + p_g is at least this fraction of its maximum. Where
// both densities vanish D* is 0/0 and D is unconstrained by V.
const SupportFraction = 0.01

// Snapshot1D is Figure 1 at one step, with its numbers.
type Snapshot1D struct {
	Step             int
	X                []float64 // The grid.
	PData, PG, D, DS []float64 // p_data (exact), p_g (KDE of G's samples), trained D, optimal D*.
	MaxAbsDiff       float64   // max |D - D*| over the grid points in the support (SupportFraction).
	MeanAbsDiff      float64   // ∫ |D - D*| (p_data + p_g)/2: the gap where the samples are.
	V                float64   // V(D, G) with the trained D.
	JSD              float64   // JSD(p_data ‖ p_g).
	C                float64   // -log 4 + 2·JSD = V(D*, G), the best D's value.
}

// Figure1 measures a 1-D trainer now: n samples of G for p_g, D on the grid (points: grid size).
func Figure1(t *adversarial.Trainer, mix *realdata.Mixture1D, n, points int) (Snapshot1D, error) {
	if t.Data.Dim() != 1 {
		return Snapshot1D{}, fmt.Errorf("figure 1 needs 1-D data, got %d-D %q", t.Data.Dim(), t.Data.Name())
	}
	b := mix.Bound()
	s := Snapshot1D{Step: len(t.History), X: Grid(-b, b, points)}
	fake, err := t.Generate(n)
	if err != nil {
		return s, err
	}
	s.PG = KDE(fake, s.X, 0)
	s.PData = make([]float64, points)
	xs := make([]float32, points)
	for i, x := range s.X {
		s.PData[i] = mix.Density(x)
		xs[i] = float32(x)
	}
	d32, err := t.Discriminate(xs)
	if err != nil {
		return s, err
	}
	s.D = make([]float64, points)
	for i, v := range d32 {
		s.D[i] = float64(v)
	}
	s.DS = OptimalD(s.PData, s.PG)
	dx := s.X[1] - s.X[0]
	peak := 0.0
	for i := range s.X {
		peak = math.Max(peak, s.PData[i]+s.PG[i])
	}
	w := make([]float64, points)
	for i := range s.X {
		gap := math.Abs(s.D[i] - s.DS[i])
		if s.PData[i]+s.PG[i] >= SupportFraction*peak {
			s.MaxAbsDiff = math.Max(s.MaxAbsDiff, gap)
		}
		w[i] = gap * 0.5 * (s.PData[i] + s.PG[i])
	}
	s.MeanAbsDiff = integrate(w, dx)
	s.V = Value(s.PData, s.PG, s.D, dx)
	s.JSD = JSD(s.PData, s.PG, dx)
	s.C = -math.Log(4) + 2*s.JSD
	return s, nil
}
