package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/noise"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gogan-lab/gogan/ganlib/show"
	"github.com/gomlx/gomlx/backends"
	"gonum.org/v1/plot/vg"
)

// runFlags are the flags of `gan train` about the run's files rather than the GAN: resuming, checkpoints,
// progress pictures, where MNIST is.
type runFlags struct {
	fs              *flag.FlagSet
	resume          string
	checkpointEvery int
	sampleEvery     int
	dataDir         string
	noDownload      bool
	classifier      string
}

func addRunFlags(fs *flag.FlagSet) *runFlags {
	r := &runFlags{fs: fs}
	fs.StringVar(&r.resume, "resume", "", "continue the run in this folder from its checkpoint (-steps is the new total)")
	fs.IntVar(&r.checkpointEvery, "checkpoint-every", 0, "also save a checkpoint every this many steps (0: only at the end)")
	fs.IntVar(&r.sampleEvery, "sample-every", 0, "image data: save a fixed-noise sample grid every this many steps, and a GIF of them (0: steps/20)")
	fs.StringVar(&r.dataDir, "data-dir", "", "folder with the four MNIST .gz files (otherwise: $GOGAN_MNIST_DIR, the user cache, the Go module, a download)")
	fs.BoolVar(&r.noDownload, "no-download", false, "never download MNIST")
	fs.StringVar(&r.classifier, "classifier", "", "MNIST: at every sample grid, classify 1000 generated digits with this classifier (gan classifier train) and write classes.csv and classes.png")
	return r
}

