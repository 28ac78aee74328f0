package objective

import (
	"math"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gradcheck"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/layers"
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
)

func vec(v ...float64) *tensors.Tensor { return tensors.FromFlatDataAndDimensions(v, len(v)) }

// Closed forms of the critic, generator and hinge losses on hand-picked scores.
func TestWassersteinAndHingeClosedForm(t *testing.T) {
	two := func(fn func(a, b *Node) *Node, a, b *tensors.Tensor) float64 {
		return tensors.ToScalar[float64](MustExecOnce(backend, fn, a, b))
	}
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"critic: E[D(G(z))] - E[D(x)]", two(WassersteinCriticLoss, vec(3, 1), vec(-1, 0)), -0.5 - 2},
		{"hinge: real scores past 1 and fakes below -1 cost nothing", two(HingeDiscriminatorLoss, vec(1, 5), vec(-1, -7)), 0},
		{"hinge at 0: 1 + 1", two(HingeDiscriminatorLoss, vec(0, 0), vec(0, 0)), 2},
		{"hinge: (max(0,1-0.5) + max(0,1-2))/2 + (max(0,1+0.5) + max(0,1-3))/2", two(HingeDiscriminatorLoss, vec(0.5, 2), vec(0.5, -3)), 0.25 + 0.75},
		{"G: -E[D(G(z))]", eval(t, WassersteinGeneratorLoss, []float64{1, 2, 6}), -3},
		{"hinge G = Wasserstein G", eval(t, HingeGeneratorLoss, []float64{-1, 2}), -0.5},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s: got %.12g, want %.12g", c.name, c.got, c.want)
		}
	}
}

// x̂ = ε x + (1-ε) x', row by row.
func TestInterpolate(t *testing.T) {
	x := tensors.FromFlatDataAndDimensions([]float64{1, 1, 4, 8}, 2, 2)
	y := tensors.FromFlatDataAndDimensions([]float64{3, 5, 0, 0}, 2, 2)
	got := tensors.MustCopyFlatData[float64](MustExecOnce(backend, Mix, x, y, vec(0.5, 0.25)))
	want := []float64{2, 3, 1, 2}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("interpolate: got %v, want %v", got, want)
		}
	}
}

// For a linear critic D(x) = x·w + b the gradient is w at every point, so the penalty is exactly λ(‖w‖-1)²
// (style.md's closed form), whatever the points.
func TestGradientPenaltyLinearCritic(t *testing.T) {
	for _, c := range []struct {
		w      []float64
		lambda float64
	}{{[]float64{3, 4}, 10}, {[]float64{0.6, 0.8}, 10}, {[]float64{0, 0.5}, 2}, {[]float64{1, -1}, 1}} {
		w := tensors.FromFlatDataAndDimensions(c.w, 2, 1)
		x := tensors.FromFlatDataAndDimensions([]float64{0.3, -2, 1.5, 0.25, -1, 9}, 3, 2)
		got := tensors.ToScalar[float64](MustExecOnce(backend, func(x, w *Node) *Node {
			critic := func(x *Node) *Node { return Reshape(AddScalar(MatMul(x, w), 0.7), x.Shape().Dimensions[0]) }
			return GradientPenalty(critic, x, c.lambda)
		}, x, w))
		norm := math.Hypot(c.w[0], c.w[1])
		want := c.lambda * (norm - 1) * (norm - 1)
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("w=%v λ=%g: penalty %.12g, want λ(‖w‖-1)² = %.12g", c.w, c.lambda, got, want)
		}
	}
}

// The gradient of the penalty with respect to the critic's weights is second order (the gradient of a
// gradient). Checked against finite differences for a 2-layer MLP critic with LeakyReLU, and also with respect
// to the points; and the whole WGAN-GP critic loss.
func TestGradientPenaltyGradcheck(t *testing.T) {
	critic := func(ctx *context.Context) func(x *Node) *Node {
		return func(x *Node) *Node {
			h := activations.LeakyReluWithAlpha(layers.Dense(ctx.In("h"), x, true, 5), 0.2)
			h = Tanh(layers.Dense(ctx.In("h2"), h, true, 4)) // Smooth, so curvature is non-zero.
			return Reshape(layers.Dense(ctx.In("out"), h, true, 1), x.Shape().Dimensions[0])
		}
	}
	xReal := tensors.FromFlatDataAndDimensions([]float64{0.3, -0.2, 1.5, 0.25, -1, 0.9}, 3, 2)
	xFake := tensors.FromFlatDataAndDimensions([]float64{0.1, 0.7, -0.5, 0.4, 0.2, -0.3}, 3, 2)
	eps := vec(0.2, 0.5, 0.9)
	gradcheck.AssertContext(t, backend, context.New(), func(ctx *context.Context, in []*Node) *Node {
		ctx = ctx.Checked(false)
		d := critic(ctx)
		xHat := Mix(in[0], in[1], in[2])
		return Add(WassersteinCriticLoss(d(in[0]), d(in[1])), GradientPenalty(d, xHat, DefaultPenaltyWeight))
	}, xReal, xFake, eps)
}

func TestHingeGradcheck(t *testing.T) {
	// Away from the kinks at ±1, where max(0, ·) is differentiable.
	gradcheck.AssertInputs(t, backend, HingeDiscriminatorLoss, vec(0.5, 2, -0.3), vec(0.2, -3, -0.5))
	gradcheck.AssertInputs(t, backend, WassersteinCriticLoss, vec(0.5, 2, -0.3), vec(0.2, -3, -0.5))
}
