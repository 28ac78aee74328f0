package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"github.com/gogan-lab/gogan/ganlib/internal/memstat"
	"github.com/gogan-lab/gogan/ganlib/show"
	"github.com/schollz/progressbar/v3"
	"gonum.org/v1/plot/vg"
)

// trainFlags binds the command line to an adversarial.Config.
func trainFlags(cfg *adversarial.Config) (*flag.FlagSet, *string, *bool) {
	fs := flag.NewFlagSet("gan train", flag.ContinueOnError)
	fs.StringVar(&cfg.Data, "data", cfg.Data, "real data: ring8, grid25, mix1d or mnist")
	fs.StringVar(&cfg.Model, "model", cfg.Model, "architecture of G and D: mlp, pyramid (an MLP narrowing towards D's output, for images) or conv (for -data mnist the default is conv on XLA, mlp on pure Go)")
	fs.IntVar(&cfg.Width, "width", cfg.Width, "units per hidden layer (both networks)")
	fs.IntVar(&cfg.Depth, "depth", cfg.Depth, "hidden layers (both networks)")
	fs.IntVar(&cfg.Steps, "steps", cfg.Steps, "training iterations (each: k D-steps and one G-step)")
	fs.IntVar(&cfg.K, "k", cfg.K, "discriminator steps per generator step")
	fs.IntVar(&cfg.Fuse, "fuse", cfg.Fuse, "iterations per engine call (GPU: pays the launch overhead once per N steps; same results)")
	fs.StringVar(&cfg.GLoss, "gloss", cfg.GLoss, "generator loss: minimax (log(1-D(G(z))), saturating) or nonsaturating (-log D(G(z)))")
	fs.Float64Var(&cfg.LRD, "lr-d", cfg.LRD, "discriminator learning rate (Adam)")
	fs.Float64Var(&cfg.LRG, "lr-g", cfg.LRG, "generator learning rate (Adam)")
	fs.Float64Var(&cfg.Beta1, "beta1", cfg.Beta1, "Adam beta1 (both networks)")
	fs.Float64Var(&cfg.Beta2, "beta2", cfg.Beta2, "Adam beta2 (both networks)")
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "real and noise samples per step (m)")
	fs.IntVar(&cfg.LatentDim, "latent", cfg.LatentDim, "size of the noise z")
	fs.StringVar(&cfg.Noise, "noise", cfg.Noise, "noise distribution: normal or uniform")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed: weights, noise and data batches")
	out := fs.String("out", "", "output folder (default runs/<data>)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	return fs, out, quiet
}

func train(args []string) error {
	cfg := adversarial.DefaultConfig()
	fs, out, quiet := trainFlags(&cfg)
	rf := addRunFlags(fs) // -resume, -checkpoint-every, -sample-every, -data-dir (runs.go).
	if err := parseFlags(fs, args, "gan train [flags]"); err != nil {
		return err
	}
	checkpoint, outDir, err := rf.prepare(&cfg, *out)
	if err != nil {
		return err
	}
	*out = outDir
	if err := cfg.Validate(); err != nil {
		return usagef("%v", err)
	}
	if *out == "" {
		*out = filepath.Join("runs", cfg.Data)
	}
	created, err := prepareOutDir(*out)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok && created {
			_ = os.Remove(*out) // Only removes it if still empty.
		}
	}()

	backend, info, err := engine.New()
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, info)
	t, err := startTrainer(backend, cfg, checkpoint)
	if err != nil {
		return err
	}
	startSteps := len(t.History) // Non-zero when resuming.
	var bar *progressbar.ProgressBar
	if !*quiet {
		bar = progressbar.NewOptions(max(cfg.Steps-len(t.History), 0), progressbar.OptionSetWriter(os.Stderr), progressbar.OptionShowCount(),
			progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionSetWidth(20),
			progressbar.OptionShowIts(), progressbar.OptionSetItsString("steps"), progressbar.OptionSetPredictTime(true))
		t.OnStep = func(r adversarial.Record) {
			bar.Describe(fmt.Sprintf("D(x) %.3f  D(G(z)) %.3f  loss_D %.3f  loss_G %.3f  %4.0f steps/s",
				r.DReal, r.DFake, r.LossD, r.LossG, r.StepsPerSec))
			_ = bar.Add(1)
		}
	}
	prog := rf.attach(t, *out) // After the progress bar's OnStep, which it wraps.
	if prog.err != nil {       // A bad -classifier, found before any training.
		return prog.err
	}
	start := time.Now()
	if err := t.Train(); err != nil {
		return fmt.Errorf("training stopped: %w", err)
	}
	elapsed := time.Since(start)
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(os.Stderr)
	}
	if err := prog.finish(); err != nil {
		return fmt.Errorf("could not write the run's pictures to %s (%v)", *out, err)
	}
	if err := writeRun(t, *out, info, elapsed); err != nil {
		return fmt.Errorf("could not write the run to %s (%v); check the folder's permissions and free space", *out, err)
	}
	ok = true
	s := adversarial.Summary(t.History, 100)
	fmt.Printf("trained %d steps in %.1fs (%.0f steps/s; compiling graphs took %.2fs of it); last 100 steps: D(x) %.3f, D(G(z)) %.3f, V %.3f (-log 4 = %.3f); peak RSS %.0f MiB\n",
		cfg.Steps-startSteps, elapsed.Seconds(), float64(cfg.Steps-startSteps)/elapsed.Seconds(), engine.CompileTime(backend).Seconds(),
		s.DReal, s.DFake, s.Value, -math.Log(4), memstat.PeakRSSMiB())
	fmt.Printf("wrote %s\n", *out)
	return nil
}

