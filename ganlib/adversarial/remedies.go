package adversarial

// Remedies for mode collapse, each a Config option that changes what D sees, what D minimises, or what G
// steps against. With all of them off (their zero values) the trainer is plain Algorithm 1.
//
//   - DLoss "wgan-gp" (Gulrajani et al. 2017): D is a critic with scores s; it minimises
//     E[s(G(z))] - E[s(x)] + λ E[(‖∇s(x̂)‖-1)²], x̂ = ε x + (1-ε) G(z), ε ~ U[0,1] per sample (drawn from the
//     context's RNG); G minimises -E[s(G(z))]. Gulrajani et al. also take 5 critic steps per G step and Adam
//     betas (0, 0.9): set K, Beta1 and Beta2 for that.
//   - DLoss "hinge" (Lim & Ye 2017): D minimises E[max(0,1-s(x))] + E[max(0,1+s(G(z)))]; G minimises -E[s(G(z))].
//     With either, Config.GLoss is not used.
//   - Pack m (PacGAN, Lin et al. 2018): D sees m samples at once, concatenated into one input of size m*dim,
//     for real batches and fake batches alike (all m samples of a pack are of one kind). Batch must be a
//     multiple of m. D(x) of single points (Trainer.Discriminate, the pictures) feeds D a pack of m copies.
//   - MinibatchStd (Karras et al. 2018, §3): before D's first layer, one feature is appended to every input:
//     the mean over coordinates of the standard deviation over the batch (of packs, when packing). A
//     collapsed G makes batches with a tell-tale small spread. D(x) of single points sees the spread of the
//     points asked about.
//   - Unroll K (Metz et al. 2017): the G step builds, inside its own graph, K look-ahead steps of D on K fresh
//     real batches and the step's fakes G(z), and computes G's loss against the look-ahead D. G's gradient
//     goes THROUGH the look-ahead steps (the second-order term of Metz et al., not the cheaper surrogate): G
//     is rewarded for fakes that D's next moves cannot easily exploit. Each look-ahead step moves every weight
//     tensor W of D by -LRD·g/rms(g) (g = ∂loss_D/∂W): Adam's step size, without its moments, so that the
//     step stays differentiable. D's own variables are not changed by the G step (tested). With "wgan-gp",
//     the look-ahead steps leave out the gradient penalty (it would make G's gradient third-order).

