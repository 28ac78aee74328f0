// Package noise samples the generator's input z: step 1 of a GAN, "sample noise from a distribution that is
// easy to sample".
//
// Noise is drawn on the host with a seeded PCG generator, so the same seed gives the same z on every engine.
package noise

import (
	"fmt"
	"math/rand/v2"

	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Distribution names a noise distribution.
type Distribution string

const (
	Normal  Distribution = "normal"  // z ~ N(0, I)
	Uniform Distribution = "uniform" // z ~ U[-1, 1]^dim
)

// Distributions lists the valid names, for flags and error messages.
var Distributions = []Distribution{Normal, Uniform}

// Sampler draws batches of z of a fixed dimension.
type Sampler struct {
	Dist Distribution
	Dim  int // Latent dimension: the size of one z.
	rng  *rand.Rand
	pcg  *rand.PCG // rng's source, whose state State and SetState save and restore.
}

// New returns a sampler of z in R^dim, seeded with seed.
func New(dist Distribution, dim int, seed uint64) (*Sampler, error) {
	if dist != Normal && dist != Uniform {
		return nil, fmt.Errorf("unknown noise distribution %q: use %q or %q", dist, Normal, Uniform)
	}
	if dim <= 0 {
		return nil, fmt.Errorf("latent dimension must be positive, got %d", dim)
	}
	pcg := rand.NewPCG(seed, 0x6e6f697365)
	return &Sampler{Dist: dist, Dim: dim, rng: rand.New(pcg), pcg: pcg}, nil
}

// State is the generator's state (PCG's binary form): a checkpoint saves it so that a resumed run draws the
// same z as one that never stopped.
func (s *Sampler) State() ([]byte, error) { return s.pcg.MarshalBinary() }

// SetState restores a state returned by State.
func (s *Sampler) SetState(state []byte) error { return s.pcg.UnmarshalBinary(state) }

// Flat returns batch samples of z, row after row: len = batch*Dim.
func (s *Sampler) Flat(batch int) []float32 {
	out := make([]float32, batch*s.Dim)
	for i := range out {
		if s.Dist == Normal {
			out[i] = float32(s.rng.NormFloat64())
		} else {
			out[i] = float32(2*s.rng.Float64() - 1)
		}
	}
	return out
}

// Sample returns z as a tensor of shape [batch, Dim].
func (s *Sampler) Sample(batch int) *tensors.Tensor {
	return tensors.FromFlatDataAndDimensions(s.Flat(batch), batch, s.Dim)
}
