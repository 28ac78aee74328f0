package dynamics

import (
	"fmt"

	"github.com/gogan-lab/gogan/ganlib/adversarial"
)

// Frame is what GAN Lab shows at one step of a 2-D run.
type Frame struct {
	Step   int
	Extent float64     // The plane shown: [-Extent, Extent]².
	Heat   [][]float64 // D(x) on a res x res grid; Heat[row][col], row 0 at y = -Extent.
	Real   []float32   // Real samples, row after row.
	Fake   []float32   // Generated samples G(z).
	Move   []float32   // For each generated point, -∂loss_G/∂x: where the G step pushes it.
}

// Snapshot2D draws n real and n generated samples (n a multiple of Config.Pack), evaluates D on a res x res
// grid, and the direction each generated point is pushed in. real is the real-sample source (seeded apart
// from training's, so that the picture does not change the run).
func Snapshot2D(t *adversarial.Trainer, real []float32, res int) (Frame, error) {
	if t.Data.Dim() != 2 {
		return Frame{}, fmt.Errorf("frames need 2-D data, got %d-D %q", t.Data.Dim(), t.Data.Name())
	}
	n := len(real) / 2
	f := Frame{Step: len(t.History), Extent: t.Data.Bound(), Real: real}
	var err error
	if f.Fake, err = t.Generate(n); err != nil {
		return f, err
	}
	if f.Move, err = t.GeneratorLossGradient(f.Fake); err != nil {
		return f, err
	}
	for i := range f.Move {
		f.Move[i] = -f.Move[i]
	}
	g := Grid(-f.Extent, f.Extent, res)
	pts := make([]float32, 0, 2*res*res)
	for _, y := range g {
		for _, x := range g {
			pts = append(pts, float32(x), float32(y))
		}
	}
	d, err := t.Discriminate(pts)
	if err != nil {
		return f, err
	}
	f.Heat = make([][]float64, res)
	for r := range res {
		f.Heat[r] = make([]float64, res)
		for c := range res {
			f.Heat[r][c] = float64(d[r*res+c])
		}
	}
	return f, nil
}
