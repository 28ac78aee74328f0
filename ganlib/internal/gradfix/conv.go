package gradfix

import (
	"fmt"
	"sync"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// Convolution (NodeTypeConvGeneral). GoMLX v0.26's gradient of a convolution has two faults that ganlib's
// convolutional GAN would meet:
//
//  1. On every engine, for an EVEN kernel size the gradient with respect to the input is shifted by one pixel
//     (convVJPWrtX pads 2*floor((k-1)/2)-p instead of k-1-p before the reverse convolution).
//  2. On the pure-Go engine it cannot be built at all: it needs Reverse (which simplego lacks) and convolutions
//     with nil strides and kernel dilations (which simplego's shape inference rejects).
//
// A GAN trains G through D's input gradient, so both matter. Conv builds a convolution whose gradient is
// ganlib's own, written with operations every engine has:
//
//	∂L/∂x = conv(zero-insert(∂L/∂y, stride), flip(kernel) with in/out channels swapped), padded k-1-p before
//	∂L/∂kernel = conv(x, ∂L/∂y) contracting over the batch, ∂L/∂y dilated by the stride
//
// The kernel flip is a product with an anti-identity matrix and the zero insertion a Stack and a Reshape, so
// the input gradient is itself differentiable (a gradient penalty can be taken through it). Convolutions not
// built by Conv keep GoMLX's own gradient.

// convParams are the parameters Conv used for one convolution node.
type convParams struct {
	strides  []int
	paddings [][2]int
}

var (
	gomlxConvVJP = VJPRegistration[NodeTypeConvGeneral]
	convNodes    sync.Map // *Node -> convParams, for the nodes built by Conv.
)

func init() {
	VJPRegistration[NodeTypeConvGeneral] = convVJP
}

// Conv convolves x [batch, spatial..., cin] with kernel [spatial..., cin, cout] (channels last), with the given
// stride and (before, after) zero padding per spatial axis, and no dilation: the output is
// [batch, spatial'..., cout] with spatial' = (n + before + after - k) / stride + 1. Its gradients are ganlib's
// (see above): correct for every kernel size and runnable on every engine.
func Conv(x, kernel *Node, strides []int, paddings [][2]int) *Node {
	s := x.Rank() - 2
	if s < 1 || kernel.Rank() != s+2 || len(strides) != s || len(paddings) != s {
		panic(fmt.Sprintf("gradfix.Conv: x %s and kernel %s need matching ranks, and one stride and padding per spatial axis (got %v, %v)",
			x.Shape(), kernel.Shape(), strides, paddings))
	}
	if x.Shape().Dimensions[s+1] != kernel.Shape().Dimensions[s] {
		panic(fmt.Sprintf("gradfix.Conv: x has %d channels, kernel expects %d", x.Shape().Dimensions[s+1], kernel.Shape().Dimensions[s]))
	}
	for i, p := range paddings {
		k := kernel.Shape().Dimensions[i]
		if p[0] < 0 || p[1] < 0 || p[0] > k-1 || p[1] > k-1 || strides[i] < 1 {
			panic(fmt.Sprintf("gradfix.Conv: padding %v with kernel size %d and stride %d on axis %d: each side must be in [0, k-1] and the stride positive",
				p, k, strides[i], i))
		}
	}
	ones := make([]int, s)
	for i := range ones {
		ones[i] = 1
	}
	y := Convolve(x, kernel).StridePerAxis(strides...).PaddingPerDim(paddings).DilationPerAxis(ones...).Done()
	if y.Type() != NodeTypeConvGeneral {
		panic(fmt.Sprintf("gradfix.Conv: GoMLX built a %s node, expected ConvGeneral", y.Type()))
	}
	convNodes.Store(y, convParams{strides: append([]int(nil), strides...), paddings: append([][2]int(nil), paddings...)})
	return y
}

func convVJP(node *Node, vjpOutputs []*Node, outputShape shapes.Shape) []*Node {
	p, ok := convNodes.Load(node)
	if !ok {
		return gomlxConvVJP(node, vjpOutputs, outputShape)
	}
	params := p.(convParams)
	x, kernel, v := node.Inputs()[0], node.Inputs()[1], vjpOutputs[0]
	return []*Node{convGradX(x, kernel, v, params), convGradKernel(x, kernel, v, params)}
}

// reverseAxis reverses x along axis as a product with the anti-identity matrix (differentiable everywhere).
func reverseAxis(x *Node, axis int) *Node {
	n := x.Shape().Dimensions[axis]
	if n == 1 {
		return x
	}
	j := make([]float64, n*n)
	for i := range n {
		j[i*n+(n-1-i)] = 1
	}
	anti := ConvertDType(Const(x.Graph(), j), x.DType())
	anti = Reshape(anti, n, n)
	y := DotGeneral(x, []int{axis}, nil, anti, []int{0}, nil) // The reversed axis ends up last.
	perm := make([]int, x.Rank())
	for i := range perm {
		switch {
		case i < axis:
			perm[i] = i
		case i == axis:
			perm[i] = x.Rank() - 1
		default:
			perm[i] = i - 1
		}
	}
	return TransposeAllDims(y, perm...)
}

// insertZeros puts s-1 zeros after every element of x along axis (length n -> n*s).
func insertZeros(x *Node, axis, s int) *Node {
	if s == 1 {
		return x
	}
	parts := []*Node{x}
	for range s - 1 {
		parts = append(parts, ZerosLike(x))
	}
	dims := append([]int(nil), x.Shape().Dimensions...)
	dims[axis] *= s
	return Reshape(Stack(parts, axis+1), dims...)
}

// convGradX is ∂L/∂x: a stride-1 convolution of the zero-inserted output gradient with the flipped kernel.
func convGradX(x, kernel, v *Node, p convParams) *Node {
	s := x.Rank() - 2
	flipped := kernel
	for a := range s {
		flipped = reverseAxis(flipped, a)
	}
	perm := make([]int, s+2) // Swap the kernel's in and out channels.
	for i := range perm {
		perm[i] = i
	}
	perm[s], perm[s+1] = s+1, s
	flipped = TransposeAllDims(flipped, perm...)
	vd := v
	pads := make([][2]int, s)
	for a := range s {
		n, k, o := x.Shape().Dimensions[a+1], kernel.Shape().Dimensions[a], v.Shape().Dimensions[a+1]
		st := p.strides[a]
		vd = insertZeros(vd, a+1, st) // Length o*st: the dilated gradient plus st-1 trailing zeros.
		before := k - 1 - p.paddings[a][0]
		after := n + k - 1 - before - o*st
		if after < 0 { // The forward convolution never read the last inputs: drop the extra zeros.
			vd = SliceAxis(vd, a+1, AxisRange(0, o*st+after))
			after = 0
		}
		pads[a] = [2]int{before, after}
	}
	ones := make([]int, s)
	for i := range ones {
		ones[i] = 1
	}
	gx := Conv(vd, flipped, ones, pads)
	if !gx.Shape().Equal(x.Shape()) {
		panic(fmt.Sprintf("gradfix: conv input gradient has shape %s, input %s", gx.Shape(), x.Shape()))
	}
	return gx
}

// convGradKernel is ∂L/∂kernel: x convolved with the output gradient as kernel, the batch axis contracted
// (the layout GoMLX's own kernel gradient uses, here with explicit strides and dilations).
func convGradKernel(x, kernel, v *Node, p convParams) *Node {
	s := x.Rank() - 2
	var axes ConvolveAxesConfig
	axes.InputBatch, axes.InputChannels = s+1, 0
	axes.KernelInputChannels, axes.KernelOutputChannels = 0, s+1
	axes.OutputBatch, axes.OutputChannels = s, s+1
	for a := range s {
		axes.InputSpatial = append(axes.InputSpatial, a+1)
		axes.KernelSpatial = append(axes.KernelSpatial, a+1)
		axes.OutputSpatial = append(axes.OutputSpatial, a)
	}
	pads := make([][2]int, s)
	ones := make([]int, s)
	for a := range s {
		n, k, o := x.Shape().Dimensions[a+1], kernel.Shape().Dimensions[a], v.Shape().Dimensions[a+1]
		st := p.strides[a]
		after := k - 1 + (o-1)*st - n - p.paddings[a][0] + 1
		if after < 0 { // The forward convolution never read the last inputs.
			x = SliceAxis(x, a+1, AxisRange(0, n+after))
			after = 0
		}
		pads[a] = [2]int{p.paddings[a][0], after}
		ones[a] = 1
	}
	gk := Convolve(x, v).AxesConfig(axes).StridePerAxis(ones...).PaddingPerDim(pads).DilationPerAxis(p.strides...).Done()
	if !gk.Shape().Equal(kernel.Shape()) {
		panic(fmt.Sprintf("gradfix: conv kernel gradient has shape %s, kernel %s", gk.Shape(), kernel.Shape()))
	}
	return gk
}
