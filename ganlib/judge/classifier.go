package judge

import (
	"fmt"
	"math/rand/v2"
	"os"

	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gomlx/gomlx/backends"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/context/checkpoints"
	"github.com/gomlx/gomlx/pkg/ml/layers"
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
	"github.com/gomlx/gomlx/pkg/ml/train/losses"
	"github.com/gomlx/gomlx/pkg/ml/train/optimizers"

	_ "github.com/gogan-lab/gogan/ganlib/internal/gradfix" // Fast matrix-product gradients on the pure-Go engine.
)

// Classifier sizes: the features are the last hidden layer.
var (
	Hidden       = []int{512, 256}
	FeatureDim   = 256
	ClassifierLR = 1e-3
)

// Classifier is an MNIST digit classifier whose last hidden layer serves as the feature space.
type Classifier struct {
	Backend backends.Backend
	Ctx     *context.Context
	dim     int
	step    *context.Exec // (x, labels) -> loss, one Adam step.
	infer   *context.Exec // (x) -> logits, features.
}

// NewClassifier builds an untrained classifier for inputs of dim values (784 for MNIST).
func NewClassifier(backend backends.Backend, dim int, seed int64) (*Classifier, error) {
	c := &Classifier{Backend: backend, Ctx: context.New(), dim: dim}
	if err := c.Ctx.SetRNGStateFromSeed(seed); err != nil {
		return nil, err
	}
	opt := optimizers.Adam().LearningRate(ClassifierLR).Done()
	var err error
	c.step, err = context.NewExec(backend, c.Ctx, func(ctx *context.Context, x, labels *Node) *Node {
		logits, _ := c.model(ctx, x)
		loss := ReduceAllMean(losses.SparseCategoricalCrossEntropyLogits([]*Node{labels}, []*Node{logits}))
		opt.UpdateGraph(ctx, loss.Graph(), loss)
		return loss
	})
	if err != nil {
		return nil, err
	}
	c.infer, err = context.NewExec(backend, c.Ctx, func(ctx *context.Context, x *Node) []*Node {
		logits, feats := c.model(ctx, x)
		return []*Node{logits, feats}
	})
	return c, err
}

// model: x [batch, dim] in [-1, 1] -> ReLU layers -> logits [batch, 10], features [batch, FeatureDim].
func (c *Classifier) model(ctx *context.Context, x *Node) (logits, features *Node) {
	ctx = ctx.In("classifier").Checked(false) // Built by two graphs (training, inference).
	h := x
	for i, w := range Hidden {
		h = activations.Relu(layers.Dense(ctx.In(fmt.Sprintf("hidden%d", i)), h, true, w))
	}
	return layers.Dense(ctx.In("out"), h, true, realdata.MNISTClasses), h
}

// Train runs epochs passes over the training images in shuffled batches, reporting each epoch's mean loss.
func (c *Classifier) Train(m *realdata.MNIST, epochs, batch int, seed uint64, report func(epoch int, loss float64)) error {
	n := len(m.TrainLabels)
	rng := rand.New(rand.NewPCG(seed, 0x636c6173))
	x := make([]float32, batch*c.dim)
	y := make([]int32, batch)
	for e := range epochs {
		perm := rng.Perm(n)
		sum, count := 0.0, 0
		for b := 0; b+batch <= n; b += batch {
			for i := range batch {
				j := perm[b+i]
				realdata.PixelsToFloat(x[i*c.dim:(i+1)*c.dim], m.Train[j*c.dim:(j+1)*c.dim])
				y[i] = int32(m.TrainLabels[j])
			}
			out, err := c.step.Exec(tensors.FromFlatDataAndDimensions(x, batch, c.dim), tensors.FromFlatDataAndDimensions(y, batch, 1))
			if err != nil {
				return err
			}
			sum += float64(tensors.ToScalar[float32](out[0]))
			count++
		}
		if report != nil {
			report(e+1, sum/float64(count))
		}
	}
	return nil
}

// Predict returns each image's most likely class and its features (row after row).
func (c *Classifier) Predict(images []float32) (classes []int, features []float32, err error) {
	n := len(images) / c.dim
	const chunk = 1000
	for from := 0; from < n; from += chunk {
		to := min(from+chunk, n)
		out, err := c.infer.Exec(tensors.FromFlatDataAndDimensions(images[from*c.dim:to*c.dim], to-from, c.dim))
		if err != nil {
			return nil, nil, err
		}
		logits := tensors.MustCopyFlatData[float32](out[0])
		features = append(features, tensors.MustCopyFlatData[float32](out[1])...)
		for i := range to - from {
			best := 0
			for k := 1; k < realdata.MNISTClasses; k++ {
				if logits[i*realdata.MNISTClasses+k] > logits[i*realdata.MNISTClasses+best] {
					best = k
				}
			}
			classes = append(classes, best)
		}
	}
	return classes, features, nil
}

// Accuracy is the fraction of the test images classified correctly.
func (c *Classifier) Accuracy(m *realdata.MNIST) (float64, error) {
	x, labels := m.Images(true, 0, len(m.TestLabels))
	classes, _, err := c.Predict(x)
	if err != nil {
		return 0, err
	}
	right := 0
	for i, k := range classes {
		if k == int(labels[i]) {
			right++
		}
	}
	return float64(right) / float64(len(classes)), nil
}

// SetLearningRate changes Adam's learning rate (e.g. lower, to continue training a loaded classifier).
func (c *Classifier) SetLearningRate(lr float64) {
	for v := range c.Ctx.IterVariables() {
		if v.Name() == optimizers.ParamLearningRate {
			v.MustSetValue(tensors.FromScalar(float32(lr)))
		}
	}
}

// Save writes the classifier's weights to dir (GoMLX's checkpoint format), atomically.
func (c *Classifier) Save(dir string) error {
	return atomicfile.ReplaceDir(dir, func(tmp string) error {
		h, err := checkpoints.Build(c.Ctx).Dir(tmp).Done()
		if err != nil {
			return err
		}
		return h.Save()
	})
}

// LoadClassifier reads a classifier saved by Save.
func LoadClassifier(backend backends.Backend, dir string) (*Classifier, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("no classifier in %s; train one with `gan classifier train -out %s`", dir, dir)
	}
	c, err := NewClassifier(backend, realdata.MNISTDim, 0)
	if err != nil {
		return nil, err
	}
	if _, err := checkpoints.Load(c.Ctx).Dir(dir).Immediate().Done(); err != nil {
		return nil, fmt.Errorf("cannot read the classifier in %s (%v)", dir, err)
	}
	return c, nil
}
