package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gradfix"
	"github.com/gomlx/gomlx/backends"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

func randomTensor(r *rand.Rand, dims ...int) *tensors.Tensor {
	n := 1
	for _, d := range dims {
		n *= d
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return tensors.FromFlatDataAndDimensions(v, dims...)
}

// The wrapped pure-Go engine computes convolutions as matrix products (conv.go). Every convolution a conv GAN
// builds must give what simplego's own ConvGeneral gives: the forward convolution (strides, paddings, kernel
// sizes 2 and 3, 1-D and 2-D, kernel dilation), and through gradfix.Conv's gradient the input gradient (a
// stride-1 padded convolution) and the kernel gradient (a convolution with swapped axes and the stride as
// kernel dilation, computed by output position).
func TestConvAsMatrixProductsMatchesSimplego(t *testing.T) {
	raw, err := backends.NewWithConfig(pureGoConfig)
	if err != nil {
		t.Fatal(err)
	}
	wrappedEngine := NewPureGo()
	built := &wrappedEngine.(*wrapped).convProducts
	cases := []struct {
		x, k     []int
		strides  []int
		paddings [][2]int
		dilation []int
	}{
		{[]int{2, 7, 7, 3}, []int{3, 3, 3, 4}, []int{1, 1}, [][2]int{{1, 1}, {1, 1}}, nil},
		{[]int{2, 8, 8, 3}, []int{3, 3, 3, 5}, []int{2, 2}, [][2]int{{1, 1}, {1, 1}}, nil},
		{[]int{3, 9, 2}, []int{2, 2, 3}, []int{1}, [][2]int{{1, 0}}, nil},
		{[]int{2, 6, 5, 2}, []int{4, 3, 2, 2}, []int{2, 1}, [][2]int{{2, 1}, {0, 2}}, nil},
		{[]int{1, 9, 9, 2}, []int{3, 3, 2, 3}, []int{1, 1}, [][2]int{{2, 2}, {2, 2}}, []int{2, 2}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			seed := r.Uint64()
			inputs := func() (*tensors.Tensor, *tensors.Tensor) { // Fresh host tensors for each engine.
				r := rand.New(rand.NewPCG(seed, 3))
				return randomTensor(r, c.x...), randomTensor(r, c.k...)
			}
			fn := func(x, k *Node) []*Node {
				var y *Node
				if c.dilation != nil { // Forward only: gradfix.Conv has no dilation.
					y = Convolve(x, k).StridePerAxis(c.strides...).PaddingPerDim(c.paddings).DilationPerAxis(c.dilation...).Done()
					return []*Node{y}
				}
				y = gradfix.Conv(x, k, c.strides, c.paddings)
				w := Sin(Iota(x.Graph(), y.Shape(), y.Rank()-1)) // A fixed, uneven weighting of the outputs.
				g := Gradient(ReduceAllSum(Mul(y, w)), x, k)
				return []*Node{y, g[0], g[1]}
			}
			x, k := inputs()
			want := MustExecOnceN(raw, fn, x, k)
			x, k = inputs()
			before := built.Load()
			got := MustExecOnceN(wrappedEngine, fn, x, k)
			if n := built.Load() - before; n < int64(len(want)) { // One convolution for y, one for dx, one for dkernel.
				t.Fatalf("%d convolutions built as matrix products, want %d", n, len(want))
			}
			for j := range want {
				a, b := tensors.MustCopyFlatData[float64](want[j]), tensors.MustCopyFlatData[float64](got[j])
				if !want[j].Shape().Equal(got[j].Shape()) {
					t.Fatalf("output %d: shape %s, simplego %s", j, got[j].Shape(), want[j].Shape())
				}
				for n := range a {
					if math.Abs(a[n]-b[n]) > 1e-9*(1+math.Abs(a[n])) {
						t.Fatalf("output %d (0: y, 1: dy/dx, 2: dy/dkernel) element %d: %g, simplego %g", j, n, b[n], a[n])
					}
				}
			}
		})
	}
}
