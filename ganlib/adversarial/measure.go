package adversarial

import (
	"os"

	"github.com/gogan-lab/gogan/ganlib/objective"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Terms is every term of the objective on one batch, measured without training anything.
type Terms struct {
	DReal    float64 // Mean D(x) over ① the real batch.
	DFake    float64 // Mean D(G(z)) over ③ the fake batch.
	RealTerm float64 // ② E[log D(x)].
	FakeTerm float64 // ④ E[log(1 - D(G(z)))].
	Value    float64 // V = ② + ④.
	MinimaxG float64 // ⑤ E[log(1 - D(G(z)))], the loss G minimises in the minimax game (equal to ④).
	NonSatG  float64 // -E[log D(G(z))], the non-saturating loss G minimises in practice.
}

// Measure draws m real samples and m noise samples and evaluates every term of V(D,G) on them, changing no
// weight: it is how a notebook watches the terms move across one D step or one G step.
func (t *Trainer) Measure(m int) (Terms, error) {
	return t.MeasureOn(t.RealBatch(m), t.noise.Sample(m))
}

// MeasureOn evaluates every term of V(D,G) on the given real batch xReal [m, dim] and noise z [m, latent],
// changing no weight. Measuring the same batch before and after a step shows what the step did.
func (t *Trainer) MeasureOn(xReal, z *tensors.Tensor) (Terms, error) {
	if t.measure == nil {
		var err error
		if t.measure, err = context.NewExec(t.Backend, t.Ctx, t.measureGraph); err != nil {
			return Terms{}, err
		}
	}
	out, err := t.measure.Exec(xReal, z)
	if err != nil {
		return Terms{}, err
	}
	f := scalars(out)
	return Terms{DReal: f[0], DFake: f[1], RealTerm: f[2], FakeTerm: f[3], Value: f[2] + f[3], MinimaxG: f[4], NonSatG: f[5]}, nil
}

func (t *Trainer) measureGraph(ctx *context.Context, xReal, z *Node) []*Node {
	ctx = ctx.Checked(false)
	dReal := t.discriminator(ctx, xReal)
	dFake := t.discriminator(ctx, t.generator(ctx, z))
	return []*Node{ReduceAllMean(objective.D(dReal)), ReduceAllMean(objective.D(dFake)),
		objective.RealTerm(dReal), objective.FakeTerm(dFake),
		objective.MinimaxGeneratorLoss(dFake), objective.NonSaturatingGeneratorLoss(dFake)}
}

// NoiseBatch draws m noise samples z as a [m, latent] tensor, from the trainer's seeded sampler.
func (t *Trainer) NoiseBatch(m int) *tensors.Tensor { return t.noise.Sample(m) }

// QuickEnv names the environment variable that shortens training in notebooks and examples ("1": quick),
// which CI sets so that every notebook runs in minutes.
const QuickEnv = "GOGAN_QUICK"

// StepsFor returns quick when QuickEnv is "1", else full: notebooks pick their training length with it.
func StepsFor(full, quick int) int {
	if os.Getenv(QuickEnv) == "1" {
		return quick
	}
	return full
}