// prepareOutDir makes sure out is a folder we can write to, creating it if needed, before any training.
func prepareOutDir(out string) (created bool, err error) {
	st, err := os.Stat(out)
	switch {
	case err == nil && !st.IsDir():
		return false, usagef("output %s exists and is not a folder; pass -out with a folder path", out)
	case err != nil:
		if err := os.MkdirAll(out, 0o755); err != nil {
			return false, usagef("cannot create output folder %s (%v); pass -out with a writable folder", out, rootCause(err))
		}
		created = true
	}
	probe, err := os.CreateTemp(out, ".writable-*")
	if err != nil {
		if created {
			_ = os.Remove(out)
		}
		return false, usagef("cannot write to output folder %s (%v); pass -out with a writable folder", out, rootCause(err))
	}
	_ = probe.Close()
	_ = os.Remove(probe.Name())
	return created, nil
}

func rootCause(err error) error {
	var pe *os.PathError
	if errorsAs(err, &pe) {
		return pe.Err
	}
	return err
}

// runConfig is config.json: the training configuration and the engine it ran on.
type runConfig struct {
	adversarial.Config
	Engine   string  `json:"engine"`
	WallSecs float64 `json:"wall_seconds"`
}

// writeRun writes config.json, history.csv, curves.png, samples.png (2-D data) and the checkpoint, each
// atomically.
func writeRun(t *adversarial.Trainer, out string, info engine.Info, elapsed time.Duration) error {
	if err := atomicfile.Write(filepath.Join(out, "config.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(runConfig{Config: t.Config, Engine: info.Config, WallSecs: elapsed.Seconds()})
	}); err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(out, "history.csv"), func(w io.Writer) error {
		return adversarial.WriteHistoryCSV(w, t.History)
	}); err != nil {
		return err
	}
	if err := writeCurves(t, filepath.Join(out, "curves.png")); err != nil {
		return err
	}
	if t.Data.Dim() == 2 {
		real := t.Data.Sample(newRNG(t.Config.Seed), 1000)
		fake, err := t.Generate(1000)
		if err != nil {
			return err
		}
		p, err := show.Scatter(fmt.Sprintf("%s after %d steps: real (blue) vs generated (red)", t.Config.Data, len(t.History)), real, fake)
		if err != nil {
			return err
		}
		if err := show.SavePNG(p, 5*vg.Inch, 5*vg.Inch, filepath.Join(out, "samples.png")); err != nil {
			return err
		}
	}
	return t.SaveCheckpoint(filepath.Join(out, "checkpoint"))
}

// writeCurves plots D(x) and D(G(z)) over training, with the ideal 1/2.
func writeCurves(t *adversarial.Trainer, path string) error {
	n := len(t.History)
	steps, dReal, dFake := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, r := range t.History {
		steps[i], dReal[i], dFake[i] = float64(r.Step), r.DReal, r.DFake
	}
	p, err := show.Curves("the discriminator's output over training", "step", steps,
		map[string][]float64{"D(x)": smooth(dReal, 25), "D(G(z))": smooth(dFake, 25)}, []string{"D(x)", "D(G(z))"},
		map[string]float64{"1/2": 0.5})
	if err != nil {
		return err
	}
	return show.SavePNG(p, 6*vg.Inch, 3.5*vg.Inch, path)
}

// smooth is a trailing moving average over w points.
func smooth(x []float64, w int) []float64 {
	out := make([]float64, len(x))
	sum := 0.0
	for i, v := range x {
		sum += v
		if i >= w {
			sum -= x[i-w]
		}
		out[i] = sum / float64(min(i+1, w))
	}
	return out
}

var _ = strings.TrimSpace
