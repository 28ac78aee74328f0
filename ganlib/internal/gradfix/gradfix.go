// Package gradfix registers ganlib's corrections to GoMLX v0.26's gradients in graph.VJPRegistration.
// Importing it (nets does, blank) is enough: the registration runs once, at init.
//
// Matrix product (NodeTypeDot, what layers.Dense builds for [batch, in] x [in, out]): GoMLX builds the
// gradient of C = A·B as broadcast-multiply-and-reduce, materialising an [i, j, k] tensor (for a 128x64x64
// dense layer that is half a million products, written to memory, per operand). XLA fuses that away, but the
// pure-Go engine runs it as written, and it took ~90% of a GAN step. Here the two gradients are matrix
// products themselves:
//
//	∂L/∂A = ∂L/∂C · Bᵀ    (contract over k)
//	∂L/∂B = Aᵀ · ∂L/∂C    (contract over i)
//
// which the engines run with their parallel DotGeneral kernels. Other ranks keep GoMLX's own VJP.
package gradfix

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// gomlxDotVJP is GoMLX's own gradient of Dot, kept for the ranks handled here.
var gomlxDotVJP = VJPRegistration[NodeTypeDot]

func init() {
	VJPRegistration[NodeTypeDot] = dotVJP
}

// dotVJP is the gradient of Dot(A, B) for two matrices, as two DotGenerals.
func dotVJP(node *Node, vjpOutputs []*Node, outputShape shapes.Shape) []*Node {
	a, b := node.Inputs()[0], node.Inputs()[1]
	if a.Rank() != 2 || b.Rank() != 2 {
		return gomlxDotVJP(node, vjpOutputs, outputShape)
	}
	v := vjpOutputs[0] // ∂L/∂C, [i, k].
	return []*Node{
		DotGeneral(v, []int{1}, nil, b, []int{1}, nil), // [i, k] · [j, k]ᵀ -> [i, j]
		DotGeneral(a, []int{0}, nil, v, []int{0}, nil), // [i, j]ᵀ · [i, k] -> [j, k]
	}
}
