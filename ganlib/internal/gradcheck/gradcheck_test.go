package gradcheck

import (
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/layers"
)

var backend = gantest.Backend()

// A correct gradient passes: sum(x^3) has gradient 3x^2.
func TestCorrectGradientPasses(t *testing.T) {
	x := tensors.FromFlatDataAndDimensions([]float64{0.5, -1.2, 2}, 3)
	r := AssertInputs(t, backend, func(x *Node) *Node { return ReduceAllSum(Mul(x, Mul(x, x))) }, x)
	if r.Checked != 3 {
		t.Errorf("checked %d coordinates, want 3", r.Checked)
	}
}

// The checker must catch a wrong gradient: here a custom VJP that doubles the true one.
func TestWrongGradientIsCaught(t *testing.T) {
	x := tensors.FromFlatDataAndDimensions([]float64{0.5, -1.2, 2}, 3)
	doubled := func(x *Node) *Node {
		y := IdentityWithCustomGradient(x, func(_, v *Node) *Node { return MulScalar(v, 2) })
		return ReduceAllSum(Mul(y, y))
	}
	r, err := Inputs(backend, Defaults, doubled, x)
	if err != nil {
		t.Fatal(err)
	}
	if w := r.Worst(); w.RelErr < 0.4 {
		t.Errorf("a doubled gradient was not caught: worst %s", w)
	}
}

// Variables are checked too, and a mismatch in a variable's gradient names the variable.
func TestVariablesChecked(t *testing.T) {
	ctx := context.New()
	x := tensors.FromFlatDataAndDimensions([]float64{0.1, 0.2, -0.3, 0.4, 0.5, -0.6}, 2, 3)
	r := AssertContext(t, backend, ctx, func(ctx *context.Context, in []*Node) *Node {
		return ReduceAllSum(Tanh(layers.Dense(ctx.In("dense"), in[0], true, 2)))
	}, x)
	// input [2,3], weights [3,2], biases [2]: 6 + 6 + 2 coordinates.
	if r.Checked != 14 || len(r.Tensors) != 3 {
		t.Errorf("checked %d coordinates in %d tensors, want 14 in 3", r.Checked, len(r.Tensors))
	}
}
