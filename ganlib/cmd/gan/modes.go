package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"github.com/gogan-lab/gogan/ganlib/modecollapse"
)

// modes trains each method on each seed and prints PacGAN's Table 1 for our runs.
func modes(args []string) error {
	cfg := adversarial.DefaultConfig()
	fs := flag.NewFlagSet("gan modes", flag.ContinueOnError)
	fs.StringVar(&cfg.Data, "data", cfg.Data, "2-D mixture: ring8 or grid25")
	fs.IntVar(&cfg.Steps, "steps", cfg.Steps, "training iterations per run")
	fs.IntVar(&cfg.Width, "width", cfg.Width, "units per hidden layer (both networks)")
	fs.IntVar(&cfg.Depth, "depth", cfg.Depth, "hidden layers (both networks)")
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "samples per step (a multiple of every pacgan M)")
	fs.Float64Var(&cfg.LRD, "lr-d", cfg.LRD, "discriminator learning rate (Adam)")
	fs.Float64Var(&cfg.LRG, "lr-g", cfg.LRG, "generator learning rate (Adam)")
	fs.IntVar(&cfg.LatentDim, "latent", cfg.LatentDim, "size of the noise z")
	seeds := fs.Int("seeds", 5, "runs per method, with seeds 1..N")
	methods := fs.String("methods", "gan,pacgan2,unrolled5", "comma-separated methods: "+modecollapse.MethodHelp)
	samples := fs.Int("samples", 2500, "generated samples measured per run")
	out := fs.String("out", "", "also write the table (Markdown) to this file")
	if err := parseFlags(fs, args, "gan modes [flags]\n\nTrains each method on each seed and tabulates modes captured, % high-quality samples and reverse KL (mean ± sd).\nMethods:\n  "+strings.Join(modecollapse.MethodNames(), "\n  ")+"\n\nFlags:"); err != nil {
		return err
	}
	if cfg.Data != "ring8" && cfg.Data != "grid25" {
		return usagef("mode metrics need a 2-D mixture: pass -data ring8 or -data grid25, not %q", cfg.Data)
	}
	if *seeds < 1 || *samples < 1 {
		return usagef("-seeds and -samples must be positive, got %d and %d", *seeds, *samples)
	}
	ms, err := modecollapse.ParseMethods(*methods)
	if err != nil {
		return usagef("%v", err)
	}
	for _, m := range ms { // Every method's configuration must be valid before anything trains.
		c := cfg
		m.Apply(&c)
		if err := c.Validate(); err != nil {
			return usagef("method %s: %v", m.Name, err)
		}
	}
	backend, info, err := engine.New()
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, info)
	opts := modecollapse.Options{Base: cfg, Samples: *samples, OnTrial: func(t modecollapse.Trial) {
		fmt.Fprintf(os.Stderr, "%-10s seed %2d: %2d modes, %5.1f%% high quality, reverse KL %.3f (%.1fs)\n",
			t.Method, t.Seed, t.Metrics.Modes, t.Metrics.HighQuality, t.Metrics.ReverseKL, t.Wall.Seconds())
	}}
	for s := 1; s <= *seeds; s++ {
		opts.Seeds = append(opts.Seeds, uint64(s))
	}
	start := time.Now()
	trials, err := modecollapse.Compare(backend, ms, opts)
	if err != nil {
		return fmt.Errorf("training stopped: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "gan modes -data %s -seeds %d -steps %d -methods %s (width %d, depth %d, batch %d, %d samples; %s; %.0fs)\n\n",
		cfg.Data, *seeds, cfg.Steps, *methods, cfg.Width, cfg.Depth, cfg.Batch, *samples, info.Config, time.Since(start).Seconds())
	if err := modecollapse.WriteTable(&b, cfg.Data, modecollapse.Summarise(trials)); err != nil {
		return err
	}
	fmt.Print(b.String())
	if *out != "" {
		if err := atomicfile.Write(*out, func(w io.Writer) error { _, err := io.WriteString(w, b.String()); return err }); err != nil {
			return fmt.Errorf("could not write %s (%v); pass -out with a writable path", *out, err)
		}
	}
	return nil
}
