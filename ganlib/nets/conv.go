package nets

import (
	"fmt"
	"math"

	"github.com/gogan-lab/gogan/ganlib/internal/gradfix"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/initializers"
	"github.com/gomlx/gomlx/pkg/ml/layers"
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
)

func init() {
	Models["conv"] = func(s Shape) Architecture { return ConvNet{Channels: s.Width} }
}

// ConvNet is a small convolutional GAN for square images whose side is a multiple of 4: 28x28x1 (MNIST) or
// 32x32x3. Samples still travel as flat rows [batch, h*w*c] (row-major, channels last), so ConvNet has the
// same interface as MLP; it reshapes on the way in and out.
//
// G upsamples by nearest neighbour, each time followed by a 3x3 convolution (no transposed convolution: no
// checkerboard artefacts, and no even kernel). D halves the size twice with stride-2 3x3 convolutions and
// LeakyReLU(0.2). Every convolution is gradfix.Conv, whose gradients are correct on every engine (see
// internal/gradfix). No normalisation layer.
type ConvNet struct {
	Channels int // C: G's last hidden layer and D's first have C channels, the others 2C.
}

// ImageSize infers an image's side and channels from its flat size: 784 -> 28x28x1, 3072 -> 32x32x3.
func ImageSize(dim int) (side, channels int, err error) {
	for _, c := range []int{1, 3} {
		s := int(math.Round(math.Sqrt(float64(dim / c))))
		if dim%c == 0 && s*s*c == dim && s%4 == 0 {
			return s, c, nil
		}
	}
	return 0, 0, fmt.Errorf("the conv model needs square images with a side divisible by 4 (1 or 3 channels), not %d values per sample", dim)
}

// Generator: z [batch, latent] -> dense [batch, s/4, s/4, 2C] -> LeakyReLU
// -> up x2 -> conv 3x3 [batch, s/2, s/2, C] -> LeakyReLU -> up x2 -> conv 3x3 [batch, s, s, c] -> bound*tanh
// -> [batch, s*s*c].
func (m ConvNet) Generator(ctx *context.Context, z *Node, dim int, bound float64) *Node {
	z.AssertRank(2)
	side, ch, err := ImageSize(dim)
	if err != nil {
		panic(err)
	}
	batch, q := z.Shape().Dimensions[0], side/4
	h := layers.Dense(ctx.In("project"), z, true, q*q*2*m.Channels)
	h = leaky(Reshape(h, batch, q, q, 2*m.Channels))
	h = leaky(ConvLayer(ctx.In("conv1"), Upsample(h), m.Channels, 1)) // [batch, s/2, s/2, C]
	h.AssertDims(batch, 2*q, 2*q, m.Channels)
	x := ConvLayer(ctx.In("conv2"), Upsample(h), ch, 1) // [batch, s, s, c]
	x.AssertDims(batch, side, side, ch)
	return Reshape(MulScalar(Tanh(x), bound), batch, dim)
}

// Discriminator: x [batch, s*s*c] -> [batch, s, s, c] -> conv 3x3 stride 2 [batch, s/2, s/2, C] -> LeakyReLU
// -> conv 3x3 stride 2 [batch, s/4, s/4, 2C] -> LeakyReLU -> dense -> logits [batch].
func (m ConvNet) Discriminator(ctx *context.Context, x *Node) *Node {
	x.AssertRank(2)
	batch, dim := x.Shape().Dimensions[0], x.Shape().Dimensions[1]
	side, ch, err := ImageSize(dim)
	if err != nil {
		panic(err)
	}
	h := Reshape(x, batch, side, side, ch)
	h = leaky(ConvLayer(ctx.In("conv1"), h, m.Channels, 2))
	h = leaky(ConvLayer(ctx.In("conv2"), h, 2*m.Channels, 2))
	h.AssertDims(batch, side/4, side/4, 2*m.Channels)
	logits := Reshape(layers.Dense(ctx.In("out"), Reshape(h, batch, -1), true, 1), batch)
	logits.AssertDims(batch)
	return logits
}

func leaky(x *Node) *Node { return activations.LeakyReluWithAlpha(x, LeakySlope) }

// Upsample doubles the height and width of x [batch, h, w, c] by repeating each pixel (nearest neighbour).
func Upsample(x *Node) *Node {
	x.AssertRank(4)
	d := x.Shape().Dimensions
	b, h, w, c := d[0], d[1], d[2], d[3]
	y := BroadcastToDims(Reshape(x, b, h, 1, w, 1, c), b, h, 2, w, 2, c)
	return Reshape(y, b, 2*h, 2*w, c)
}

// ConvLayer is a 3x3 convolution with bias: x [batch, h, w, cin] -> [batch, h/stride, w/stride, cout]
// ("same" padding: for stride 2 on an even size, one row and column of zeros after).
func ConvLayer(ctx *context.Context, x *Node, cout, stride int) *Node {
	x.AssertRank(4)
	cin := x.Shape().Dimensions[3]
	pad := [2]int{1, 1}
	if stride == 2 {
		pad = [2]int{0, 1}
	}
	kernel := ctx.VariableWithShape("weights", shapes.Make(x.DType(), 3, 3, cin, cout)).ValueGraph(x.Graph())
	bias := ctx.WithInitializer(initializers.Zero).VariableWithShape("biases", shapes.Make(x.DType(), cout)).ValueGraph(x.Graph())
	y := gradfix.Conv(x, kernel, []int{stride, stride}, [][2]int{pad, pad})
	return Add(y, Reshape(bias, 1, 1, 1, cout))
}
