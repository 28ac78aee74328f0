package nets

import (
	"fmt"
	"math"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gradcheck"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

func TestImageSize(t *testing.T) {
	for dim, want := range map[int][2]int{784: {28, 1}, 3072: {32, 3}, 64: {8, 1}} {
		s, c, err := ImageSize(dim)
		if err != nil || s != want[0] || c != want[1] {
			t.Errorf("ImageSize(%d) = %d, %d, %v", dim, s, c, err)
		}
	}
	if _, _, err := ImageSize(2); err == nil {
		t.Error("2 accepted as an image")
	}
}

// Shapes and range for MNIST's 28x28x1 and for 32x32x3.
func TestConvShapesAndRange(t *testing.T) {
	for _, dim := range []int{784, 3072} {
		arch, err := ByName("conv", Shape{Width: 4, Depth: 1})
		if err != nil {
			t.Fatal(err)
		}
		out := context.MustNewExec(backend, context.New(), func(ctx *context.Context, z *Node) []*Node {
			x := arch.Generator(ctx.In(GeneratorScope), MulScalar(z, 50), dim, 1)
			return []*Node{x, arch.Discriminator(ctx.In(DiscriminatorScope), x)}
		}).MustExec(gradcheck.Wave(0, 3, 5))
		if d := out[0].Shape().Dimensions; d[0] != 3 || d[1] != dim {
			t.Errorf("G(z) shape %v, want [3 %d]", d, dim)
		}
		if d := out[1].Shape().Dimensions; len(d) != 1 || d[0] != 3 {
			t.Errorf("D shape %v", d)
		}
		for _, v := range tensors.MustCopyFlatData[float64](out[0]) {
			if math.Abs(v) > 1 {
				t.Fatalf("G(z) value %g outside [-1, 1]", v)
			}
		}
	}
}

// Every layer of the conv GAN passes the finite-difference check (float64, small shapes), with respect to
// its input and its weights: the upsampling, a stride-1 and a stride-2 conv layer, and both whole networks.
func TestConvLayerGradients(t *testing.T) {
	t.Run("upsample", func(t *testing.T) {
		gradcheck.AssertInputs(t, backend, func(x *Node) *Node {
			w := Reshape(Const(x.Graph(), tensors.MustCopyFlatData[float64](gradcheck.Wave(3, 1, 4, 6, 2))), 1, 4, 6, 2)
			return ReduceAllSum(Mul(Upsample(x), w))
		}, gradcheck.Wave(0, 1, 2, 3, 2))
	})
	for _, stride := range []int{1, 2} {
		t.Run(fmt.Sprintf("conv stride %d", stride), func(t *testing.T) {
			gradcheck.AssertContext(t, backend, context.New(), func(ctx *context.Context, in []*Node) *Node {
				y := ConvLayer(ctx, in[0], 3, stride)
				return ReduceAllSum(Mul(y, Sin(y)))
			}, gradcheck.Wave(0, 2, 6, 6, 2))
		})
	}
	arch := ConvNet{Channels: 2}
	t.Run("generator", func(t *testing.T) {
		gradcheck.AssertContext(t, backend, context.New(), func(ctx *context.Context, in []*Node) *Node {
			x := arch.Generator(ctx, in[0], 64, 1) // 8x8x1 images
			return ReduceAllSum(Mul(x, Cos(x)))
		}, gradcheck.Wave(0, 2, 3))
	})
	t.Run("discriminator", func(t *testing.T) {
		gradcheck.AssertContext(t, backend, context.New(), func(ctx *context.Context, in []*Node) *Node {
			return ReduceAllSum(Square(arch.Discriminator(ctx, in[0])))
		}, gradcheck.Wave(0, 2, 64))
	})
}
