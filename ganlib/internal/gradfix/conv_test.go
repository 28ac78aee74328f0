package gradfix

import (
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gradcheck"
	"github.com/gomlx/gomlx/backends"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Conv's gradients (input and kernel) match finite differences for odd and even kernels, strides 1 and 2,
// paddings from none to k-1, in 1-D and 2-D. Without the registered VJP this test fails: on the pure-Go engine
// GoMLX's conv gradient cannot be built (no Reverse, nil strides), and on XLA even kernels get a shifted
// input gradient.
func TestConvGradient(t *testing.T) {
	for _, tc := range []struct {
		name    string
		x, k    []int
		strides []int
		pads    [][2]int
	}{
		{"1d k2 s1 (the shifted case)", []int{1, 4, 1}, []int{2, 1, 1}, []int{1}, [][2]int{{0, 1}}},
		{"1d k3 s2 same", []int{2, 7, 2}, []int{3, 2, 3}, []int{2}, [][2]int{{1, 1}}},
		{"2d k3 s1 same", []int{2, 5, 4, 2}, []int{3, 3, 2, 3}, []int{1, 1}, [][2]int{{1, 1}, {1, 1}}},
		{"2d k3 s2 pad(0,1)", []int{2, 6, 6, 1}, []int{3, 3, 1, 2}, []int{2, 2}, [][2]int{{0, 1}, {0, 1}}},
		{"2d k4 s2 pad(1,1) (DCGAN's)", []int{1, 6, 6, 2}, []int{4, 4, 2, 2}, []int{2, 2}, [][2]int{{1, 1}, {1, 1}}},
		{"2d k3 s2 no pad (last row unread)", []int{1, 6, 5, 1}, []int{3, 3, 1, 1}, []int{2, 2}, [][2]int{{0, 0}, {0, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gradcheck.AssertInputs(t, backend, func(in []*Node) *Node {
				y := Conv(in[0], in[1], tc.strides, tc.pads)
				return ReduceAllSum(Mul(y, Sin(y))) // A non-linear weighting, so every output counts differently.
			}, gradcheck.Wave(0, tc.x...), gradcheck.Wave(1, tc.k...))
		})
	}
}

// The input gradient is itself differentiable (a gradient penalty on a conv discriminator takes it):
// d/dk of ‖∂L/∂x‖² matches finite differences.
func TestConvSecondOrder(t *testing.T) {
	gradcheck.AssertInputs(t, backend, func(x, k *Node) *Node {
		y := Conv(x, k, []int{2, 2}, [][2]int{{0, 1}, {0, 1}})
		gx := Gradient(ReduceAllSum(Square(y)), x)[0]
		return ReduceAllSum(Square(gx))
	}, gradcheck.Wave(0, 1, 4, 4, 1), gradcheck.Wave(1, 3, 3, 1, 2))
}

// The 1-D case from the notes, by hand: with kernel [1, 10] and padding (0, 1), y[i] = x[i] + 10 x[i+1], so
// ∂y[1]/∂x = [0, 1, 10, 0]. GoMLX's own VJP shifts it by one pixel (on engines where it runs at all).
func TestConvEvenKernelExact(t *testing.T) {
	g := NewGraph(backend, "even")
	x := Parameter(g, "x", gradcheck.Wave(0, 1, 4, 1).Shape())
	k := Const(g, [][][]float64{{{1}}, {{10}}})
	y := Conv(x, k, []int{1}, [][2]int{{0, 1}})        // y[i] = x[i] + 10 x[i+1]
	w := Const(g, [][][]float64{{{0}, {1}, {0}, {0}}}) // L = y[1] = x[1] + 10 x[2]
	gx := Gradient(ReduceAllSum(Mul(y, w)), x)[0]
	g.Compile(gx)
	got := tensors.MustCopyFlatData[float64](g.Run(gradcheck.Wave(0, 1, 4, 1))[0])
	want := []float64{0, 1, 10, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("input gradient %v, want %v", got, want)
		}
	}
}

// GoMLX's own conv gradient, on engines where it can run (XLA): for the same even kernel it is shifted by one
// pixel. When this test fails, GoMLX has fixed the bug and Conv's VJP may be retired on XLA.
func TestGoMLXEvenKernelGradientIsShifted(t *testing.T) {
	if !backend.Capabilities().Operations[backends.OpTypeReverse] {
		t.Skipf("%s has no Reverse: GoMLX's own conv gradient cannot be built here (the other fault Conv fixes)", backend.Name())
	}
	g := NewGraph(backend, "gomlx_even")
	x := Parameter(g, "x", gradcheck.Wave(0, 1, 4, 1).Shape())
	k := Const(g, [][][]float64{{{1}}, {{10}}})
	y := Convolve(x, k).StridePerAxis(1).PaddingPerDim([][2]int{{0, 1}}).Done() // Not built by Conv: GoMLX's VJP.
	w := Const(g, [][][]float64{{{0}, {1}, {0}, {0}}})
	gx := Gradient(ReduceAllSum(Mul(y, w)), x)[0]
	g.Compile(gx)
	got := tensors.MustCopyFlatData[float64](g.Run(gradcheck.Wave(0, 1, 4, 1))[0])
	t.Logf("GoMLX's own input gradient: %v (correct: [0 1 10 0])", got)
	if got[1] == 1 && got[2] == 10 {
		t.Errorf("GoMLX's even-kernel conv gradient is right now (%v): gradfix's conv VJP may be retired", got)
	}
}
