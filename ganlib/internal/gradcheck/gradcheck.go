// Package gradcheck compares the gradients GoMLX builds (reverse-mode autodiff, plus any VJP ganlib registers)
// with central finite differences, in float64. Every layer and loss in ganlib is checked with it.
package gradcheck

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/backends"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// Options tune a check. The zero value is not useful: start from Defaults.
type Options struct {
	Step      float64 // Finite-difference step h: (f(x+h) - f(x-h)) / 2h.
	RelTol    float64 // Allowed |analytic - numeric| / max(|analytic|, |numeric|, AbsFloor).
	AbsFloor  float64 // Gradients smaller than this are compared in absolute terms.
	MaxCoords int     // Coordinates checked per tensor (a seeded random subset past this many).
}

// Defaults fit float64 and smooth (or almost-everywhere smooth) functions.
// AbsFloor: central differences in float64 with h = 1e-6 carry a rounding noise of about 1e-16·|f|/h ≈ 1e-10|f|,
// so gradients below 1e-3 are held to an absolute error of RelTol·AbsFloor = 1e-8 instead of a relative one.
// Where |f| is large the floor rises with it: each evaluation of f may be off by a few ulps (the engine's parallel
// matrix products sum in varying order), so differences below 16 ulps of f, divided by h, count as noise.
var Defaults = Options{Step: 1e-6, RelTol: 1e-5, AbsFloor: 1e-3, MaxCoords: 48}

const ulp = 0x1p-52 // float64's relative rounding step.

// Mismatch is the worst coordinate of one checked tensor.
type Mismatch struct {
	Name              string  // "input 0" or the variable's scope and name.
	Index             int     // Flat index of the worst coordinate.
	Analytic, Numeric float64 // The two gradients there.
	RelErr            float64
}

func (m Mismatch) String() string {
	return fmt.Sprintf("%s[%d]: autodiff %.8g, finite differences %.8g (relative error %.2g)",
		m.Name, m.Index, m.Analytic, m.Numeric, m.RelErr)
}

// Report holds the worst coordinate of every checked tensor.
type Report struct {
	Tensors []Mismatch
	Checked int // Number of coordinates compared.
}

// Worst returns the largest relative error in the report.
func (r Report) Worst() Mismatch {
	var w Mismatch
	for _, m := range r.Tensors {
		if m.RelErr >= w.RelErr {
			w = m
		}
	}
	return w
}

// Fn is a scalar function of some input tensors and the variables it creates in ctx.
type Fn func(ctx *context.Context, inputs []*Node) *Node

// Context checks the gradient of fn with respect to every input and every trainable variable fn uses.
// Inputs must be float64. Variables are created (and initialised) by the first call, in ctx.
func Context(backend backends.Backend, ctx *context.Context, opts Options, fn Fn, inputs ...*tensors.Tensor) (Report, error) {
	ctx = ctx.Checked(false)
	var vars []*context.Variable
	analytic, err := context.NewExec(backend, ctx, func(ctx *context.Context, in []*Node) []*Node {
		loss := fn(ctx, in)
		if !loss.Shape().IsScalar() {
			panic(fmt.Sprintf("gradcheck: fn must return a scalar, got %s", loss.Shape()))
		}
		wrt := append([]*Node(nil), in...)
		vars = vars[:0]
		for v := range ctx.IterVariables() {
			if v.Trainable && v.InUseByGraph(loss.Graph()) {
				vars = append(vars, v)
				wrt = append(wrt, v.ValueGraph(loss.Graph()))
			}
		}
		return append([]*Node{loss}, Gradient(loss, wrt...)...)
	})
	if err != nil {
		return Report{}, err
	}
	lossOnly, err := context.NewExec(backend, ctx, func(ctx *context.Context, in []*Node) *Node { return fn(ctx, in) })
	if err != nil {
		return Report{}, err
	}
	args := func(in []*tensors.Tensor) []any {
		a := make([]any, len(in))
		for i, t := range in {
			a[i] = t
		}
		return a
	}
	var outs []*tensors.Tensor
	if err := catch(func() { outs = analytic.MustExec(args(inputs)...) }); err != nil {
		return Report{}, err
	}
	eval := func(in []*tensors.Tensor) (f float64, err error) {
		err = catch(func() { f = tensors.ToScalar[float64](lossOnly.MustExec(args(in)...)[0]) })
		return
	}

	var report Report
	rng := rand.New(rand.NewPCG(1, 2))
	// check compares one tensor's analytic gradient with finite differences obtained by perturb(j, delta).
	check := func(name string, grad *tensors.Tensor, size int, perturb func(j int, delta float64) (float64, error)) error {
		g := tensors.MustCopyFlatData[float64](grad)
		coords := rng.Perm(size)
		if len(coords) > opts.MaxCoords {
			coords = coords[:opts.MaxCoords]
		}
		worst := Mismatch{Name: name}
		for _, j := range coords {
			fp, err := perturb(j, opts.Step)
			if err != nil {
				return err
			}
			fm, err := perturb(j, -opts.Step)
			if err != nil {
				return err
			}
			num := (fp - fm) / (2 * opts.Step)
			floor := math.Max(opts.AbsFloor, 16*ulp*math.Max(math.Abs(fp), math.Abs(fm))/opts.Step/opts.RelTol)
			rel := math.Abs(g[j]-num) / math.Max(math.Max(math.Abs(g[j]), math.Abs(num)), floor)
			if math.IsNaN(rel) {
				rel = math.Inf(1)
			}
			if rel >= worst.RelErr {
				worst = Mismatch{Name: name, Index: j, Analytic: g[j], Numeric: num, RelErr: rel}
			}
			report.Checked++
		}
		report.Tensors = append(report.Tensors, worst)
		return nil
	}
	for i, in := range inputs {
		base := tensors.MustCopyFlatData[float64](in)
		dims := in.Shape().Dimensions
		err := check(fmt.Sprintf("input %d", i), outs[1+i], len(base), func(j int, delta float64) (float64, error) {
			p := append([]float64(nil), base...)
			p[j] += delta
			moved := append([]*tensors.Tensor(nil), inputs...)
			moved[i] = tensors.FromFlatDataAndDimensions(p, dims...)
			return eval(moved)
		})
		if err != nil {
			return report, err
		}
	}
	for k, v := range vars {
		orig := v.MustValue()
		base := tensors.MustCopyFlatData[float64](orig)
		dims := orig.Shape().Dimensions
		err := check(v.ScopeAndName(), outs[1+len(inputs)+k], len(base), func(j int, delta float64) (float64, error) {
			p := append([]float64(nil), base...)
			p[j] += delta
			v.MustSetValue(tensors.FromFlatDataAndDimensions(p, dims...))
			return eval(inputs)
		})
		v.MustSetValue(tensors.FromFlatDataAndDimensions(base, dims...))
		if err != nil {
			return report, err
		}
	}
	return report, nil
}

