// Package realdata is what the discriminator sees as real: ① the real sample x.
//
// The toys have exact densities, so the optimal discriminator D* = p_data/(p_data+p_g) and the Jensen-Shannon
// divergence can be computed rather than estimated:
//   - "mix1d": a 1-D mixture of two Gaussians (Goodfellow 2014, Figure 1, with two modes);
//   - "ring8": 8 Gaussians evenly on a circle of radius 1, sd 0.01 (PacGAN's recipe);
//   - "grid25": 25 Gaussians at {-4,-2,0,2,4}^2, sd 0.05 (PacGAN's recipe).
//
// Images: "mnist", the handwritten digits, read from IDX files (mnist.go lists where they are looked for).
package realdata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// Dataset is a source of real samples.
type Dataset interface {
	Name() string
	// Dim is the size of one sample.
	Dim() int
	// Bound is a radius that holds (almost) every sample in every coordinate; the generator's tanh output is
	// scaled by it so G can reach all the data.
	Bound() float64
	// Sample returns n samples, row after row (len n*Dim).
	Sample(rng *rand.Rand, n int) []float32
}

// Toys maps each toy dataset's name to its constructor. ByName looks names up here.
var Toys = map[string]func() Dataset{
	"mix1d":  func() Dataset { return Mix1D() },
	"ring8":  func() Dataset { return Ring8() },
	"grid25": func() Dataset { return Grid25() },
}

// Loaded maps each dataset that is read from files (and so may fail to load) to its loader. ByName looks
// names up here after Toys.
var Loaded = map[string]func() (Dataset, error){
	"mnist": func() (Dataset, error) { return LoadMNIST(DefaultMNISTSources) },
}

// Names returns the known dataset names, sorted.
func Names() []string {
	names := make([]string, 0, len(Toys)+len(Loaded))
	for n := range Toys {
		names = append(names, n)
	}
	for n := range Loaded {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ByName returns the dataset with that name, or an error that lists the valid names.
func ByName(name string) (Dataset, error) {
	if f, ok := Toys[name]; ok {
		return f(), nil
	}
	if f, ok := Loaded[name]; ok {
		return f()
	}
	return nil, fmt.Errorf("unknown data %q: use one of %s", name, strings.Join(Names(), ", "))
}

// Mixture1D is a 1-D Gaussian mixture with a closed-form density.
type Mixture1D struct {
	Means, SDs, Weights []float64
}

// Mix1D is the 1-D toy: 0.5 N(-1.5, 0.4^2) + 0.5 N(1.5, 0.4^2).
func Mix1D() *Mixture1D {
	return &Mixture1D{Means: []float64{-1.5, 1.5}, SDs: []float64{0.4, 0.4}, Weights: []float64{0.5, 0.5}}
}

func (m *Mixture1D) Name() string { return "mix1d" }
func (m *Mixture1D) Dim() int     { return 1 }

// Bound is 4 standard deviations past the outermost mean.
func (m *Mixture1D) Bound() float64 {
	b := 0.0
	for i := range m.Means {
		b = math.Max(b, math.Abs(m.Means[i])+4*m.SDs[i])
	}
	return b
}

// Density is p_data(x), exactly.
func (m *Mixture1D) Density(x float64) float64 {
	p := 0.0
	for i := range m.Means {
		u := (x - m.Means[i]) / m.SDs[i]
		p += m.Weights[i] * math.Exp(-0.5*u*u) / (m.SDs[i] * math.Sqrt(2*math.Pi))
	}
	return p
}

func (m *Mixture1D) Sample(rng *rand.Rand, n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		c := pick(rng, m.Weights)
		out[i] = float32(m.Means[c] + m.SDs[c]*rng.NormFloat64())
	}
	return out
}

func pick(rng *rand.Rand, weights []float64) int {
	u, acc := rng.Float64(), 0.0
	for i, w := range weights {
		acc += w
		if u < acc {
			return i
		}
	}
	return len(weights) - 1
}

// Mixture2D is an equal-weight mixture of isotropic 2-D Gaussians: the mode-collapse benchmarks.
type Mixture2D struct {
	name  string
	Modes [][2]float64 // The means: one per mode.
	SD    float64      // Standard deviation of every component, per coordinate.
}

// Ring8 is 8 Gaussians evenly on a circle of radius 1 (means at angle 2*pi*i/8), sd 0.01.
func Ring8() *Mixture2D {
	m := &Mixture2D{name: "ring8", SD: 0.01}
	for i := range 8 {
		a := 2 * math.Pi * float64(i) / 8
		m.Modes = append(m.Modes, [2]float64{math.Cos(a), math.Sin(a)})
	}
	return m
}

// Grid25 is 25 Gaussians with means at {-4,-2,0,2,4}^2, sd 0.05.
func Grid25() *Mixture2D {
	m := &Mixture2D{name: "grid25", SD: 0.05}
	for _, x := range []float64{-4, -2, 0, 2, 4} {
		for _, y := range []float64{-4, -2, 0, 2, 4} {
			m.Modes = append(m.Modes, [2]float64{x, y})
		}
	}
	return m
}

func (m *Mixture2D) Name() string { return m.name }
func (m *Mixture2D) Dim() int     { return 2 }

// Bound is the largest coordinate of any mode plus a margin of half the smallest spacing, so G can overshoot.
func (m *Mixture2D) Bound() float64 {
	b := 0.0
	for _, mu := range m.Modes {
		b = math.Max(b, math.Max(math.Abs(mu[0]), math.Abs(mu[1])))
	}
	return b * 1.5
}

// Density is p_data(x, y), exactly.
func (m *Mixture2D) Density(x, y float64) float64 {
	p := 0.0
	norm := 1 / (2 * math.Pi * m.SD * m.SD * float64(len(m.Modes)))
	for _, mu := range m.Modes {
		dx, dy := (x-mu[0])/m.SD, (y-mu[1])/m.SD
		p += norm * math.Exp(-0.5*(dx*dx+dy*dy))
	}
	return p
}

func (m *Mixture2D) Sample(rng *rand.Rand, n int) []float32 {
	out := make([]float32, 2*n)
	for i := range n {
		mu := m.Modes[rng.IntN(len(m.Modes))]
		out[2*i] = float32(mu[0] + m.SD*rng.NormFloat64())
		out[2*i+1] = float32(mu[1] + m.SD*rng.NormFloat64())
	}
	return out
}
