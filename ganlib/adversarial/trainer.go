// Package adversarial is the training of a GAN: Goodfellow et al. (2014), Algorithm 1.
//
//	for each training iteration:
//	    for k steps:                          (Trainer.DiscriminatorStep)
//	        sample m noise samples z and m real samples x
//	        update D by ascending  ∇θ_D  1/m Σ [log D(x) + log(1 - D(G(z)))]      (② + ④, G fixed)
//	    sample m noise samples z              (Trainer.GeneratorStep)
//	    update G by descending ∇θ_G  1/m Σ log(1 - D(G(z)))                        (⑤, D fixed)
//	    (or by ascending log D(G(z)): the non-saturating loss)
//
// Each network has its own Adam. GoMLX's optimizers update every trainable variable a graph uses, and the
// D step's graph uses G (to make fakes) while the G step's graph uses D (to score them), so each step's graph
// marks the other network's variables non-trainable while it is built: a D step leaves G's weights and G's
// optimizer state bit-identical, and vice versa (tested).
package adversarial

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/gogan-lab/gogan/ganlib/nets"
	"github.com/gogan-lab/gogan/ganlib/noise"
	"github.com/gogan-lab/gogan/ganlib/objective"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/train/optimizers"
)

// Optimizer scopes: each network's Adam keeps its moments under its own scope.
const (
	GeneratorOptimizerScope     = "adam_generator"
	DiscriminatorOptimizerScope = "adam_discriminator"
)

// Trainer holds both networks, their optimizers and the run's history.
type Trainer struct {
	Config  Config
	Backend backends.Backend
	Ctx     *context.Context // Variables: /generator/..., /discriminator/..., and each optimizer's state.
	Data    realdata.Dataset
	Arch    nets.Architecture
	History []Record
	// OnStep, if set, is called after each iteration with its record.
	OnStep func(Record)

	noise      *noise.Sampler
	dataRNG    *rand.Rand
	dataPCG    *rand.PCG // dataRNG's source: its state is saved in checkpoints.
	gLoss      func(*Node) *Node
	optD, optG gradientOptimizer
	dStep      *context.Exec // (xReal, z) -> D-step measurements.
	gStep      *context.Exec // (z) -> G-step measurements; (xReals, z) when unrolling.
	generate   *context.Exec // (z) -> G(z).
	discrim    *context.Exec // (x) -> D(x) as probabilities.
	lossGrad   *context.Exec // (x) -> n·∂loss_G/∂x (probe.go).
	measure    *context.Exec // (xReal, z) -> every term of the objective, no update (measure.go).
	fused      *context.Exec // (xReals, zs) -> n iterations of Algorithm 1 in one call (fused.go).
}

// gradientOptimizer is what GoMLX's Adam offers beyond optimizers.Interface: an update from gradients we
// computed ourselves (so we can also report their norm).
type gradientOptimizer interface {
	UpdateGraphWithGradients(ctx *context.Context, grads []*Node, lossDType dtypes.DType)
}

