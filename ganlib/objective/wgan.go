package objective

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
)

// WGAN-GP (Gulrajani et al. 2017). The discriminator is a critic: its output s = D(x) is a score, not a logit,
// and the critic minimises
//
//	E_z[D(G(z))] - E_x[D(x)] + λ E_x̂[(‖∇_x̂ D(x̂)‖ - 1)²],   x̂ = ε x + (1-ε) G(z), ε ~ U[0,1] per sample,
//
// an estimate of minus the Wasserstein-1 distance kept 1-Lipschitz by the gradient penalty. G minimises
// -E_z[D(G(z))].

// DefaultPenaltyWeight is λ of the WGAN-GP paper.
const DefaultPenaltyWeight = 10.0

// WassersteinCriticLoss is E[D(G(z))] - E[D(x)], the critic's loss without its penalty (scores [batch]).
func WassersteinCriticLoss(dReal, dFake *Node) *Node {
	return Sub(ReduceAllMean(dFake), ReduceAllMean(dReal))
}

// WassersteinGeneratorLoss is -E[D(G(z))]: G raises the critic's score of its samples. The hinge loss's G
// uses it too.
func WassersteinGeneratorLoss(dFake *Node) *Node { return Neg(ReduceAllMean(dFake)) }

// Mix is the interpolate x̂ = ε x + (1-ε) x': xReal, xFake [batch, dim], eps [batch] in [0,1] -> [batch, dim].
func Mix(xReal, xFake, eps *Node) *Node {
	e := ExpandAxes(eps, -1) // [batch, 1], broadcast over dim.
	return Add(Mul(e, xReal), Mul(OneMinus(e), xFake))
}

// GradientPenalty is λ E[(‖∇_x̂ D(x̂)‖ - 1)²] at the points xHat [batch, dim], for a critic that maps
// [batch, dim] to scores [batch], each score depending on its own row (so the gradient of their sum with
// respect to row i is ∇D at x̂_i). The norm is sqrt(‖∇‖² + 1e-12), so that a zero gradient has a finite
// derivative. Differentiating the penalty with respect to the critic's weights is a second-order gradient;
// GoMLX builds it (checked against finite differences for an MLP with LeakyReLU).
func GradientPenalty(critic func(x *Node) *Node, xHat *Node, lambda float64) *Node {
	xHat.AssertRank(2)
	scores := critic(xHat)
	grad := Gradient(ReduceAllSum(scores), xHat)[0]                      // [batch, dim]
	norm := Sqrt(AddScalar(ReduceSum(Square(grad), -1), 1e-12))          // [batch]
	return MulScalar(ReduceAllMean(Square(AddScalar(norm, -1))), lambda) // scalar
}