// set reports whether the flag was given on the command line.
func (r *runFlags) set(name string) bool {
	found := false
	r.fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// prepare applies the run flags to cfg before it is validated: MNIST's sources, the resumed run's saved
// configuration (flags given now override it), and the default model for images (conv on XLA, mlp on pure Go).
// It returns the checkpoint folder to resume from ("" for a fresh run) and the output folder.
func (r *runFlags) prepare(cfg *adversarial.Config, out string) (checkpoint, outDir string, err error) {
	realdata.DefaultMNISTSources = realdata.MNISTSources{Dir: r.dataDir, Download: !r.noDownload}
	outDir = out
	if r.resume != "" {
		checkpoint = checkpointDir(r.resume)
		st, err := adversarial.ReadState(checkpoint)
		if err != nil {
			return "", "", usagef("cannot resume: %v", err)
		}
		given := map[string]string{}
		r.fs.Visit(func(f *flag.Flag) { given[f.Name] = f.Value.String() })
		*cfg = st.Config
		for name, v := range given { // The flags given now override the saved configuration.
			if err := r.fs.Set(name, v); err != nil {
				return "", "", usagef("-%s %s: %v", name, v, err)
			}
		}
		if err := adversarial.Compatible(st.Config, *cfg); err != nil {
			return "", "", usagef("cannot resume from %s: %v", checkpoint, err)
		}
		if outDir == "" {
			outDir = filepath.Dir(checkpoint)
		}
		return checkpoint, outDir, nil
	}
	if !r.set("model") && cfg.Data == "mnist" {
		config, _ := engine.Choose()
		if !engine.IsPureGoConfig(config) {
			cfg.Model = "conv"
		}
	}
	return "", outDir, nil
}

// startTrainer starts a fresh trainer, or resumes one from checkpoint (a folder of this run's or another's).
func startTrainer(backend backends.Backend, cfg adversarial.Config, checkpoint string) (*adversarial.Trainer, error) {
	if checkpoint == "" {
		return adversarial.New(backend, cfg)
	}
	t, err := adversarial.Resume(backend, checkpoint, &cfg)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return t, nil
}

// progress saves checkpoints and fixed-noise sample grids while a run trains.
type progress struct {
	t       *adversarial.Trainer
	out     string
	flags   *runFlags
	shape   show.ImageShape
	isImage bool
	fixedZ  *noise.Sampler
	classes *classWatch // With -classifier: the digit histogram over training.
	err     error       // The first error met while saving; training stops at the next step boundary with it.
}

// imageShape returns the shape of a dataset's pictures, if its samples are pictures.
func imageShape(d realdata.Dataset) (show.ImageShape, bool) {
	if im, ok := d.(realdata.Images); ok {
		h, w, c := im.ImageSize()
		return show.ImageShape{H: h, W: w, C: c}, true
	}
	return show.ImageShape{}, false
}

// attach wraps t.OnStep to save checkpoints and sample grids as the run goes.
func (r *runFlags) attach(t *adversarial.Trainer, out string) *progress {
	p := &progress{t: t, out: out, flags: r}
	p.shape, p.isImage = imageShape(t.Data)
	if r.sampleEvery <= 0 {
		r.sampleEvery = max(t.Config.Steps/20, 1)
	}
	if r.classifier != "" {
		p.classes, p.err = newClassWatch(p, r.classifier)
	}
	prev := t.OnStep
	t.OnStep = func(rec adversarial.Record) {
		if prev != nil {
			prev(rec)
		}
		if p.err != nil {
			return
		}
		if r.checkpointEvery > 0 && rec.Step%r.checkpointEvery == 0 && rec.Step < t.Config.Steps {
			p.err = t.SaveCheckpoint(filepath.Join(out, "checkpoint"))
		}
		if p.isImage && rec.Step%r.sampleEvery == 0 && p.err == nil {
			p.err = p.saveGrid(rec.Step)
			if p.classes != nil && p.err == nil {
				p.err = p.classes.record(p, rec.Step)
			}
		}
	}
	return p
}

// fixedNoise is the z of every progress grid: the same 64 vectors all run long (seeded apart from training's
// noise, so drawing it changes nothing in training).
func fixedNoise(cfg adversarial.Config, n int) (*noise.Sampler, error) {
	return noise.New(noise.Distribution(cfg.Noise), cfg.LatentDim, cfg.Seed^0x66697865)
}

// grid draws G's images of the fixed noise, 8x8, each pixel scale x scale.
func (p *progress) grid(scale int) (*image.RGBA, error) {
	z, err := fixedNoise(p.t.Config, 64)
	if err != nil {
		return nil, err
	}
	x, err := p.t.GenerateFrom(z.Sample(64))
	if err != nil {
		return nil, err
	}
	return show.Grid(x, p.shape, 8, scale)
}

func (p *progress) saveGrid(step int) error {
	img, err := p.grid(2)
	if err != nil {
		return err
	}
	dir := filepath.Join(p.out, "progress")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return show.SaveImagePNG(img, filepath.Join(dir, fmt.Sprintf("step-%07d.png", step)))
}

// finish writes what a run leaves beside config.json: the loss curves, and for images a sample grid of the
// final generator and the GIF of the progress grids.
func (p *progress) finish() error {
	if p.err != nil {
		return p.err
	}
	if err := writeLosses(p.t, filepath.Join(p.out, "losses.png")); err != nil {
		return err
	}
	if !p.isImage {
		return nil
	}
	if err := p.saveGrid(len(p.t.History)); err != nil {
		return err
	}
	if p.classes != nil {
		if err := p.classes.record(p, len(p.t.History)); err != nil {
			return err
		}
		if err := p.classes.write(p.out); err != nil {
			return err
		}
	}
	img, err := p.grid(3)
	if err != nil {
		return err
	}
	if err := show.SaveImagePNG(img, filepath.Join(p.out, "samples.png")); err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(p.out, "progress", "step-*.png"))
	sort.Strings(files)
	var frames []image.Image
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return err
		}
		im, err := png.Decode(fh)
		fh.Close()
		if err != nil {
			return fmt.Errorf("progress picture %s is unreadable (%v)", f, err)
		}
		frames = append(frames, im)
	}
	return show.SaveGIF(frames, 25, filepath.Join(p.out, "progress.gif"))
}

// writeLosses plots both players' losses over training.
func writeLosses(t *adversarial.Trainer, path string) error {
	n := len(t.History)
	if n == 0 {
		return nil
	}
	steps, lossD, lossG := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, r := range t.History {
		steps[i], lossD[i], lossG[i] = float64(r.Step), r.LossD, r.LossG
	}
	w := max(n/100, 1)
	p, err := show.Curves("the players' losses over training", "step", steps,
		map[string][]float64{"loss_D": smooth(lossD, w), "loss_G": smooth(lossG, w)}, []string{"loss_D", "loss_G"}, nil)
	if err != nil {
		return err
	}
	return show.SavePNG(p, 6*vg.Inch, 3.5*vg.Inch, path)
}
