// Package show draws what a GAN does, as PNG files or bytes a notebook can display: real against generated
// points, and training curves. Plots are drawn with gonum/plot, offline, and written atomically.
package show

import (
	"bytes"
	"fmt"
	"image/color"
	"io"

	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colours used for the two kinds of samples everywhere in ganlib.
var (
	RealColor = color.RGBA{R: 31, G: 119, B: 180, A: 255} // blue: ① real samples
	FakeColor = color.RGBA{R: 214, G: 39, B: 40, A: 255}  // red: ③ generated samples
)

// Scatter plots 2-D real and generated points (row after row, x then y) with a legend.
func Scatter(title string, real, fake []float32) (*plot.Plot, error) {
	return Points(title, Series{"real x", real, RealColor}, Series{"generated G(z)", fake, FakeColor})
}

// Series is one set of 2-D points for Points: coordinates row after row (x then y).
type Series struct {
	Name  string
	XY    []float32
	Color color.Color
}

// Points plots sets of 2-D points, one colour each, with a legend.
func Points(title string, series ...Series) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text, p.Y.Label.Text = "x₁", "x₂"
	for _, s := range series {
		if len(s.XY)%2 != 0 {
			return nil, fmt.Errorf("scatter: %d coordinates is not a list of 2-D points", len(s.XY))
		}
		xys := make(plotter.XYs, len(s.XY)/2)
		for i := range xys {
			xys[i].X, xys[i].Y = float64(s.XY[2*i]), float64(s.XY[2*i+1])
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.Color, Radius: 1.5, Shape: draw.CircleGlyph{}}
		p.Add(sc)
		p.Legend.Add(s.Name, sc)
	}
	p.Legend.Top = true
	return p, nil
}

// Curves plots named series over training steps (e.g. D(x) and D(G(z))), with optional horizontal reference
// lines (e.g. 1/2).
func Curves(title, xLabel string, steps []float64, series map[string][]float64, order []string, refs map[string]float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xLabel
	palette := []color.Color{RealColor, FakeColor, color.RGBA{44, 160, 44, 255}, color.RGBA{148, 103, 189, 255},
		color.RGBA{255, 127, 14, 255}, color.RGBA{140, 86, 75, 255}}
	for i, name := range order {
		ys := series[name]
		xys := make(plotter.XYs, len(ys))
		for j := range ys {
			xys[j].X, xys[j].Y = steps[j], ys[j]
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, err
		}
		l.Color = palette[i%len(palette)]
		p.Add(l)
		p.Legend.Add(name, l)
	}
	for name, y := range refs {
		l, err := plotter.NewLine(plotter.XYs{{X: steps[0], Y: y}, {X: steps[len(steps)-1], Y: y}})
		if err != nil {
			return nil, err
		}
		l.Color = color.Gray{Y: 120}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		p.Legend.Add(name, l)
	}
	p.Legend.Top = true
	return p, nil
}

// PNG renders a plot as PNG bytes (e.g. for gonbui.DisplayPNG in a notebook).
func PNG(p *plot.Plot, width, height vg.Length) ([]byte, error) {
	w, err := p.WriterTo(width, height, "png")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SavePNG writes a plot to path as a PNG, atomically.
func SavePNG(p *plot.Plot, width, height vg.Length, path string) error {
	w, err := p.WriterTo(width, height, "png")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(out io.Writer) error { _, err := w.WriteTo(out); return err })
}
