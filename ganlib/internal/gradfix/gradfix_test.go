package gradfix

import (
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	"github.com/gogan-lab/gogan/ganlib/internal/gradcheck"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

var backend = gantest.Backend()

func matrix(rows, cols int, seed float64) *tensors.Tensor {
	v := make([]float64, rows*cols)
	for i := range v {
		v[i] = float64((i*7+int(seed*13))%11)/5 - 1
	}
	return tensors.FromFlatDataAndDimensions(v, rows, cols)
}

// The corrected matrix-product gradient matches finite differences, for both operands.
func TestDotGradient(t *testing.T) {
	r := matrix(3, 5, 2)
	gradcheck.AssertInputs(t, backend, func(in []*Node) *Node {
		return ReduceAllSum(Mul(Dot(in[0], in[1]), in[2]))
	}, matrix(3, 4, 0), matrix(4, 5, 1), r)
	// Matrix x vector keeps GoMLX's own gradient, and is still right.
	gradcheck.AssertInputs(t, backend, func(a, x *Node) *Node { return ReduceAllSum(Square(Dot(a, x))) },
		matrix(3, 4, 0), tensors.FromFlatDataAndDimensions([]float64{1, -2, 0.5, 3}, 4))
}

// The gradient graph of a [i,j]x[j,k] product holds no rank-3 tensor: GoMLX's own VJP builds an [i, j, k]
// broadcast (the slow path on the pure-Go engine), ours two matrix products. This test fails without the fix.
func TestDotGradientBuildsNoRank3Tensor(t *testing.T) {
	g := NewGraph(backend, "dot_gradient")
	a := Parameter(g, "a", matrix(64, 32, 0).Shape())
	b := Parameter(g, "b", matrix(32, 16, 0).Shape())
	Gradient(ReduceAllSum(Dot(a, b)), a, b)
	for _, n := range g.Nodes() {
		if n.Rank() >= 3 {
			t.Errorf("gradient graph holds %s node of shape %s", n.Type(), n.Shape())
		}
	}
	g.Finalize()
}

// Second order: the gradient of a function of the gradient of a matrix product (as WGAN-GP's penalty and
// the unrolled GAN build) matches finite differences, and its graph holds no rank-3 tensor either.
func TestDotSecondOrder(t *testing.T) {
	fn := func(in []*Node) *Node {
		a, b := in[0], in[1]
		y := Tanh(Dot(a, b))
		ga := Gradient(ReduceAllSum(Square(y)), a)[0] // Built from our products.
		return ReduceAllSum(Mul(ga, ga))
	}
	gradcheck.AssertInputs(t, backend, fn, matrix(3, 4, 0), matrix(4, 5, 1))
	g := NewGraph(backend, "second_order")
	a := Parameter(g, "a", matrix(16, 8, 0).Shape())
	b := Parameter(g, "b", matrix(8, 4, 0).Shape())
	Gradient(fn([]*Node{a, b}), a, b)
	for _, n := range g.Nodes() {
		if n.Rank() >= 3 {
			t.Errorf("second-order graph holds %s node of shape %s", n.Type(), n.Shape())
		}
	}
	g.Finalize()
}
