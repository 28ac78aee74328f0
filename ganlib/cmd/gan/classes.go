package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"github.com/gogan-lab/gogan/ganlib/judge"
	"github.com/gogan-lab/gogan/ganlib/noise"
	"github.com/gogan-lab/gogan/ganlib/realdata"
	"github.com/gogan-lab/gogan/ganlib/show"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"gonum.org/v1/plot/vg"
)

// classWatchSamples is how many generated digits are classified at each progress step.
const classWatchSamples = 1000

// classWatch classifies generated digits as a run trains (gan train -classifier DIR), so that collapse onto a
// few digits shows while it happens: classes.csv and classes.png.
type classWatch struct {
	clf   *judge.Classifier
	z     *tensors.Tensor // Fixed noise: the same classWatchSamples z at every step.
	steps []int
	hists [][]int
}

// newClassWatch loads the classifier for a trainer on MNIST.
func newClassWatch(p *progress, dir string) (*classWatch, error) {
	if _, ok := p.t.Data.(*realdata.MNIST); !ok {
		return nil, usagef("-classifier judges MNIST digits, but this run trains on %s", p.t.Config.Data)
	}
	clf, err := judge.LoadClassifier(p.t.Backend, dir)
	if err != nil {
		return nil, usagef("cannot load the classifier in %s (%v); train one with `gan classifier train -out %s`", dir, err, dir)
	}
	z, err := noise.New(noise.Distribution(p.t.Config.Noise), p.t.Config.LatentDim, p.t.Config.Seed^0x636c6173)
	if err != nil {
		return nil, err
	}
	return &classWatch{clf: clf, z: z.Sample(classWatchSamples)}, nil
}

// record classifies classWatchSamples generated digits at this step (once per step).
func (w *classWatch) record(p *progress, step int) error {
	if n := len(w.steps); n > 0 && w.steps[n-1] == step {
		return nil
	}
	x, err := p.t.GenerateFrom(w.z)
	if err != nil {
		return err
	}
	classes, _, err := w.clf.Predict(x)
	if err != nil {
		return err
	}
	w.steps = append(w.steps, step)
	w.hists = append(w.hists, judge.Histogram(classes, 10))
	return nil
}

// write saves classes.csv (step, count of each digit, digits covered, KL from uniform) and classes.png (the
// share of each digit over training).
func (w *classWatch) write(out string) error {
	if len(w.steps) == 0 {
		return nil
	}
	err := atomicfile.Write(filepath.Join(out, "classes.csv"), func(f io.Writer) error {
		cw := csv.NewWriter(f)
		header := []string{"step"}
		for d := range 10 {
			header = append(header, "digit_"+strconv.Itoa(d))
		}
		if err := cw.Write(append(header, "covered", "kl_from_uniform")); err != nil {
			return err
		}
		for i, h := range w.hists {
			row := []string{strconv.Itoa(w.steps[i])}
			for _, c := range h {
				row = append(row, strconv.Itoa(c))
			}
			row = append(row, strconv.Itoa(judge.Covered(h, 1)), strconv.FormatFloat(judge.KLFromUniform(h), 'g', 6, 64))
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return err
	}
	x := make([]float64, len(w.steps))
	series := map[string][]float64{}
	var order []string
	for d := range 10 {
		name := strconv.Itoa(d)
		order = append(order, name)
		for i, h := range w.hists {
			x[i] = float64(w.steps[i])
			series[name] = append(series[name], float64(h[d])/classWatchSamples)
		}
	}
	p, err := show.Curves(fmt.Sprintf("share of each digit among %d generated (1/10 = balanced)", classWatchSamples),
		"step", x, series, order, map[string]float64{"1/10": 0.1})
	if err != nil {
		return err
	}
	return show.SavePNG(p, 7*vg.Inch, 4*vg.Inch, filepath.Join(out, "classes.png"))
}