// New builds a trainer; nothing is compiled or initialised until the first step.
func New(backend backends.Backend, cfg Config) (*Trainer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	data, _ := realdata.ByName(cfg.Data)
	arch, _ := nets.ByName(cfg.Model, nets.Shape{Width: cfg.Width, Depth: cfg.Depth})
	z, _ := noise.New(noise.Distribution(cfg.Noise), cfg.LatentDim, cfg.Seed)
	gLoss, _ := objective.GeneratorLossByName(cfg.GLoss)
	dataPCG := rand.NewPCG(cfg.Seed, 0x7265616c)
	t := &Trainer{
		Config: cfg, Backend: backend, Ctx: context.New(), Data: data, Arch: arch,
		noise: z, dataRNG: rand.New(dataPCG), dataPCG: dataPCG, gLoss: gLoss,
	}
	if err := t.Ctx.SetRNGStateFromSeed(int64(cfg.Seed)); err != nil {
		return nil, err
	}
	newAdam := func(scope string, lr float64) (gradientOptimizer, error) {
		opt := optimizers.Adam().Scope(scope).LearningRate(lr).Betas(cfg.Beta1, cfg.Beta2).Done()
		g, ok := opt.(gradientOptimizer)
		if !ok {
			return nil, fmt.Errorf("GoMLX's Adam no longer takes precomputed gradients (%T)", opt)
		}
		return g, nil
	}
	var err error
	if t.optD, err = newAdam(DiscriminatorOptimizerScope, cfg.LRD); err != nil {
		return nil, err
	}
	if t.optG, err = newAdam(GeneratorOptimizerScope, cfg.LRG); err != nil {
		return nil, err
	}
	if t.dStep, err = context.NewExec(backend, t.Ctx, t.discriminatorStepGraph); err != nil {
		return nil, err
	}
	if cfg.Unroll > 0 {
		t.gStep, err = context.NewExec(backend, t.Ctx, t.unrolledGeneratorStepGraph)
	} else {
		t.gStep, err = context.NewExec(backend, t.Ctx, t.generatorStepGraph)
	}
	if err != nil {
		return nil, err
	}
	if t.generate, err = context.NewExec(backend, t.Ctx, t.generatorGraph); err != nil {
		return nil, err
	}
	if t.discrim, err = context.NewExec(backend, t.Ctx, t.discriminatorGraph); err != nil {
		return nil, err
	}
	return t, nil
}

// Player names which network a variable belongs to, its optimizer's state included: "generator",
// "discriminator", or "" for shared bookkeeping (the RNG state, the global step).
func Player(v *context.Variable) string {
	switch {
	case nets.Owns(nets.GeneratorScope, v) || nets.Owns(GeneratorOptimizerScope, v):
		return nets.GeneratorScope
	case nets.Owns(nets.DiscriminatorScope, v) || nets.Owns(DiscriminatorOptimizerScope, v):
		return nets.DiscriminatorScope
	}
	return ""
}

// generator applies G: z [batch, latent] -> ③ the fake G(z) [batch, dim].
func (t *Trainer) generator(ctx *context.Context, z *Node) *Node {
	return t.Arch.Generator(ctx.In(nets.GeneratorScope), z, t.Data.Dim(), t.Data.Bound())
}

// discriminator applies D: x [batch, dim] -> logits [batch] (one per pack of Config.Pack samples: [batch/m]).
func (t *Trainer) discriminator(ctx *context.Context, x *Node) *Node {
	return t.critic(ctx, t.pack(x))
}

// discriminatorStepGraph: with G fixed, one Adam step of D on -V = -(② + ④).
// Outputs: mean D(x), mean D(G(z)), ②, ④, D's loss, D's gradient norm.
func (t *Trainer) discriminatorStepGraph(ctx *context.Context, xReal, z *Node) []*Node {
	ctx = ctx.Checked(false)                   // D is applied twice: to real and to fake samples.
	xFake := StopGradient(t.generator(ctx, z)) // ③: G is fixed during the D step.
	dReal := t.discriminator(ctx, xReal)       // Logits for ① the real samples.
	dFake := t.discriminator(ctx, xFake)
	realTerm := objective.RealTerm(dReal) // ② E[log D(x)], pushed up to 0.
	fakeTerm := objective.FakeTerm(dFake) // ④ E[log(1 - D(G(z)))], pushed up to 0.
	lossD := Neg(Add(realTerm, fakeTerm)) // D maximises V = ② + ④.
	switch t.dObjective() {               // Remedies (remedies.go): another objective for D.
	case objective.WGANGP:
		lossD = Add(t.discriminatorLoss(dReal, dFake), t.gradientPenalty(ctx, t.pack(xReal), t.pack(xFake)))
	case objective.Hinge:
		lossD = t.discriminatorLoss(dReal, dFake)
	}
	gradNorm := t.update(ctx, nets.DiscriminatorScope, t.optD, lossD)
	return []*Node{ReduceAllMean(objective.D(dReal)), ReduceAllMean(objective.D(dFake)),
		realTerm, fakeTerm, lossD, gradNorm}
}

