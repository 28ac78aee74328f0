package modecollapse

import (
	"fmt"
	"math"
)

// HighQualitySDs is the radius, in standard deviations of a mode, within which a sample counts as
// high-quality (VEEGAN, PacGAN: 3).
const HighQualitySDs = 3.0

// Metrics are VEEGAN's and PacGAN's measures of mode collapse on a mixture of equal-weight Gaussians.
type Metrics struct {
	Modes       int     // Modes captured: modes nearest to at least one high-quality sample.
	HighQuality float64 // Percentage (0–100) of samples within 3 sd (Euclidean) of their nearest mode.
	ReverseKL   float64 // KL(q ‖ uniform), q the histogram over modes of the high-quality samples.
	Counts      []int   // High-quality samples per mode (the histogram q, unnormalised).
	Samples     int     // Samples measured.
}

// Measure computes the metrics of samples (row after row, len n*dim) against a mixture whose modes are
// means (each of length dim) and whose components all have standard deviation sd:
//
//   - a sample is high-quality if its Euclidean distance to the nearest mean is at most 3 sd;
//   - a mode is captured if at least one high-quality sample has it as its nearest mean;
//   - reverse KL is Σ_i q_i log(q_i K) over the K modes, q_i the fraction of the high-quality samples
//     nearest to mode i. Empty modes add 0 (0 log 0 = 0, PacGAN's convention: the KL of the samples'
//     histogram from uniform stays finite when modes are missed, and a single captured mode gives log K).
//     With no high-quality sample at all q is undefined and ReverseKL is +Inf (every sample missed every mode).
//
// A sample exactly halfway between two means goes to the one listed first.
func Measure(means [][]float64, sd float64, samples []float32) (Metrics, error) {
	if len(means) == 0 {
		return Metrics{}, fmt.Errorf("modecollapse: no modes given")
	}
	if !(sd > 0) {
		return Metrics{}, fmt.Errorf("modecollapse: mode standard deviation must be positive, got %g", sd)
	}
	dim := len(means[0])
	if dim == 0 || len(samples)%dim != 0 {
		return Metrics{}, fmt.Errorf("modecollapse: %d coordinates are not a list of %d-D samples", len(samples), dim)
	}
	n := len(samples) / dim
	m := Metrics{Counts: make([]int, len(means)), Samples: n}
	radius2 := (HighQualitySDs * sd) * (HighQualitySDs * sd)
	hq := 0
	for i := range n {
		x := samples[i*dim : (i+1)*dim]
		best, bestD2 := 0, math.Inf(1)
		for k, mu := range means {
			d2 := 0.0
			for j := range dim {
				d := float64(x[j]) - mu[j]
				d2 += d * d
			}
			if d2 < bestD2 {
				best, bestD2 = k, d2
			}
		}
		if bestD2 <= radius2 {
			hq++
			m.Counts[best]++
		}
	}
	if n > 0 {
		m.HighQuality = 100 * float64(hq) / float64(n)
	}
	m.ReverseKL = math.Inf(1)
	if hq > 0 {
		m.ReverseKL = 0
		k := float64(len(means))
		for _, c := range m.Counts {
			if c > 0 {
				m.Modes++
				q := float64(c) / float64(hq)
				m.ReverseKL += q * math.Log(q*k)
			}
		}
	}
	return m, nil
}
