package dynamics

import (
	"fmt"

	"github.com/gogan-lab/gogan/ganlib/show"
	"gonum.org/v1/plot"
)

// Plot draws Figure 1 at this step: p_data, p_g, the trained D and the optimal D*, over x.
func (s Snapshot1D) Plot() (*plot.Plot, error) {
	return show.Curves(fmt.Sprintf("step %d: max|D-D*| %.2f", s.Step, s.MaxAbsDiff), "x", s.X,
		map[string][]float64{"p_data": s.PData, "p_g": s.PG, "D(x)": s.D, "D*(x)": s.DS},
		[]string{"p_data", "p_g", "D(x)", "D*(x)"}, nil)
}

// Plot draws the frame as GAN Lab does: D(x) as a heat map, real and generated samples, and an arrow from each
// generated point in the direction the generator's step moves it.
func (f Frame) Plot(data string) (*plot.Plot, error) {
	return show.Field(fmt.Sprintf("%s, step %d: D(x) (red = real), arrows -∂loss_G/∂x", data, f.Step),
		f.Heat, f.Extent, f.Real, f.Fake, f.Move)
}
