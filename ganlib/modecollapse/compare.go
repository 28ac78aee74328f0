package modecollapse

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gomlx/gomlx/backends"
)

// Means returns a 2-D mixture's modes as a list of points, for Measure.
func Means(d *realdata.Mixture2D) [][]float64 {
	out := make([][]float64, len(d.Modes))
	for i, mu := range d.Modes {
		out[i] = []float64{mu[0], mu[1]}
	}
	return out
}

func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6d6f646573)) }

// Method is a named change to a training configuration: one remedy (or none).
type Method struct {
	Name  string
	Apply func(*adversarial.Config)
}

// methodFamilies maps a method's name, without its trailing number, to the change it makes; n is the
// number (0 if none was given) and the second result says whether the name needs one.
var methodFamilies = map[string]struct {
	needsN bool
	apply  func(c *adversarial.Config, n int)
	about  string
}{
	"gan":      {false, func(c *adversarial.Config, _ int) {}, "Algorithm 1, non-saturating G loss"},
	"pacgan":   {true, func(c *adversarial.Config, n int) { c.Pack = n }, "pacganM: D sees packs of M samples"},
	"unrolled": {true, func(c *adversarial.Config, n int) { c.Unroll = n }, "unrolledK: G steps against D unrolled K steps"},
	"mbstd":    {false, func(c *adversarial.Config, _ int) { c.MinibatchStd = true }, "D sees the batch's standard deviation"},
	"wgangp": {false, func(c *adversarial.Config, _ int) {
		c.DLoss, c.K, c.Beta1, c.Beta2 = "wgan-gp", 5, 0, 0.9
	}, "WGAN-GP: critic + gradient penalty λ=10, 5 critic steps, Adam betas (0, 0.9)"},
	"hinge": {false, func(c *adversarial.Config, _ int) { c.DLoss = "hinge" }, "hinge loss for D, -E[D(G(z))] for G"},
}

// MethodHelp lists the method names for flags and error messages.
const MethodHelp = "gan, pacganM (M >= 2), unrolledK (K >= 1), mbstd, wgangp, hinge"

// ParseMethod turns a name such as "pacgan2" or "unrolled5" into a Method.
func ParseMethod(name string) (Method, error) {
	base := strings.TrimRight(name, "0123456789")
	f, ok := methodFamilies[base]
	if !ok {
		return Method{}, fmt.Errorf("unknown method %q: use %s", name, MethodHelp)
	}
	n := 0
	if digits := name[len(base):]; digits != "" {
		if !f.needsN {
			return Method{}, fmt.Errorf("method %q takes no number: use %s", base, MethodHelp)
		}
		var err error
		if n, err = strconv.Atoi(digits); err != nil || n < 1 || n > 64 {
			return Method{}, fmt.Errorf("method %q: the number must be between 1 and 64", name)
		}
	} else if f.needsN {
		return Method{}, fmt.Errorf("method %q needs a number, as in %s2 or %s5", name, base, base)
	}
	if base == "pacgan" && n < 2 {
		return Method{}, fmt.Errorf("method %q packs fewer than 2 samples: use pacgan2 or more", name)
	}
	return Method{Name: name, Apply: func(c *adversarial.Config) { f.apply(c, n) }}, nil
}

// ParseMethods parses a comma-separated list of method names.
func ParseMethods(list string) ([]Method, error) {
	var out []Method
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		m, err := ParseMethod(name)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no method given: use a comma-separated list of %s", MethodHelp)
	}
	return out, nil
}

// Trial is one training run of one method on one seed, measured at its end.
type Trial struct {
	Method  string
	Seed    uint64
	Metrics Metrics
	Wall    time.Duration
}

// Options of a comparison.
type Options struct {
	Base    adversarial.Config // Data, steps and network; each method changes it, each trial sets the seed.
	Seeds   []uint64
	Samples int // Generated samples measured per trial (PacGAN: 2500).
	// OnTrial, if set, is called after each trial.
	OnTrial func(Trial)
}

