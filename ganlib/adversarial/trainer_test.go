package adversarial

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/internal/gantest"
	"github.com/gogan-lab/gogan/ganlib/nets"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

var backend = gantest.Backend()

func smallConfig() Config {
	c := DefaultConfig()
	c.Width, c.Depth, c.Batch, c.Steps = 16, 2, 32, 5
	return c
}

// snapshot copies every variable's value, by name.
func snapshot(ctx *context.Context) map[string][]byte {
	s := map[string][]byte{}
	for v := range ctx.IterVariables() {
		t := v.MustValue()
		var b []byte
		if err := t.ConstBytes(func(raw []byte) { b = append([]byte(nil), raw...) }); err != nil {
			panic(err)
		}
		s[v.ScopeAndName()] = b
	}
	return s
}

// A D step leaves every G variable and G's optimizer state bit-identical, and changes D's; a G step the
// reverse. Checked after a few warm-up iterations, so the optimizers' moments are non-zero.
func TestStepsAreIsolated(t *testing.T) {
	tr, err := New(backend, smallConfig())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	check := func(step string, fn func() error, fixed, moving string) {
		before := snapshot(tr.Ctx)
		if err := fn(); err != nil {
			t.Fatal(err)
		}
		after := snapshot(tr.Ctx)
		var nFixed, nMoved int
		for v := range tr.Ctx.IterVariables() {
			name := v.ScopeAndName()
			same := bytes.Equal(before[name], after[name])
			switch Player(v) {
			case fixed:
				nFixed++
				if !same {
					t.Errorf("%s changed %s, which belongs to the %s", step, name, fixed)
				}
			case moving:
				if !same {
					nMoved++
				}
			}
		}
		// Fixed: 6 weights + 12 Adam moments (+ Adam's step counter).
		if nFixed < 18 {
			t.Errorf("%s: only %d %s variables checked", step, nFixed, fixed)
		}
		if nMoved < 18 {
			t.Errorf("%s moved only %d %s variables, want weights and moments to move", step, nMoved, moving)
		}
	}
	check("a D step", func() error { _, err := tr.DiscriminatorStep(); return err }, nets.GeneratorScope, nets.DiscriminatorScope)
	check("a G step", func() error { _, err := tr.GeneratorStep(); return err }, nets.DiscriminatorScope, nets.GeneratorScope)
}

// Same seed and same engine: identical history (except the timing column). Another seed: a different one.
func TestReproducible(t *testing.T) {
	run := func(seed uint64) []Record {
		c := smallConfig()
		c.Seed, c.Steps, c.K = seed, 6, 2
		tr, err := New(backend, c)
		if err != nil {
			t.Fatal(err)
		}
		if err := tr.Train(); err != nil {
			t.Fatal(err)
		}
		for i := range tr.History {
			tr.History[i].StepsPerSec = 0
		}
		return tr.History
	}
	a, b, c := run(3), run(3), run(4)
	if len(a) != 6 {
		t.Fatalf("%d records, want 6", len(a))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("step %d differs between two runs with the same seed:\n%+v\n%+v", i+1, a[i], b[i])
		}
	}
	if a[0] == c[0] {
		t.Error("another seed gave the same first record")
	}
}

// The history's fields hang together: V = ② + ④, D's loss = -V, the G loss is the chosen one, D(x) in (0,1).
func TestRecordConsistency(t *testing.T) {
	for _, gloss := range []string{"minimax", "nonsaturating"} {
		c := smallConfig()
		c.GLoss = gloss
		tr, err := New(backend, c)
		if err != nil {
			t.Fatal(err)
		}
		r, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-5*math.Max(1, math.Abs(a)) }
		if !near(r.Value, r.RealTerm+r.FakeTerm) || !near(r.LossD, -r.Value) {
			t.Errorf("V %g, ②+④ %g, loss_d %g", r.Value, r.RealTerm+r.FakeTerm, r.LossD)
		}
		want := r.NonSatG
		if gloss == "minimax" {
			want = r.MinimaxG
		}
		if !near(r.LossG, want) {
			t.Errorf("%s: loss_g %g, want %g", gloss, r.LossG, want)
		}
		if r.DReal <= 0 || r.DReal >= 1 || r.DFake <= 0 || r.DFake >= 1 || r.GradNormD <= 0 || r.GradNormG <= 0 {
			t.Errorf("out of range: %+v", r)
		}
		// Right after initialisation D knows nothing: D(x) ~ D(G(z)) ~ 1/2 and V ~ -log 4.
		if math.Abs(r.Value+math.Log(4)) > 0.3 {
			t.Errorf("initial V %g, want about -log 4", r.Value)
		}
	}
}

