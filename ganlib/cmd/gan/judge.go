package main

import (
	"flag"
	"fmt"
	"os"

	"time"

	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/judge"
	"github.com/gogan-lab/gogan/ganlib/noise"
	"github.com/gogan-lab/gogan/ganlib/realdata"
)

const defaultClassifierDir = "runs/classifier"

// classifierCmd: gan classifier train [-out runs/classifier] [-epochs 4]
func classifierCmd(args []string) error {
	if len(args) == 0 || args[0] != "train" {
		return usagef("use `gan classifier train [-out DIR] [-epochs N]`")
	}
	fs := flag.NewFlagSet("gan classifier train", flag.ContinueOnError)
	out := fs.String("out", defaultClassifierDir, "folder to save the classifier in")
	epochs := fs.Int("epochs", 4, "passes over the 60,000 training digits")
	batch := fs.Int("batch", 100, "images per Adam step")
	seed := fs.Uint64("seed", 1, "random seed")
	dataDir := fs.String("data-dir", "", "folder with the four MNIST .gz files")
	from := fs.String("from", "", "continue training the classifier saved in this folder")
	lr := fs.Float64("lr", 0, "Adam's learning rate (0: 1e-3 for a new classifier, the saved one's with -from)")
	if err := parseFlags(fs, args[1:], "gan classifier train [flags]"); err != nil {
		return err
	}
	if *epochs <= 0 || *batch <= 0 {
		return usagef("-epochs and -batch must be positive")
	}
	m, err := realdata.LoadMNIST(realdata.MNISTSources{Dir: *dataDir, Download: true})
	if err != nil {
		return usagef("%v", err)
	}
	backend, info, err := engine.New()
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, info)
	c, err := judge.NewClassifier(backend, realdata.MNISTDim, int64(*seed))
	if *from != "" {
		c, err = judge.LoadClassifier(backend, *from)
	}
	if err != nil {
		return usagef("%v", err)
	}
	if *lr > 0 {
		if *from == "" {
			judge.ClassifierLR = *lr
			if c, err = judge.NewClassifier(backend, realdata.MNISTDim, int64(*seed)); err != nil {
				return err
			}
		}
		c.SetLearningRate(*lr)
	}
	start := time.Now()
	err = c.Train(m, *epochs, *batch, *seed, func(e int, loss float64) {
		fmt.Fprintf(os.Stderr, "epoch %d: mean loss %.4f (%.0fs)\n", e, loss, time.Since(start).Seconds())
	})
	if err != nil {
		return fmt.Errorf("training stopped: %w", err)
	}
	acc, err := c.Accuracy(m)
	if err != nil {
		return err
	}
	if err := c.Save(*out); err != nil {
		return fmt.Errorf("could not save the classifier to %s (%v)", *out, err)
	}
	fmt.Printf("trained %d epochs in %.0fs; test accuracy %.2f%% (10,000 test digits); saved to %s\n",
		*epochs, time.Since(start).Seconds(), 100*acc, *out)
	return nil
}

// evalCmd: gan eval -run DIR [-classifier runs/classifier] [-n 10000]
func evalCmd(args []string) error {
	fs := flag.NewFlagSet("gan eval", flag.ContinueOnError)
	run := fs.String("run", "", "the run's folder (as written by gan train -out)")
	clf := fs.String("classifier", defaultClassifierDir, "classifier folder (gan classifier train)")
	n := fs.Int("n", 10000, "digits to generate")
	seed := fs.Uint64("seed", 2, "seed of the noise z")
	dataDir := fs.String("data-dir", "", "folder with the four MNIST .gz files")
	if err := parseFlags(fs, args, "gan eval -run DIR [flags]"); err != nil {
		return err
	}
	if *run == "" || *n < 2 {
		return usagef("gan eval needs -run DIR (a folder written by gan train) and -n of at least 2")
	}
	t, backend, err := openRun(*run, *dataDir)
	if err != nil {
		return err
	}
	m, ok := t.Data.(*realdata.MNIST)
	if !ok {
		return usagef("the run in %s trained on %s; gan eval judges MNIST digits", *run, t.Config.Data)
	}
	c, err := judge.LoadClassifier(backend, *clf)
	if err != nil {
		return usagef("%v", err)
	}
	z, err := noise.New(noise.Distribution(t.Config.Noise), t.Config.LatentDim, *seed)
	if err != nil {
		return err
	}
	var fake []float32
	for len(fake) < *n*realdata.MNISTDim {
		b := min(1000, *n-len(fake)/realdata.MNISTDim)
		x, err := t.GenerateFrom(z.Sample(b))
		if err != nil {
			return err
		}
		fake = append(fake, x...)
	}
	nTest := min(*n, len(m.TestLabels))
	test, _ := m.Images(true, 0, nTest)
	train, _ := m.Images(false, 0, min(*n, len(m.TrainLabels)))
	figures := func(name string, images []float32, ref judge.Gaussian) (judge.Gaussian, error) {
		classes, feats, err := c.Predict(images)
		if err != nil {
			return judge.Gaussian{}, err
		}
		g, err := judge.Fit(feats, judge.FeatureDim)
		if err != nil {
			return g, err
		}
		h := judge.Histogram(classes, realdata.MNISTClasses)
		line := fmt.Sprintf("%-26s classes %v  covered %2d/10  KL(p||uniform) %.4f", name, h, judge.Covered(h, 1), judge.KLFromUniform(h))
		if ref.Mean != nil {
			fd, err := judge.Frechet(g, ref)
			if err != nil {
				return g, err
			}
			line += fmt.Sprintf("  FD to test %.3f", fd)
		}
		fmt.Println(line)
		return g, nil
	}
	fmt.Printf("run %s after %d steps; %d samples each; Fréchet distance in the classifier's %d-d feature space\n",
		*run, len(t.History), *n, judge.FeatureDim)
	ref, err := figures(fmt.Sprintf("real test digits (%d)", nTest), test, judge.Gaussian{})
	if err != nil {
		return err
	}
	if _, err := figures(fmt.Sprintf("real train digits (%d)", len(train)/realdata.MNISTDim), train, ref); err != nil {
		return err
	}
	if _, err := figures(fmt.Sprintf("generated (%d)", *n), fake, ref); err != nil {
		return err
	}
	return nil
}
