package nets

import (
	"fmt"
	"math"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	"github.com/gogan-lab/gogan/ganlib/internal/gradcheck"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
)

var backend = gantest.Backend()

func f64(dims []int, vals ...float64) *tensors.Tensor {
	return tensors.FromFlatDataAndDimensions(vals, dims...)
}

// Shapes and range: G maps [batch, latent] to [batch, dim] inside [-bound, bound]; D maps to [batch] logits.
func TestShapesAndRange(t *testing.T) {
	arch, err := ByName("mlp", Shape{Width: 16, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.New()
	z := make([]float32, 5*3)
	for i := range z {
		z[i] = float32(i) - 7 // Large inputs push tanh towards its limits.
	}
	out := context.MustNewExec(backend, ctx, func(ctx *context.Context, z *Node) []*Node {
		x := arch.Generator(ctx.In(GeneratorScope), z, 2, 1.5)
		return []*Node{x, arch.Discriminator(ctx.In(DiscriminatorScope), x)}
	}).MustExec(tensors.FromFlatDataAndDimensions(z, 5, 3))
	if d := out[0].Shape().Dimensions; len(d) != 2 || d[0] != 5 || d[1] != 2 {
		t.Errorf("G(z) shape %v, want [5 2]", d)
	}
	if d := out[1].Shape().Dimensions; len(d) != 1 || d[0] != 5 {
		t.Errorf("D logits shape %v, want [5]", d)
	}
	for _, v := range tensors.MustCopyFlatData[float32](out[0]) {
		if math.Abs(float64(v)) > 1.5 {
			t.Errorf("G output %g outside [-1.5, 1.5]", v)
		}
	}
	var gVars, dVars int
	for v := range ctx.IterVariables() {
		if Owns(GeneratorScope, v) {
			gVars++
		}
		if Owns(DiscriminatorScope, v) {
			dVars++
		}
	}
	if gVars != 6 || dVars != 6 { // 3 dense layers each: weights and biases.
		t.Errorf("%d generator and %d discriminator variables, want 6 and 6", gVars, dVars)
	}
}

func TestByNameErrors(t *testing.T) {
	if _, err := ByName("transformer", Shape{8, 1}); err == nil {
		t.Error("unknown model accepted")
	}
	if _, err := ByName("mlp", Shape{0, 1}); err == nil {
		t.Error("zero width accepted")
	}
}

// Finite-difference checks of every layer the networks use: LeakyReLU, tanh, dense, and both whole networks
// (gradients with respect to the input and to every weight).
func TestGradients(t *testing.T) {
	x := f64([]int{3, 2}, 0.3, -0.8, 1.1, 0.25, -0.45, 0.6)
	gradcheck.AssertInputs(t, backend, func(x *Node) *Node {
		return ReduceAllSum(Mul(activations.LeakyReluWithAlpha(x, LeakySlope), x))
	}, x)
	gradcheck.AssertInputs(t, backend, func(x *Node) *Node { return ReduceAllSum(Mul(Tanh(x), x)) }, x)
	arch := MLP{Hidden: []int{5, 4}}
	weights := f64([]int{3}, 0.7, -1.3, 0.4) // A fixed readout so the check sees a non-trivial scalar.
	t.Run("generator", func(t *testing.T) {
		z := f64([]int{3, 2}, 0.5, -1.0, 0.2, 0.9, -0.3, 1.4)
		gradcheck.AssertContext(t, backend, context.New(), func(ctx *context.Context, in []*Node) *Node {
			g := arch.Generator(ctx, in[0], 2, 1.5)
			return ReduceAllSum(Mul(g, Reshape(in[1], 3, 1)))
		}, z, weights)
	})
	t.Run("discriminator", func(t *testing.T) {
		gradcheck.AssertContext(t, backend, context.New(), func(ctx *context.Context, in []*Node) *Node {
			return ReduceAllSum(Mul(arch.Discriminator(ctx, in[0]), in[1]))
		}, x, weights)
	})
}

// The pyramid pair of width 512 and depth 2 on MNIST is the probe's MLP: G z -> 256 -> 512 -> 784 and
// D 784 -> 512 -> 256 -> 1 (weights' shapes read back from the context).
func TestPyramidWidths(t *testing.T) {
	arch, err := ByName("pyramid", Shape{Width: 512, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.New()
	context.MustNewExec(backend, ctx, func(ctx *context.Context, z *Node) *Node {
		return arch.Discriminator(ctx.In(DiscriminatorScope), arch.Generator(ctx.In(GeneratorScope), z, 784, 1))
	}).MustExec(tensors.FromFlatDataAndDimensions(make([]float32, 2*100), 2, 100))
	got := map[string]string{}
	for v := range ctx.IterVariables() {
		if v.Name() == "weights" {
			got[v.Scope()] = fmt.Sprint(v.Shape().Dimensions)
		}
	}
	want := map[string]string{
		"/generator/hidden0/dense": "[100 256]", "/generator/hidden1/dense": "[256 512]", "/generator/out/dense": "[512 784]",
		"/discriminator/hidden0/dense": "[784 512]", "/discriminator/hidden1/dense": "[512 256]", "/discriminator/out/dense": "[256 1]",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s weights %s, want %s (all: %v)", k, got[k], w, got)
		}
	}
}
