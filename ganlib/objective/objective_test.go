package objective

import (
	"math"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	"github.com/gogan-lab/gogan/ganlib/internal/gradcheck"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

var backend = gantest.Backend()

// eval runs fn on float64 logits and returns its scalar result.
func eval(t *testing.T, fn func(l *Node) *Node, logits []float64) float64 {
	t.Helper()
	out := MustExecOnce(backend, fn, tensors.FromFlatDataAndDimensions(logits, len(logits)))
	return tensors.ToScalar[float64](out)
}

// Closed forms: sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, and the limits of the stable log-terms.
func TestTermsClosedForm(t *testing.T) {
	ln2, ln3 := math.Log(2), math.Log(3)
	for _, c := range []struct {
		name   string
		fn     func(l *Node) *Node
		logits []float64
		want   float64
	}{
		{"② log D at logit 0", RealTerm, []float64{0, 0}, -ln2},
		{"④ log(1-D) at logit 0", FakeTerm, []float64{0}, -ln2},
		{"② at logit ln3: log 3/4", RealTerm, []float64{ln3}, math.Log(0.75)},
		{"④ at logit ln3: log 1/4", FakeTerm, []float64{ln3}, math.Log(0.25)},
		{"② is a batch mean", RealTerm, []float64{0, ln3}, (-ln2 + math.Log(0.75)) / 2},
		{"② saturates finitely: logit -1000", RealTerm, []float64{-1000}, -1000},
		{"④ saturates finitely: logit 1000", FakeTerm, []float64{1000}, -1000},
		{"② at logit 1000 is 0", RealTerm, []float64{1000}, 0},
		{"⑤ minimax = ④", MinimaxGeneratorLoss, []float64{ln3}, math.Log(0.25)},
		{"non-saturating at logit 0: log 2", NonSaturatingGeneratorLoss, []float64{0}, ln2},
		{"non-saturating at logit ln3: -log 3/4", NonSaturatingGeneratorLoss, []float64{ln3}, -math.Log(0.75)},
		{"D(x) = sigmoid", func(l *Node) *Node { return ReduceAllMean(D(l)) }, []float64{ln3}, 0.75},
	} {
		if got := eval(t, c.fn, c.logits); math.Abs(got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s: got %.12g, want %.12g", c.name, got, c.want)
		}
	}
}

// At the ideal end D = 1/2 everywhere and V = -log 4 (Goodfellow 2014, Theorem 1); D's loss is then log 4.
func TestValueAtEquilibrium(t *testing.T) {
	zeros := tensors.FromFlatDataAndDimensions([]float64{0, 0, 0}, 3)
	v := tensors.ToScalar[float64](MustExecOnce(backend, Value, zeros, zeros))
	if math.Abs(v+math.Log(4)) > 1e-12 {
		t.Errorf("V at D=1/2: %.12g, want -log 4 = %.12g", v, -math.Log(4))
	}
	l := tensors.ToScalar[float64](MustExecOnce(backend, DiscriminatorLoss, zeros, zeros))
	if math.Abs(l-math.Log(4)) > 1e-12 {
		t.Errorf("D loss at D=1/2: %.12g, want log 4", l)
	}
}

// Float32 logits far out stay finite (no -Inf from log(sigmoid)).
func TestFiniteInFloat32(t *testing.T) {
	logits := tensors.FromFlatDataAndDimensions([]float32{-200, -50, 50, 200}, 4)
	for name, fn := range map[string]func(*Node) *Node{"real": RealTerm, "fake": FakeTerm,
		"minimax": MinimaxGeneratorLoss, "nonsat": NonSaturatingGeneratorLoss} {
		v := tensors.ToScalar[float32](MustExecOnce(backend, fn, logits))
		if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
			t.Errorf("%s: %v at large logits", name, v)
		}
	}
}

// The gradients of the G losses with respect to the logit: -sigmoid(l) for ⑤ (vanishes as l -> -inf: it
// saturates) and sigmoid(l) - 1 for the non-saturating loss (-> -1). Checked against finite differences and
// against these closed forms.
func TestGeneratorLossGradients(t *testing.T) {
	logits := []float64{-6, -1, 0, 2}
	for name, c := range map[string]struct {
		fn   func(*Node) *Node
		grad func(l float64) float64
	}{
		"minimax":       {MinimaxGeneratorLoss, func(l float64) float64 { return -sigmoid(l) / 4 }},
		"nonsaturating": {NonSaturatingGeneratorLoss, func(l float64) float64 { return (sigmoid(l) - 1) / 4 }},
	} {
		in := tensors.FromFlatDataAndDimensions(logits, len(logits))
		grad := MustExecOnce(backend, func(l *Node) *Node { return Gradient(c.fn(l), l)[0] }, in)
		got := tensors.MustCopyFlatData[float64](grad)
		for i, l := range logits {
			if math.Abs(got[i]-c.grad(l)) > 1e-12 {
				t.Errorf("%s: d/dl at %g = %g, want %g", name, l, got[i], c.grad(l))
			}
		}
		gradcheck.AssertInputs(t, backend, c.fn, in)
	}
	// Saturation, as the lecture says: at l = -6 (D(G(z)) ~ 0.0025) ⑤'s gradient is ~400 times smaller.
	if r := sigmoid(-6) / (1 - sigmoid(-6)); r > 0.003 {
		t.Errorf("ratio %g", r)
	}
}

func TestLossesGradcheck(t *testing.T) {
	real := tensors.FromFlatDataAndDimensions([]float64{1.5, -0.3, 0.2}, 3)
	fake := tensors.FromFlatDataAndDimensions([]float64{-2, 0.7, 0.1}, 3)
	gradcheck.AssertInputs(t, backend, func(r, f *Node) *Node { return DiscriminatorLoss(r, f) }, real, fake)
	gradcheck.AssertInputs(t, backend, Value, real, fake)
}

func TestGeneratorLossByName(t *testing.T) {
	for _, n := range []string{"minimax", "nonsaturating"} {
		if _, err := GeneratorLossByName(n); err != nil {
			t.Error(err)
		}
	}
	if _, err := GeneratorLossByName("wgan"); err == nil {
		t.Error("unknown loss accepted")
	}
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
