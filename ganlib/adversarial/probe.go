package adversarial

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// GeneratorLossGradient returns, for n generated points x (row after row, len n*dim), the gradient of the
// generator's loss with respect to each point, n·∂loss_G/∂x_i (the batch mean undone, so each row is the
// gradient of that point's own term). G moves each of its samples along minus this: the arrows of GAN Lab.
// No weight changes. With Pack, n must be a multiple of it.
func (t *Trainer) GeneratorLossGradient(x []float32) ([]float32, error) {
	if t.lossGrad == nil {
		var err error
		t.lossGrad, err = context.NewExec(t.Backend, t.Ctx, func(ctx *context.Context, x *Node) *Node {
			loss := t.generatorLoss()(t.discriminator(ctx.Checked(false), x))
			return MulScalar(Gradient(loss, x)[0], float64(x.Shape().Dimensions[0]))
		})
		if err != nil {
			return nil, err
		}
	}
	n := len(x) / t.Data.Dim()
	out, err := t.lossGrad.Exec(tensors.FromFlatDataAndDimensions(x, n, t.Data.Dim()))
	if err != nil {
		return nil, err
	}
	return tensors.MustCopyFlatData[float32](out[0]), nil
}