// Inputs checks the gradient of a scalar function of its inputs alone. fn is a func(*Node) *Node,
// func(*Node, *Node) *Node or func([]*Node) *Node.
func Inputs(backend backends.Backend, opts Options, fn any, inputs ...*tensors.Tensor) (Report, error) {
	var wrapped Fn
	switch f := fn.(type) {
	case func(*Node) *Node:
		wrapped = func(_ *context.Context, in []*Node) *Node { return f(in[0]) }
	case func(*Node, *Node) *Node:
		wrapped = func(_ *context.Context, in []*Node) *Node { return f(in[0], in[1]) }
	case func([]*Node) *Node:
		wrapped = func(_ *context.Context, in []*Node) *Node { return f(in) }
	default:
		return Report{}, fmt.Errorf("gradcheck.Inputs: unsupported function type %T", fn)
	}
	return Context(backend, context.New(), opts, wrapped, inputs...)
}

// AssertContext fails t if any gradient of fn differs from finite differences by more than Defaults.RelTol.
func AssertContext(t testing.TB, backend backends.Backend, ctx *context.Context, fn Fn, inputs ...*tensors.Tensor) Report {
	t.Helper()
	r, err := Context(backend, ctx, Defaults, fn, inputs...)
	assertReport(t, r, err, Defaults)
	return r
}

// AssertInputs is Inputs with Defaults, failing t on a mismatch.
func AssertInputs(t testing.TB, backend backends.Backend, fn any, inputs ...*tensors.Tensor) Report {
	t.Helper()
	r, err := Inputs(backend, Defaults, fn, inputs...)
	assertReport(t, r, err, Defaults)
	return r
}

func assertReport(t testing.TB, r Report, err error, opts Options) {
	t.Helper()
	if err != nil {
		t.Fatalf("gradient check failed to run: %v", err)
	}
	if r.Checked == 0 {
		t.Fatalf("gradient check compared no coordinate")
	}
	for _, m := range r.Tensors {
		if m.RelErr > opts.RelTol {
			t.Errorf("wrong gradient: %s", m)
		}
	}
}

func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	fn()
	return nil
}

// Wave returns a float64 tensor of the given shape holding 0.8·sin(0.7·i + seed), i the flat index: smooth,
// varied inputs for gradient checks, seeded so two inputs of one check differ.
func Wave(seed float64, dims ...int) *tensors.Tensor {
	n := 1
	for _, d := range dims {
		n *= d
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Sin(float64(i)*0.7+seed) * 0.8
	}
	return tensors.FromFlatDataAndDimensions(v, dims...)
}