// The D step alone, with G fixed at its initial (bad) state, learns to separate: the seed's "at first D
// separates them easily".
func TestDiscriminatorLearnsAgainstFixedG(t *testing.T) {
	c := smallConfig()
	c.Width, c.LRD = 32, 1e-3
	tr, err := New(backend, c)
	if err != nil {
		t.Fatal(err)
	}
	first, err := tr.DiscriminatorStep()
	if err != nil {
		t.Fatal(err)
	}
	var r DStepResult
	for range 300 {
		if r, err = tr.DiscriminatorStep(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("D step 1: D(x)=%.3f D(G(z))=%.3f V=%.3f; D step 301: D(x)=%.3f D(G(z))=%.3f V=%.3f",
		first.DReal, first.DFake, first.RealTerm+first.FakeTerm, r.DReal, r.DFake, r.RealTerm+r.FakeTerm)
	// D's objective V climbs from near -log 4 and D(x) separates from D(G(z)).
	if gain := (r.RealTerm + r.FakeTerm) - (first.RealTerm + first.FakeTerm); gain < 0.15 {
		t.Errorf("300 D steps raised V by only %.3f, want > 0.15", gain)
	}
	if r.DReal-r.DFake < 0.25 || r.DReal-r.DFake < first.DReal-first.DFake+0.1 {
		t.Errorf("after 300 D steps D(x)-D(G(z)) = %.3f (first step: %.3f), want > 0.25 and 0.1 more",
			r.DReal-r.DFake, first.DReal-first.DFake)
	}
}

// The default ring-8 run (the README's main job) reaches every mode and ends with D(x) and D(G(z)) near 1/2.
// Long: skipped under -short.
func TestRing8DefaultRun(t *testing.T) {
	if testing.Short() {
		t.Skip("long: trains for about a minute")
	}
	tr, err := New(backend, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.Train(); err != nil {
		t.Fatal(err)
	}
	s := Summary(tr.History, 200)
	t.Logf("last 200 steps: D(x)=%.3f D(G(z))=%.3f V=%.3f (-log4=%.3f) %.0f steps/s", s.DReal, s.DFake, s.Value, -math.Log(4), s.StepsPerSec)
	if math.Abs(s.DReal-0.5) > 0.15 || math.Abs(s.DFake-0.5) > 0.15 {
		t.Errorf("D(x)=%.3f D(G(z))=%.3f, want both within 0.15 of 1/2", s.DReal, s.DFake)
	}
	// Mode coverage: each of the 8 modes holds at least 0.25% of the samples within 0.1 of it (10 sd), and at
	// least a quarter of all samples lie that close to some mode (measured: 0.4% to 8% per mode, 31% in all).
	const n = 4000
	xy, err := tr.Generate(n)
	if err != nil {
		t.Fatal(err)
	}
	ring := realdata.Ring8()
	counts := make([]int, len(ring.Modes))
	near := 0
	for i := range n {
		for j, mu := range ring.Modes {
			if math.Hypot(float64(xy[2*i])-mu[0], float64(xy[2*i+1])-mu[1]) < 0.1 {
				counts[j]++
				near++
			}
		}
	}
	t.Logf("samples within 0.1 of each mode: %v (%.0f%% of all)", counts, 100*float64(near)/n)
	for j, c := range counts {
		if c < n/400 {
			t.Errorf("mode %d holds %d of %d samples, want >= 0.25%%", j, c, n)
		}
	}
	if near < n/4 {
		t.Errorf("only %d of %d samples near a mode", near, n)
	}
}

func TestValidate(t *testing.T) {
	for name, mutate := range map[string]func(*Config){
		"data":  func(c *Config) { c.Data = "nope" },
		"model": func(c *Config) { c.Model = "nope" },
		"steps": func(c *Config) { c.Steps = 0 },
		"batch": func(c *Config) { c.Batch = -1 },
		"k":     func(c *Config) { c.K = 0 },
		"gloss": func(c *Config) { c.GLoss = "wgan" },
		"lr":    func(c *Config) { c.LRD = 0 },
		"noise": func(c *Config) { c.Noise = "cauchy" },
		"beta":  func(c *Config) { c.Beta1 = 1 },
	} {
		c := DefaultConfig()
		mutate(&c)
		err := c.Validate()
		if err == nil {
			t.Errorf("%s: invalid config accepted", name)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one sentence: %q", name, err)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("default config rejected: %v", err)
	}
}

func TestHistoryCSV(t *testing.T) {
	var buf bytes.Buffer
	h := []Record{{Step: 1, DReal: 0.5, Value: -1.386}, {Step: 2, DFake: 0.25}}
	if err := WriteHistoryCSV(&buf, h); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "step,d_real,d_fake") || !strings.HasPrefix(lines[1], "1,0.5,0,") {
		t.Errorf("csv:\n%s", buf.String())
	}
	if s := Summary(h, 5); s.Step != 2 || s.DReal != 0.25 || s.DFake != 0.125 {
		t.Errorf("summary %+v", s)
	}
}
