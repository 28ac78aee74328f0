// Package judge tells how good a GAN's digits are, with a small MNIST classifier as the judge:
//
//   - the class histogram of generated digits, the classes covered and the KL divergence from uniform (mode
//     collapse shows as missing classes and a large KL);
//   - the Fréchet distance between generated and real digits in the classifier's feature space (its last
//     hidden layer): the idea of FID (Heusel et al. 2017) with an MNIST classifier in place of Inception, so
//     figures are comparable only with the same classifier.
//
// The classifier is an MLP (784 -> 512 -> 256 -> 10, ReLU), trained with Adam; features are its 256
// last-hidden activations.
package judge

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Histogram counts predicted classes.
func Histogram(classes []int, k int) []int {
	h := make([]int, k)
	for _, c := range classes {
		if c >= 0 && c < k {
			h[c]++
		}
	}
	return h
}

// Covered is the number of classes with at least minCount samples.
func Covered(hist []int, minCount int) int {
	n := 0
	for _, c := range hist {
		if c >= minCount {
			n++
		}
	}
	return n
}

// KLFromUniform is KL(p || uniform) = Σ p log(k p), in nats, of the histogram's distribution p: 0 for a
// perfectly balanced histogram, log k when every sample is in one class.
func KLFromUniform(hist []int) float64 {
	total := 0
	for _, c := range hist {
		total += c
	}
	if total == 0 {
		return math.NaN()
	}
	kl := 0.0
	for _, c := range hist {
		if c > 0 {
			p := float64(c) / float64(total)
			kl += p * math.Log(p*float64(len(hist)))
		}
	}
	return kl
}

// Gaussian is the mean and covariance of a set of feature vectors.
type Gaussian struct {
	Mean []float64
	Cov  *mat.SymDense
}

// Fit computes the mean and the (unbiased) covariance of n rows of dim features.
func Fit(features []float32, dim int) (Gaussian, error) {
	n := len(features) / dim
	if n < 2 || n*dim != len(features) {
		return Gaussian{}, fmt.Errorf("need at least 2 whole feature vectors of size %d, got %d values", dim, len(features))
	}
	mean := make([]float64, dim)
	for i := range n {
		for j := range dim {
			mean[j] += float64(features[i*dim+j])
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	centred := mat.NewDense(n, dim, nil)
	for i := range n {
		for j := range dim {
			centred.Set(i, j, float64(features[i*dim+j])-mean[j])
		}
	}
	cov := mat.NewSymDense(dim, nil)
	cov.SymOuterK(1/float64(n-1), centred.T())
	return Gaussian{Mean: mean, Cov: cov}, nil
}

// Frechet is the Fréchet distance between two Gaussians (the squared 2-Wasserstein distance):
//
//	|μ1 - μ2|² + Tr(Σ1 + Σ2 - 2 (Σ1^½ Σ2 Σ1^½)^½)
//
// computed with symmetric eigen-decompositions (gonum), so every square root is of a symmetric PSD matrix.
func Frechet(a, b Gaussian) (float64, error) {
	d := 0.0
	for i := range a.Mean {
		diff := a.Mean[i] - b.Mean[i]
		d += diff * diff
	}
	sqrtA, err := sqrtSym(a.Cov)
	if err != nil {
		return 0, err
	}
	var m mat.Dense
	m.Mul(sqrtA, b.Cov)
	m.Mul(&m, sqrtA)
	n, _ := m.Dims()
	sym := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, (m.At(i, j)+m.At(j, i))/2)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(sym, false) {
		return 0, fmt.Errorf("eigen-decomposition did not converge")
	}
	trSqrt := 0.0
	for _, v := range eig.Values(nil) {
		trSqrt += math.Sqrt(math.Max(v, 0))
	}
	return d + mat.Trace(a.Cov) + mat.Trace(b.Cov) - 2*trSqrt, nil
}

// sqrtSym is the square root of a symmetric PSD matrix (negative eigenvalues, from rounding, count as 0).
func sqrtSym(s *mat.SymDense) (*mat.Dense, error) {
	var eig mat.EigenSym
	if !eig.Factorize(s, true) {
		return nil, fmt.Errorf("eigen-decomposition did not converge")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	n := len(vals)
	scaled := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			scaled.Set(i, j, vecs.At(i, j)*math.Sqrt(math.Max(vals[j], 0)))
		}
	}
	var out mat.Dense
	out.Mul(scaled, vecs.T())
	return &out, nil
}
