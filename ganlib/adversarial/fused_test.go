package adversarial

import (
	"bytes"
	"math"
	"testing"

	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// n fused iterations in one engine call give the same weights, optimizer states and history as n calls of
// Step, with k = 2 D steps per G step and a remedy on: bit for bit on the pure-Go engine, within float32
// rounding on XLA (which fuses the two graphs' arithmetic differently).
func TestStepNMatchesSteps(t *testing.T) {
	c := smallConfig()
	c.K, c.MinibatchStd = 2, true
	one, err := New(backend, c)
	if err != nil {
		t.Fatal(err)
	}
	fused, err := New(backend, c)
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		if _, err := one.Step(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := fused.StepN(3); err != nil {
		t.Fatal(err)
	}
	if _, err := fused.StepN(1); err != nil { // Another n: another graph, same state.
		t.Fatal(err)
	}
	exact := backend.String() == "go"
	near := func(x, y float64) bool { return x == y || (!exact && math.Abs(x-y) <= 1e-3*math.Max(1, math.Abs(x))) }
	a, b := snapshot(one.Ctx), snapshot(fused.Ctx)
	for v := range one.Ctx.IterVariables() {
		name := v.ScopeAndName()
		if bytes.Equal(a[name], b[name]) {
			continue
		}
		if exact || v.DType().String() != "Float32" {
			t.Errorf("%s differs between 4 steps and fused steps", name)
			continue
		}
		x := tensors.MustCopyFlatData[float32](v.MustValue())
		y := tensors.MustCopyFlatData[float32](fused.Ctx.GetVariableByScopeAndName(v.Scope(), v.Name()).MustValue())
		for i := range x {
			if !near(float64(x[i]), float64(y[i])) {
				t.Errorf("%s[%d]: %g after 4 steps, %g fused", name, i, x[i], y[i])
				break
			}
		}
	}
	if len(one.History) != 4 || len(fused.History) != 4 {
		t.Fatalf("histories of %d and %d records, want 4", len(one.History), len(fused.History))
	}
	for i := range one.History {
		x, y := one.History[i].fields(), fused.History[i].fields()
		for j := range x[:len(x)-1] { // The last field is steps/s.
			if !near(x[j], y[j]) {
				t.Errorf("record %d, %s: %g after single steps, %g fused", i+1, HistoryColumns[j+1], x[j], y[j])
			}
		}
	}
	c.Unroll, c.Fuse = 2, 4
	if err := c.Validate(); err == nil {
		t.Error("fused unrolled GAN accepted")
	}
}