// generatorStepGraph: with D fixed, one Adam step of G on the chosen generator loss.
// Outputs: that loss, ⑤ (minimax), the non-saturating loss, G's gradient norm.
func (t *Trainer) generatorStepGraph(ctx *context.Context, z *Node) []*Node {
	return t.unrolledGeneratorStepGraph(ctx, nil, z)
}

// unrolledGeneratorStepGraph is the G step against D after Config.Unroll look-ahead steps on the real
// batches xReals [Unroll*batch, dim] (remedies.go); with xReals nil, against D itself.
func (t *Trainer) unrolledGeneratorStepGraph(ctx *context.Context, xReals, z *Node) []*Node {
	ctx = ctx.Checked(false)
	xFake := t.generator(ctx, z)
	if xReals != nil {
		defer t.unrollDiscriminator(ctx, xReals, xFake)() // D's own variables keep their values.
	}
	dFake := t.discriminator(ctx, xFake) // D scores ③; gradients flow through D into G.
	lossG := t.generatorLoss()(dFake)
	gradNorm := t.update(ctx, nets.GeneratorScope, t.optG, lossG)
	return []*Node{lossG, objective.MinimaxGeneratorLoss(dFake), objective.NonSaturatingGeneratorLoss(dFake), gradNorm}
}

func (t *Trainer) generatorGraph(ctx *context.Context, z *Node) *Node {
	return t.generator(ctx.Checked(false), z)
}

func (t *Trainer) discriminatorGraph(ctx *context.Context, x *Node) *Node {
	return objective.D(t.critic(ctx.Checked(false), t.tile(x))) // Packing: a pack of m copies of each point.
}

// update adds to loss's graph one optimizer step for the variables of one network (scope) and returns the
// norm of their gradient. Every other variable the graph uses is marked non-trainable while the step is
// built, so the optimizer cannot touch it (GoMLX's Adam updates every trainable variable in use).
func (t *Trainer) update(ctx *context.Context, scope string, opt gradientOptimizer, loss *Node) *Node {
	g := loss.Graph()
	var own []*Node
	var ownNames []string
	var frozen []*context.Variable
	for v := range ctx.IterVariables() {
		if !v.Trainable || !v.InUseByGraph(g) {
			continue
		}
		if nets.Owns(scope, v) {
			own = append(own, v.ValueGraph(g))
			ownNames = append(ownNames, v.ScopeAndName())
		} else {
			v.Trainable = false
			frozen = append(frozen, v)
		}
	}
	defer func() {
		for _, v := range frozen {
			v.Trainable = true
		}
	}()
	grads := Gradient(loss, own...)
	opt.UpdateGraphWithGradients(ctx.In(scope), grads, loss.DType())
	// Summed in the order of the variables' names, so that the norm does not depend on the order the context
	// holds them in (a resumed run loads them in another order than a fresh one creates them).
	order := make([]int, len(grads))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ownNames[order[a]] < ownNames[order[b]] })
	sq := make([]*Node, len(grads))
	for i, j := range order {
		sq[i] = ReduceAllSum(Square(grads[j]))
	}
	return Sqrt(sumNodes(sq...))
}

// sumNodes sums nodes of the same shape.
func sumNodes(nodes ...*Node) *Node {
	sum := nodes[0]
	for _, n := range nodes[1:] {
		sum = Add(sum, n)
	}
	return sum
}

// RealBatch samples m real examples as a [m, dim] tensor.
func (t *Trainer) RealBatch(m int) *tensors.Tensor {
	return tensors.FromFlatDataAndDimensions(t.Data.Sample(t.dataRNG, m), m, t.Data.Dim())
}

// DStepResult is what one discriminator step measured (before its update).
type DStepResult struct{ DReal, DFake, RealTerm, FakeTerm, LossD, GradNorm float64 }

// GStepResult is what one generator step measured (before its update).
type GStepResult struct{ LossG, MinimaxG, NonSatG, GradNorm float64 }