// Compare trains every method on every seed (one after another) and measures each run's samples.
func Compare(backend backends.Backend, methods []Method, opts Options) ([]Trial, error) {
	data, err := realdata.ByName(opts.Base.Data)
	if err != nil {
		return nil, err
	}
	mix, ok := data.(*realdata.Mixture2D)
	if !ok {
		return nil, fmt.Errorf("mode metrics need a 2-D mixture (ring8 or grid25), got %q", opts.Base.Data)
	}
	var trials []Trial
	for _, m := range methods {
		for _, seed := range opts.Seeds {
			cfg := opts.Base
			m.Apply(&cfg)
			cfg.Seed = seed
			start := time.Now()
			tr, err := adversarial.New(backend, cfg)
			if err != nil {
				return trials, fmt.Errorf("method %s: %w", m.Name, err)
			}
			if err := tr.Train(); err != nil {
				return trials, fmt.Errorf("method %s, seed %d: %w", m.Name, seed, err)
			}
			samples, err := tr.Generate(opts.Samples)
			if err != nil {
				return trials, err
			}
			met, err := Measure(Means(mix), mix.SD, samples)
			if err != nil {
				return trials, err
			}
			trial := Trial{Method: m.Name, Seed: seed, Metrics: met, Wall: time.Since(start)}
			trials = append(trials, trial)
			if opts.OnTrial != nil {
				opts.OnTrial(trial)
			}
		}
	}
	return trials, nil
}

// Row is one method's line of the table: mean and sample standard deviation over seeds of each metric.
type Row struct {
	Method                 string
	Trials                 int
	Modes, ModesSD         float64
	HighQuality, HQSD      float64
	ReverseKL, ReverseKLSD float64 // +Inf if some trial had no high-quality sample.
	Wall                   time.Duration
}

// Summarise groups trials by method, in first-seen order.
func Summarise(trials []Trial) []Row {
	var order []string
	by := map[string][]Trial{}
	for _, t := range trials {
		if _, ok := by[t.Method]; !ok {
			order = append(order, t.Method)
		}
		by[t.Method] = append(by[t.Method], t)
	}
	rows := make([]Row, 0, len(order))
	for _, name := range order {
		ts := by[name]
		var modes, hq, kl []float64
		r := Row{Method: name, Trials: len(ts)}
		for _, t := range ts {
			modes = append(modes, float64(t.Metrics.Modes))
			hq = append(hq, t.Metrics.HighQuality)
			kl = append(kl, t.Metrics.ReverseKL)
			r.Wall += t.Wall
		}
		r.Modes, r.ModesSD = meanSD(modes)
		r.HighQuality, r.HQSD = meanSD(hq)
		r.ReverseKL, r.ReverseKLSD = meanSD(kl)
		rows = append(rows, r)
	}
	return rows
}

// meanSD is the mean and the sample standard deviation (0 for one value); +Inf values give +Inf for both.
func meanSD(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if math.IsInf(mean, 0) {
		return mean, math.Inf(1)
	}
	if len(x) < 2 {
		return mean, 0
	}
	for _, v := range x {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(sd / float64(len(x)-1))
}

// WriteTable writes rows as a Markdown table: mean ± sd of each metric, as PacGAN's Table 1.
func WriteTable(w io.Writer, data string, rows []Row) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | modes (max %d) | high-quality samples %% | reverse KL | seeds | wall |\n", data, maxModes(data))
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.1f ± %.1f | %.1f ± %.1f | %s ± %s | %d | %.0fs |\n", r.Method, r.Modes, r.ModesSD,
			r.HighQuality, r.HQSD, fmtKL(r.ReverseKL), fmtKL(r.ReverseKLSD), r.Trials, r.Wall.Seconds())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func fmtKL(v float64) string {
	if math.IsInf(v, 1) {
		return "inf"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func maxModes(data string) int {
	if d, err := realdata.ByName(data); err == nil {
		if m, ok := d.(*realdata.Mixture2D); ok {
			return len(m.Modes)
		}
	}
	return 0
}

// MethodNames lists the method families with what each does, sorted, for help text.
func MethodNames() []string {
	var out []string
	for n, f := range methodFamilies {
		out = append(out, fmt.Sprintf("%s: %s", n, f.about))
	}
	sort.Strings(out)
	return out
}