import (
	"fmt"

	"github.com/gogan-lab/gogan/ganlib/nets"
	"github.com/gogan-lab/gogan/ganlib/objective"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// validateRemedies returns nil or one sentence naming the remedy option to fix.
func (c Config) validateRemedies() error {
	switch objective.DiscriminatorObjective(c.DLoss) {
	case "", objective.GAN, objective.WGANGP, objective.Hinge:
	default:
		return fmt.Errorf("unknown discriminator loss %q: use gan, wgan-gp or hinge", c.DLoss)
	}
	if c.GPWeight < 0 {
		return fmt.Errorf("gradient penalty weight gp_weight must not be negative, got %g", c.GPWeight)
	}
	if c.Pack < 0 || c.Unroll < 0 {
		return fmt.Errorf("pack and unroll must not be negative, got pack %d and unroll %d", c.Pack, c.Unroll)
	}
	if c.Pack > 1 && c.Batch%c.Pack != 0 {
		return fmt.Errorf("batch %d is not a multiple of pack %d: PacGAN packs whole batches", c.Batch, c.Pack)
	}
	return nil
}

// dObjective is the configured discriminator objective ("" is "gan").
func (t *Trainer) dObjective() objective.DiscriminatorObjective {
	if t.Config.DLoss == "" {
		return objective.GAN
	}
	return objective.DiscriminatorObjective(t.Config.DLoss)
}

// generatorLoss is the G loss the configuration implies: Config.GLoss for "gan", -E[s(G(z))] otherwise.
func (t *Trainer) generatorLoss() func(dFake *Node) *Node {
	if t.dObjective() != objective.GAN {
		return objective.WassersteinGeneratorLoss
	}
	return t.gLoss
}

// discriminatorLoss is D's loss on logits (or scores) of real and fake packs, without WGAN-GP's penalty.
func (t *Trainer) discriminatorLoss(dReal, dFake *Node) *Node {
	switch t.dObjective() {
	case objective.WGANGP:
		return objective.WassersteinCriticLoss(dReal, dFake)
	case objective.Hinge:
		return objective.HingeDiscriminatorLoss(dReal, dFake)
	}
	return objective.DiscriminatorLoss(dReal, dFake)
}

// pack turns samples [batch, dim] into packs [batch/m, m*dim]: rows i*m ... i*m+m-1 side by side.
func (t *Trainer) pack(x *Node) *Node {
	m := t.Config.Pack
	if m <= 1 {
		return x
	}
	batch, dim := x.Shape().Dimensions[0], x.Shape().Dimensions[1]
	return Reshape(x, batch/m, m*dim)
}

// tile turns points [n, dim] into packs of m copies [n, m*dim], for D(x) of single points.
func (t *Trainer) tile(x *Node) *Node {
	m := t.Config.Pack
	if m <= 1 {
		return x
	}
	copies := make([]*Node, m)
	for i := range copies {
		copies[i] = x
	}
	return Concatenate(copies, 1)
}

// critic applies D to packed inputs [n, m*dim] -> logits (or scores) [n], with the minibatch-std feature
// when configured.
func (t *Trainer) critic(ctx *context.Context, packs *Node) *Node {
	if t.Config.MinibatchStd {
		packs = MinibatchStdDev(packs)
	}
	return t.Arch.Discriminator(ctx.In(nets.DiscriminatorScope), packs)
}

// MinibatchStdDev appends to x [n, d] one column: the mean over the d coordinates of the standard deviation
// over the n rows, sqrt(var + 1e-8), the same for every row -> [n, d+1].
func MinibatchStdDev(x *Node) *Node {
	x.AssertRank(2)
	n := x.Shape().Dimensions[0]
	sd := Sqrt(AddScalar(ReduceVariance(x, 0), 1e-8)) // [d]
	feature := BroadcastToDims(Reshape(ReduceAllMean(sd), 1, 1), n, 1)
	return Concatenate([]*Node{x, feature}, 1)
}

// gradientPenalty is WGAN-GP's λ E[(‖∇s(x̂)‖-1)²] between packed real and fake inputs.
func (t *Trainer) gradientPenalty(ctx *context.Context, realPacks, fakePacks *Node) *Node {
	n := realPacks.Shape().Dimensions[0]
	eps := ctx.RandomUniform(realPacks.Graph(), shapes.Make(realPacks.DType(), n))
	lambda := t.Config.GPWeight
	if lambda == 0 {
		lambda = objective.DefaultPenaltyWeight
	}
	xHat := objective.Mix(realPacks, fakePacks, eps)
	return objective.GradientPenalty(func(x *Node) *Node { return t.critic(ctx, x) }, xHat, lambda)
}

// unrollDiscriminator replaces, in xFake's graph, the value of each of D's variables by its value after
// Config.Unroll look-ahead steps on the real batches xReals [Unroll*batch, dim] against xFake. It returns a
// function that puts the original values back, so that the step's graph does not write the look-ahead
// weights into D's variables.
func (t *Trainer) unrollDiscriminator(ctx *context.Context, xReals, xFake *Node) (restore func()) {
	g := xFake.Graph()
	var vars []*context.Variable
	var orig []*Node
	batch, dim := xFake.Shape().Dimensions[0], xFake.Shape().Dimensions[1]
	reals := Reshape(xReals, t.Config.Unroll, batch*dim) // One row per look-ahead step.
	lr := t.Config.LRD
	for k := range t.Config.Unroll {
		xReal := Reshape(Slice(reals, AxisElem(k)), batch, dim)
		loss := t.discriminatorLoss(t.critic(ctx, t.pack(xReal)), t.critic(ctx, t.pack(xFake)))
		if k == 0 { // D's variables are in use by the graph from here on.
			for v := range ctx.IterVariables() {
				if nets.Owns(nets.DiscriminatorScope, v) && v.Trainable && v.InUseByGraph(g) {
					vars = append(vars, v)
					orig = append(orig, v.ValueGraph(g))
				}
			}
		}
		w := make([]*Node, len(vars))
		for i, v := range vars {
			w[i] = v.ValueGraph(g)
		}
		grads := Gradient(loss, w...)
		for i, v := range vars {
			rms := Sqrt(AddScalar(ReduceAllMean(Square(grads[i])), 1e-16))
			v.SetValueGraph(Sub(w[i], MulScalar(Div(grads[i], rms), lr)))
		}
	}
	return func() {
		for i, v := range vars {
			v.SetValueGraph(orig[i])
		}
	}
}
