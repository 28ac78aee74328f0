package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/noise"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gogan-lab/gogan/ganlib/show"
	"github.com/gomlx/gomlx/backends"
)

// checkpointDir is DIR/checkpoint when dir is a run's folder (as gan train -out writes it), else dir itself.
func checkpointDir(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, "checkpoint", adversarial.StateFile)); err == nil {
		return filepath.Join(dir, "checkpoint")
	}
	return dir
}

// openRun points MNIST at dataDir, starts the engine (printing its line) and rebuilds the trainer of a finished
// (or checkpointed) run from DIR or DIR/checkpoint.
func openRun(dir, dataDir string) (*adversarial.Trainer, backends.Backend, error) {
	realdata.DefaultMNISTSources = realdata.MNISTSources{Dir: dataDir}
	backend, info, err := engine.New()
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintln(os.Stderr, info)
	t, err := adversarial.Resume(backend, checkpointDir(dir), nil)
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	return t, backend, nil
}

// sample: gan sample -run DIR -n 64 -o grid.png
func sample(args []string) error {
	fs := flag.NewFlagSet("gan sample", flag.ContinueOnError)
	run := fs.String("run", "", "the run's folder (as written by gan train -out)")
	n := fs.Int("n", 64, "number of samples")
	out := fs.String("o", "samples.png", "output PNG")
	seed := fs.Uint64("seed", 1, "seed of the noise z")
	scale := fs.Int("scale", 2, "pixels per image pixel")
	dataDir := fs.String("data-dir", "", "folder with the four MNIST .gz files")
	if err := parseFlags(fs, args, "gan sample -run DIR [-n 64] [-o samples.png]"); err != nil {
		return err
	}
	if *run == "" || fs.NArg() > 0 {
		return usagef("gan sample needs -run DIR (a folder written by gan train) and no other arguments")
	}
	if *n <= 0 || *scale <= 0 {
		return usagef("-n and -scale must be positive")
	}
	t, _, err := openRun(*run, *dataDir)
	if err != nil {
		return err
	}
	shape, ok := imageShape(t.Data)
	if !ok {
		return usagef("the run in %s trained on %s, which is not images; gan sample draws image grids", *run, t.Config.Data)
	}
	z, err := noise.New(noise.Distribution(t.Config.Noise), t.Config.LatentDim, *seed)
	if err != nil {
		return err
	}
	x, err := t.GenerateFrom(z.Sample(*n))
	if err != nil {
		return err
	}
	img, err := show.Grid(x, shape, int(math.Ceil(math.Sqrt(float64(*n)))), *scale)
	if err != nil {
		return err
	}
	if err := show.SaveImagePNG(img, *out); err != nil {
		return fmt.Errorf("cannot write %s (%v)", *out, err)
	}
	fmt.Printf("wrote %d samples of the generator after %d steps to %s\n", *n, len(t.History), *out)
	return nil
}
