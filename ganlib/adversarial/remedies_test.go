package adversarial

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/nets"
	. "github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// remedyConfigs are small configurations with one remedy each (and two combined).
func remedyConfigs() map[string]Config {
	out := map[string]Config{}
	for name, mutate := range map[string]func(*Config){
		"pack2":        func(c *Config) { c.Pack = 2 },
		"unroll3":      func(c *Config) { c.Unroll = 3 },
		"minibatchstd": func(c *Config) { c.MinibatchStd = true },
		"wgan-gp":      func(c *Config) { c.DLoss = "wgan-gp" },
		"hinge":        func(c *Config) { c.DLoss = "hinge" },
		"unroll2+pack2+hinge": func(c *Config) {
			c.Unroll, c.Pack, c.DLoss = 2, 2, "hinge"
		},
	} {
		c := smallConfig()
		mutate(&c)
		out[name] = c
	}
	return out
}

// With every remedy, a D step leaves G's variables and optimizer state bit-identical, and a G step leaves D's
// (the unrolled G step too: its look-ahead weights live only inside the step's graph).
func TestRemediesKeepStepsIsolated(t *testing.T) {
	for name, c := range remedyConfigs() {
		tr, err := New(backend, c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for range 2 {
			if _, err := tr.Step(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		check := func(step string, fn func() error, fixed, moving string) {
			before := snapshot(tr.Ctx)
			if err := fn(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			after := snapshot(tr.Ctx)
			nFixed, nMoved := 0, 0
			for v := range tr.Ctx.IterVariables() {
				same := bytes.Equal(before[v.ScopeAndName()], after[v.ScopeAndName()])
				switch Player(v) {
				case fixed:
					nFixed++
					if !same {
						t.Errorf("%s: %s changed %s, which belongs to the %s", name, step, v.ScopeAndName(), fixed)
					}
				case moving:
					if !same {
						nMoved++
					}
				}
			}
			// 6 weights + 12 moments (+ Adam's counter); under WGAN-GP the critic's output bias has a zero
			// gradient (it cancels between E[s(G(z))] and E[s(x)]), so it and its moments stay: 17 move.
			if nFixed < 18 || nMoved < 17 {
				t.Errorf("%s: %s: %d %s variables checked, %d %s variables moved; want >= 18 and >= 17", name, step, nFixed, fixed, nMoved, moving)
			}
		}
		check("a D step", func() error { _, err := tr.DiscriminatorStep(); return err }, nets.GeneratorScope, nets.DiscriminatorScope)
		check("a G step", func() error { _, err := tr.GeneratorStep(); return err }, nets.DiscriminatorScope, nets.GeneratorScope)
		r := tr.History[len(tr.History)-1]
		for _, v := range []float64{r.LossD, r.LossG, r.GradNormD, r.GradNormG} {
			if math.IsNaN(v) || math.IsInf(v, 0) || r.GradNormG <= 0 {
				t.Errorf("%s: record not finite and positive: %+v", name, r)
				break
			}
		}
		// D(x) of single points works with packing (a pack of copies) and lies in (0, 1).
		d, err := tr.Discriminate([]float32{0, 0, 1, 0, 0.5, 0.5})
		if err != nil || len(d) != 3 || !(d[0] > 0 && d[0] < 1) {
			t.Errorf("%s: D of 3 points: %v, %v", name, d, err)
		}
	}
}

// The unrolled G step uses a different D than the plain one: from the same weights and the same noise, G's
// loss and gradient differ, and with Unroll the G loss is measured against the look-ahead D.
func TestUnrollChangesGeneratorStep(t *testing.T) {
	losses := map[int]GStepResult{}
	for _, k := range []int{0, 3} {
		c := smallConfig()
		c.Unroll = k
		tr, err := New(backend, c)
		if err != nil {
			t.Fatal(err)
		}
		if losses[k], err = tr.GeneratorStep(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("plain G step: %+v; unrolled (3): %+v", losses[0], losses[3])
	if losses[0].LossG == losses[3].LossG || losses[0].GradNorm == losses[3].GradNorm {
		t.Errorf("unrolling did not change the G step: %+v vs %+v", losses[0], losses[3])
	}
	// Three look-ahead D steps make D reject the fakes more: the non-saturating loss rises.
	if losses[3].NonSatG <= losses[0].NonSatG {
		t.Errorf("look-ahead D should score fakes lower: -log D(G(z)) %.4f (unrolled) vs %.4f", losses[3].NonSatG, losses[0].NonSatG)
	}
}

// The minibatch-std feature is the mean over coordinates of the batch's standard deviation.
func TestMinibatchStdDev(t *testing.T) {
	// Column 0: {1, 3} has sd 1; column 1: {0, 4} has sd 2; feature (1+2)/2 = 1.5 on every row.
	x := tensors.FromFlatDataAndDimensions([]float64{1, 0, 3, 4}, 2, 2)
	got := tensors.MustCopyFlatData[float64](MustExecOnce(backend, MinibatchStdDev, x))
	want := []float64{1, 0, 1.5, 3, 4, 1.5}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-6 {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestValidateRemedies(t *testing.T) {
	for name, mutate := range map[string]func(*Config){
		"dloss":  func(c *Config) { c.DLoss = "wgan" },
		"pack":   func(c *Config) { c.Pack, c.Batch = 3, 128 },
		"negpak": func(c *Config) { c.Pack = -1 },
		"unroll": func(c *Config) { c.Unroll = -2 },
		"gp":     func(c *Config) { c.GPWeight = -1 },
	} {
		c := DefaultConfig()
		mutate(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: invalid config accepted", name)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: not one sentence: %q", name, err)
		}
	}
	for name, c := range remedyConfigs() {
		if err := c.Validate(); err != nil {
			t.Errorf("%s rejected: %v", name, err)
		}
	}
}
