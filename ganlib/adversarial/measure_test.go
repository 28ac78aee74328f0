package adversarial

import (
	"bytes"
	"math"
	"testing"
)

// Measure changes no variable, and its terms hang together (V = ② + ④, ⑤ = ④).
func TestMeasureChangesNothing(t *testing.T) {
	tr, err := New(backend, smallConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	before := snapshot(tr.Ctx)
	m, err := tr.Measure(64)
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(tr.Ctx)
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("Measure changed %s", name)
		}
	}
	if math.Abs(m.Value-(m.RealTerm+m.FakeTerm)) > 1e-9 || m.MinimaxG != m.FakeTerm || m.DReal <= 0 || m.DReal >= 1 {
		t.Errorf("inconsistent terms: %+v", m)
	}
	// log D(G(z)) <= 0, so the non-saturating loss is positive; at D near 1/2 both G losses are near ∓log 2.
	if m.NonSatG <= 0 || m.MinimaxG >= 0 {
		t.Errorf("signs: %+v", m)
	}
}
