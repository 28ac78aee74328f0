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
	"sync"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// gomlxDotVJP and gomlxDotGeneralVJP are GoMLX's own gradients, kept for the cases not handled here.
var (
	gomlxDotVJP        = VJPRegistration[NodeTypeDot]
	gomlxDotGeneralVJP = VJPRegistration[NodeTypeDotGeneral]
)

func init() {
	VJPRegistration[NodeTypeDot] = dotVJP
	VJPRegistration[NodeTypeDotGeneral] = dotGeneralVJP
}

// Second-order gradients (WGAN-GP's penalty, the unrolled GAN's look-ahead steps) differentiate the
// DotGenerals built below, whose own GoMLX VJP is the slow broadcast one again. GoMLX does not expose a
// DotGeneral node's axes, so the products built here are remembered with their contracting axes, and their
// gradient is two matrix products too.

// product is a matrix product built here: DotGeneral(a, [ca], b, [cb]) of two rank-2 operands.
type product struct {
	a, b   *Node
	ca, cb int
}

var products sync.Map // *Node -> product

// matProduct builds DotGeneral(a, [ca], nil, b, [cb], nil) and remembers it.
func matProduct(a *Node, ca int, b *Node, cb int) *Node {
	n := DotGeneral(a, []int{ca}, nil, b, []int{cb}, nil)
	products.Store(n, product{a, b, ca, cb})
	return n
}

// dotGeneralVJP is the gradient of a product built by matProduct, as two matProducts: with C = A'·B'
// (A' = A or Aᵀ so that its contracting axis is the last; B' so that its contracting axis is the first)
// and v = ∂L/∂C, ∂L/∂A' = v·B'ᵀ and ∂L/∂B' = A'ᵀ·v, laid out in A's and B's own axis order.
func dotGeneralVJP(node *Node, vjpOutputs []*Node, outputShape shapes.Shape) []*Node {
	p, ok := products.Load(node)
	if !ok {
		return gomlxDotGeneralVJP(node, vjpOutputs, outputShape)
	}
	q := p.(product)
	v := vjpOutputs[0]       // [i, k]: i is A's free axis, k is B's.
	fa, fb := 1-q.ca, 1-q.cb // Free axes.
	var da, db *Node
	if q.ca == 1 { // A is [i, j].
		da = matProduct(v, 1, q.b, fb) // [i, j]
	} else { // A is [j, i].
		da = matProduct(q.b, fb, v, 1) // [j, i]
	}
	if q.cb == 0 { // B is [j, k].
		db = matProduct(q.a, fa, v, 0) // [j, k]
	} else { // B is [k, j].
		db = matProduct(v, 0, q.a, fa) // [k, j]
	}
	return []*Node{da, db}
}

// dotVJP is the gradient of Dot(A, B) for two matrices, as two DotGenerals.
func dotVJP(node *Node, vjpOutputs []*Node, outputShape shapes.Shape) []*Node {
	a, b := node.Inputs()[0], node.Inputs()[1]
	if a.Rank() != 2 || b.Rank() != 2 {
		return gomlxDotVJP(node, vjpOutputs, outputShape)
	}
	v := vjpOutputs[0] // ∂L/∂C, [i, k].
	return []*Node{
		matProduct(v, 1, b, 1), // [i, k] · [j, k]ᵀ -> [i, j]
		matProduct(a, 0, v, 0), // [i, j]ᵀ · [i, k] -> [j, k]
	}
}