// DiscriminatorStep samples a real batch and a noise batch and takes one Adam step of D, G fixed.
func (t *Trainer) DiscriminatorStep() (DStepResult, error) {
	out, err := t.dStep.Exec(t.RealBatch(t.Config.Batch), t.noise.Sample(t.Config.Batch))
	if err != nil {
		return DStepResult{}, err
	}
	f := scalars(out)
	return DStepResult{DReal: f[0], DFake: f[1], RealTerm: f[2], FakeTerm: f[3], LossD: f[4], GradNorm: f[5]}, nil
}

// GeneratorStep samples a noise batch and takes one Adam step of G, D fixed.
func (t *Trainer) GeneratorStep() (GStepResult, error) {
	args := []any{t.noise.Sample(t.Config.Batch)}
	if t.Config.Unroll > 0 {
		args = []any{t.RealBatch(t.Config.Unroll * t.Config.Batch), args[0]}
	}
	out, err := t.gStep.Exec(args...)
	if err != nil {
		return GStepResult{}, err
	}
	f := scalars(out)
	return GStepResult{LossG: f[0], MinimaxG: f[1], NonSatG: f[2], GradNorm: f[3]}, nil
}

// Step runs one iteration of Algorithm 1 (K discriminator steps, then one generator step), appends its record
// to History and returns it.
func (t *Trainer) Step() (Record, error) {
	start := time.Now()
	var d DStepResult
	var err error
	for range t.Config.K {
		if d, err = t.DiscriminatorStep(); err != nil {
			return Record{}, err
		}
	}
	g, err := t.GeneratorStep()
	if err != nil {
		return Record{}, err
	}
	r := Record{
		Step: len(t.History) + 1, DReal: d.DReal, DFake: d.DFake, RealTerm: d.RealTerm, FakeTerm: d.FakeTerm,
		Value: d.RealTerm + d.FakeTerm, LossD: d.LossD, LossG: g.LossG, MinimaxG: g.MinimaxG, NonSatG: g.NonSatG,
		GradNormD: d.GradNorm, GradNormG: g.GradNorm, StepsPerSec: 1 / time.Since(start).Seconds(),
	}
	t.History = append(t.History, r)
	if t.OnStep != nil {
		t.OnStep(r)
	}
	return r, nil
}

// Train runs the remaining iterations up to Config.Steps, Config.Fuse of them per engine call.
func (t *Trainer) Train() error {
	for len(t.History) < t.Config.Steps {
		var err error
		if t.Config.Fuse > 1 {
			_, err = t.StepN(min(t.Config.Fuse, t.Config.Steps-len(t.History)))
		} else {
			_, err = t.Step()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Generate returns n fresh samples G(z), row after row (len n*dim).
func (t *Trainer) Generate(n int) ([]float32, error) {
	out, err := t.generate.Exec(t.noise.Sample(n))
	if err != nil {
		return nil, err
	}
	return tensors.MustCopyFlatData[float32](out[0]), nil
}

// GenerateFrom returns G(z) for the given z [n, latent], row after row.
func (t *Trainer) GenerateFrom(z *tensors.Tensor) ([]float32, error) {
	out, err := t.generate.Exec(z)
	if err != nil {
		return nil, err
	}
	return tensors.MustCopyFlatData[float32](out[0]), nil
}

// Discriminate returns D(x) (probabilities) for n samples given row after row (len n*dim).
func (t *Trainer) Discriminate(x []float32) ([]float32, error) {
	n := len(x) / t.Data.Dim()
	out, err := t.discrim.Exec(tensors.FromFlatDataAndDimensions(x, n, t.Data.Dim()))
	if err != nil {
		return nil, err
	}
	return tensors.MustCopyFlatData[float32](out[0]), nil
}

// scalars converts scalar float32 outputs to float64 and frees them.
func scalars(out []*tensors.Tensor) []float64 {
	f := make([]float64, len(out))
	for i, o := range out {
		f[i] = float64(tensors.ToScalar[float32](o))
		o.MustFinalizeAll()
	}
	return f
}
