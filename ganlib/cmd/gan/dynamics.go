package main

import (
	"flag"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/dynamics"
	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gogan-lab/gogan/ganlib/show"
	"github.com/gomlx/gomlx/backends"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// dynamicsCmd trains one run and records it at chosen steps: for 1-D data Figure 1 with D* and the JSD, and
// the generator's gradient norm under the minimax and non-saturating losses; for 2-D data GAN Lab's frames.
func dynamicsCmd(args []string) error {
	cfg := adversarial.DefaultConfig()
	cfg.Data, cfg.Steps = "mix1d", 2000
	fs := flag.NewFlagSet("gan dynamics", flag.ContinueOnError)
	fs.StringVar(&cfg.Data, "data", cfg.Data, "mix1d (Figure 1, D vs D*) or ring8/grid25 (frames)")
	fs.IntVar(&cfg.Steps, "steps", cfg.Steps, "training iterations")
	fs.IntVar(&cfg.K, "k", cfg.K, "discriminator steps per generator step")
	fs.StringVar(&cfg.GLoss, "gloss", cfg.GLoss, "generator loss: minimax or nonsaturating")
	fs.Float64Var(&cfg.LRD, "lr-d", cfg.LRD, "discriminator learning rate (Adam)")
	fs.Float64Var(&cfg.LRG, "lr-g", cfg.LRG, "generator learning rate (Adam)")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	at := fs.String("at", "", "comma-separated steps to record (default: 0 and 5 more up to -steps)")
	gradSteps := fs.Int("gradnorm-steps", 300, "1-D: also train this many steps with each G loss and plot G's gradient norm (0: skip)")
	out := fs.String("out", "", "output folder (default runs/dynamics-<data>)")
	if err := parseFlags(fs, args, "gan dynamics [flags]"); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return usagef("%v", err)
	}
	data, _ := realdata.ByName(cfg.Data)
	mix1, is1D := data.(*realdata.Mixture1D)
	if !is1D && data.Dim() != 2 {
		return usagef("dynamics needs mix1d, ring8 or grid25, not %q", cfg.Data)
	}
	steps, err := parseSteps(*at, cfg.Steps)
	if err != nil {
		return usagef("%v", err)
	}
	if *gradSteps < 0 {
		return usagef("-gradnorm-steps must not be negative, got %d", *gradSteps)
	}
	if *out == "" {
		*out = filepath.Join("runs", "dynamics-"+cfg.Data)
	}
	if _, err := prepareOutDir(*out); err != nil {
		return err
	}
	backend, info, err := engine.New()
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, info)
	t, err := adversarial.New(backend, cfg)
	if err != nil {
		return err
	}
	start := time.Now()
	var plots []*plot.Plot
	var frames []image.Image
	realPts := data.Sample(newRNG(cfg.Seed), 512)
	record := func() error {
		if is1D {
			s, err := dynamics.Figure1(t, mix1, 20000, 801)
			if err != nil {
				return err
			}
			fmt.Printf("step %5d: max|D-D*| %.3f, mean|D-D*| %.4f, V(D,G) %.4f, -log4+2JSD %.4f, |V-C| %.4f, JSD %.4f\n",
				s.Step, s.MaxAbsDiff, s.MeanAbsDiff, s.V, s.C, math.Abs(s.V-s.C), s.JSD)
			p, err := s.Plot()
			if err != nil {
				return err
			}
			plots = append(plots, p)
			return nil
		}
		f, err := dynamics.Snapshot2D(t, realPts, 60)
		if err != nil {
			return err
		}
		p, err := f.Plot(cfg.Data)
		if err != nil {
			return err
		}
		img := show.Image([]*plot.Plot{p}, 5*vg.Inch, 5*vg.Inch)
		frames = append(frames, img)
		return show.SaveImagePNG(img, filepath.Join(*out, fmt.Sprintf("frame_%05d.png", f.Step)))
	}
	for _, s := range steps {
		for len(t.History) < s {
			if _, err := t.Step(); err != nil {
				return fmt.Errorf("training stopped: %w", err)
			}
		}
		if err := record(); err != nil {
			return err
		}
	}
	if is1D {
		if err := show.SaveImagePNG(show.Image(plots, 3.2*vg.Inch, 3*vg.Inch), filepath.Join(*out, "figure1.png")); err != nil {
			return err
		}
		if *gradSteps > 0 {
			if err := gradNorms(backend, cfg, *gradSteps, filepath.Join(*out, "gradnorm.png")); err != nil {
				return err
			}
		}
	} else if err := show.SaveGIF(frames, 60, filepath.Join(*out, "frames.gif")); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%.1fs)\n", *out, time.Since(start).Seconds())
	return nil
}

// gradNorms trains the same configuration with each generator loss and plots ‖∂loss_G/∂θ_G‖ over the first
// steps: the minimax loss saturates while D rejects the fakes, the non-saturating one does not.
func gradNorms(b backends.Backend, cfg adversarial.Config, steps int, path string) error {
	series := map[string][]float64{}
	var x []float64
	for _, loss := range []string{"minimax", "nonsaturating"} {
		c := cfg
		c.GLoss, c.Steps = loss, steps
		t, err := adversarial.New(b, c)
		if err != nil {
			return err
		}
		if err := t.Train(); err != nil {
			return err
		}
		x = x[:0]
		var g []float64
		for _, r := range t.History {
			x = append(x, float64(r.Step))
			g = append(g, math.Log10(r.GradNormG))
		}
		series[loss] = smooth(g, 10)
		early := adversarial.Summary(t.History[:min(50, len(t.History))], 50)
		fmt.Printf("%s: mean ‖∂loss_G/∂θ_G‖ over steps 1-50 %.4f, D(G(z)) %.3f\n", loss, early.GradNormG, early.DFake)
	}
	p, err := show.Curves("generator's gradient norm (log10), by G loss", "step", x, series, []string{"minimax", "nonsaturating"}, nil)
	if err != nil {
		return err
	}
	return show.SavePNG(p, 6*vg.Inch, 3.5*vg.Inch, path)
}

// parseSteps reads "0,100,500" (sorted, within 0..max) or makes 0 and five evenly spaced steps up to max.
func parseSteps(list string, maxStep int) ([]int, error) {
	var out []int
	if list == "" {
		for i := range 6 {
			out = append(out, maxStep*i/5)
		}
		return out, nil
	}
	for _, f := range strings.Split(list, ",") {
		s, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || s < 0 || s > maxStep {
			return nil, fmt.Errorf("-at wants steps between 0 and -steps (%d), got %q", maxStep, f)
		}
		out = append(out, s)
	}
	sort.Ints(out)
	return out, nil
}
