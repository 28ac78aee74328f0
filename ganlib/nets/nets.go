// Package nets builds the two players: the generator G (noise z -> a sample, ③ the fake G(z)) and the
// discriminator D (a sample -> a logit l, with D(x) = sigmoid(l) the probability that x is real).
//
// Builders take the scope to hold their variables: by convention ctx.In("generator") and
// ctx.In("discriminator"), so that each network's variables (and its optimizer's) can be told apart.
package nets

import (
	_ "github.com/gogan-lab/gogan/ganlib/internal/gradfix" // Fast matrix-product gradients on the pure-Go engine.

	"fmt"
	"sort"
	"strings"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/layers"
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
)

// Scope names of the two networks in a context.
const (
	GeneratorScope     = "generator"
	DiscriminatorScope = "discriminator"
)

// Owns reports whether variable v belongs to the network whose scope is given (GeneratorScope or
// DiscriminatorScope), counting the sub-scopes of its layers.
func Owns(scope string, v *context.Variable) bool {
	s := v.Scope()
	prefix := context.ScopeSeparator + scope
	return s == prefix || strings.HasPrefix(s, prefix+context.ScopeSeparator)
}

// LeakySlope is the negative slope of every LeakyReLU in ganlib's networks (Radford et al. 2015).
const LeakySlope = 0.2

// Architecture is a generator and a discriminator that go together.
type Architecture interface {
	// Generator maps z [batch, latent] to samples [batch, dim], each coordinate in [-bound, bound].
	Generator(ctx *context.Context, z *Node, dim int, bound float64) *Node
	// Discriminator maps samples [batch, dim] to logits [batch].
	Discriminator(ctx *context.Context, x *Node) *Node
}

// Shape describes a network's size, as the CLI's -width and -depth flags do.
type Shape struct {
	Width int // Units in each hidden layer.
	Depth int // Number of hidden layers.
}

// Models maps each model name to its constructor. ByName looks names up here.
var Models = map[string]func(Shape) Architecture{
	"mlp":     func(s Shape) Architecture { return MLP{Hidden: repeat(s.Width, s.Depth)} },
	"pyramid": func(s Shape) Architecture { return Pyramid(s) },
}

// ByName returns the named architecture, or an error that lists the valid names.
func ByName(name string, shape Shape) (Architecture, error) {
	f, ok := Models[name]
	if !ok {
		names := make([]string, 0, len(Models))
		for n := range Models {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("unknown model %q: use one of %s", name, strings.Join(names, ", "))
	}
	if shape.Width <= 0 || shape.Depth <= 0 {
		return nil, fmt.Errorf("network width and depth must be positive, got width %d and depth %d", shape.Width, shape.Depth)
	}
	return f(shape), nil
}

// Pyramid is the classic MLP GAN for images (Goodfellow et al. 2014; PyTorch's DCGAN-era MLP baselines): D
// narrows from the image, halving its width at each hidden layer, and G mirrors it, widening towards the image.
// Width 512, depth 2 on MNIST: G is z -> 256 -> 512 -> 784 and D is 784 -> 512 -> 256 -> 1, the MLP of the
// timing probe that bench/cpu_vs_torch.sh compares with PyTorch. Both are an MLP: only the widths differ.
type pyramid struct{ d, g MLP }

// Pyramid returns the pyramid MLP pair of the given shape: D's hidden widths are Width, Width/2, ... (at least
// 1) and G's the same, reversed.
func Pyramid(s Shape) Architecture {
	d := make([]int, s.Depth)
	for i := range d {
		d[i] = max(s.Width>>i, 1)
	}
	g := make([]int, s.Depth)
	for i := range g {
		g[i] = d[s.Depth-1-i]
	}
	return pyramid{d: MLP{Hidden: d}, g: MLP{Hidden: g}}
}

func (p pyramid) Generator(ctx *context.Context, z *Node, dim int, bound float64) *Node {
	return p.g.Generator(ctx, z, dim, bound)
}

func (p pyramid) Discriminator(ctx *context.Context, x *Node) *Node { return p.d.Discriminator(ctx, x) }

func repeat(w, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = w
	}
	return out
}

// MLP is a multilayer perceptron for both players: dense layers with LeakyReLU(0.2) between them.
type MLP struct {
	Hidden []int // Width of each hidden layer, input side first.
}

// Generator: z [batch, latent] -> hidden layers (LeakyReLU) -> dense [batch, dim] -> bound*tanh, in [-bound, bound].
func (m MLP) Generator(ctx *context.Context, z *Node, dim int, bound float64) *Node {
	z.AssertRank(2)
	batch := z.Shape().Dimensions[0]
	h := m.hidden(ctx, z)
	x := MulScalar(Tanh(layers.Dense(ctx.In("out"), h, true, dim)), bound)
	x.AssertDims(batch, dim)
	return x
}

// Discriminator: x [batch, dim] -> hidden layers (LeakyReLU) -> dense [batch, 1] -> logits [batch].
func (m MLP) Discriminator(ctx *context.Context, x *Node) *Node {
	x.AssertRank(2)
	batch := x.Shape().Dimensions[0]
	h := m.hidden(ctx, x)
	logits := Reshape(layers.Dense(ctx.In("out"), h, true, 1), batch)
	logits.AssertDims(batch)
	return logits
}

func (m MLP) hidden(ctx *context.Context, x *Node) *Node {
	for i, w := range m.Hidden {
		x = activations.LeakyReluWithAlpha(layers.Dense(ctx.In(fmt.Sprintf("hidden%d", i)), x, true, w), LeakySlope)
	}
	return x
}
