package adversarial

import (
	"fmt"
	"time"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// StepN runs n iterations of Algorithm 1 in one engine call: the graph holds n·(K discriminator steps + one
// generator step), each built as DiscriminatorStep and GeneratorStep build theirs, with every variable cut
// after each step so that the next step's gradients start from its values, not from the steps before. The
// cut is an identity whose gradient is zero, not StopGradient: in GoMLX v0.26 the gradient with respect to a
// StopGradient node is zero, which silently trained nothing but the variables no step had touched yet. The engine's per-call overhead — kernel launches and transfers on a GPU — is paid once for
// n iterations. The real and noise batches are drawn in the same order as n calls of Step, so on the pure-Go
// engine the weights come out bit-identical (tested). GoMLX v0.26 has no loop op, so the graph (and its
// compile time) grows with n. Unrolled GANs are not fused.
func (t *Trainer) StepN(n int) ([]Record, error) {
	c := t.Config
	if n < 1 {
		return nil, fmt.Errorf("StepN needs n >= 1, got %d", n)
	}
	if c.Unroll > 0 {
		return nil, fmt.Errorf("unrolled GANs (unroll %d) run one step per engine call", c.Unroll)
	}
	if t.fused == nil {
		var err error
		if t.fused, err = context.NewExec(t.Backend, t.Ctx, t.fusedGraph); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	dim, latent := t.Data.Dim(), c.LatentDim
	xs := make([]float32, 0, n*c.K*c.Batch*dim)
	zs := make([]float32, 0, n*(c.K+1)*c.Batch*latent)
	for range n { // The order of Step: each D step draws x then z; the G step draws z.
		for range c.K {
			xs = append(xs, t.Data.Sample(t.dataRNG, c.Batch)...)
			zs = append(zs, t.noise.Flat(c.Batch)...)
		}
		zs = append(zs, t.noise.Flat(c.Batch)...)
	}
	out, err := t.fused.Exec(tensors.FromFlatDataAndDimensions(xs, n*c.K, c.Batch, dim),
		tensors.FromFlatDataAndDimensions(zs, n*(c.K+1), c.Batch, latent))
	if err != nil {
		return nil, err
	}
	d, g := tensors.MustCopyFlatData[float32](out[0]), tensors.MustCopyFlatData[float32](out[1])
	for _, o := range out {
		o.MustFinalizeAll()
	}
	rate := float64(n) / time.Since(start).Seconds()
	records := make([]Record, n)
	for i := range n {
		f := func(v []float32, j, width int) float64 { return float64(v[i*width+j]) }
		r := Record{
			Step: len(t.History) + 1, DReal: f(d, 0, 6), DFake: f(d, 1, 6), RealTerm: f(d, 2, 6), FakeTerm: f(d, 3, 6),
			LossD: f(d, 4, 6), GradNormD: f(d, 5, 6),
			LossG: f(g, 0, 4), MinimaxG: f(g, 1, 4), NonSatG: f(g, 2, 4), GradNormG: f(g, 3, 4), StepsPerSec: rate,
		}
		r.Value = r.RealTerm + r.FakeTerm
		t.History = append(t.History, r)
		records[i] = r
		if t.OnStep != nil {
			t.OnStep(r)
		}
	}
	return records, nil
}

// fusedGraph builds n iterations from xReals [n·K, batch, dim] and zs [n·(K+1), batch, latent].
// Outputs: [n, 6] (the last D step of each iteration) and [n, 4] (its G step), in the steps' output order.
func (t *Trainer) fusedGraph(ctx *context.Context, xReals, zs *Node) []*Node {
	g := xReals.Graph()
	k := t.Config.K
	n := zs.Shape().Dimensions[0] / (k + 1)
	batch := xReals.Shape().Dimensions[1]
	item := func(x *Node, i int) *Node { return Reshape(Slice(x, AxisElem(i)), batch, -1) }
	noGradient := func(_, v *Node) *Node { return ZerosLike(v) }
	cut := func() { // The next step starts from these values, not from the graph that computed them.
		for v := range ctx.IterVariables() {
			if v.InUseByGraph(g) {
				v.SetValueGraph(IdentityWithCustomGradient(v.ValueGraph(g), noGradient))
			}
		}
	}
	var dRows, gRows []*Node
	for i := range n {
		var d []*Node
		for j := range k {
			d = t.discriminatorStepGraph(ctx, item(xReals, i*k+j), item(zs, i*(k+1)+j))
			cut()
		}
		gOut := t.generatorStepGraph(ctx, item(zs, i*(k+1)+k))
		cut()
		dRows, gRows = append(dRows, Stack(d, 0)), append(gRows, Stack(gOut, 0))
	}
	return []*Node{Stack(dRows, 0), Stack(gRows, 0)}
}
