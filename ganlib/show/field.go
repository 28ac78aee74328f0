package show

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// grid is a square heat map over [-extent, extent]², rows from bottom (y = -extent) to top.
type grid struct {
	z      [][]float64
	extent float64
}

func (g grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64 {
	return -g.extent + 2*g.extent*float64(c)/float64(len(g.z[0])-1)
}
func (g grid) Y(r int) float64 { return -g.extent + 2*g.extent*float64(r)/float64(len(g.z)-1) }

// Arrows is a plotter of line segments with heads: from (X[i], Y[i]) by (DX[i], DY[i]) in data units.
type Arrows struct {
	X, Y, DX, DY []float64
	Color        color.Color
}

// Plot implements plot.Plotter.
func (a Arrows) Plot(c vgdraw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	style := vgdraw.LineStyle{Color: a.Color, Width: vg.Points(0.6)}
	for i := range a.X {
		x0, y0 := trX(a.X[i]), trY(a.Y[i])
		x1, y1 := trX(a.X[i]+a.DX[i]), trY(a.Y[i]+a.DY[i])
		c.StrokeLine2(style, x0, y0, x1, y1)
		dx, dy := float64(x1-x0), float64(y1-y0)
		l := math.Hypot(dx, dy)
		if l < 1 {
			continue
		}
		head := math.Min(3, l/2) / l // Two strokes of the head, 3 points long, at ±25°.
		for _, s := range []float64{1, -1} {
			ang := s * 25 * math.Pi / 180
			hx := -(dx*math.Cos(ang) - dy*math.Sin(ang)) * head
			hy := -(dx*math.Sin(ang) + dy*math.Cos(ang)) * head
			c.StrokeLine2(style, x1, y1, x1+vg.Length(hx), y1+vg.Length(hy))
		}
	}
}

// Field is GAN Lab's picture: heat (D(x) in [0,1] on a square grid over [-extent, extent]², row 0 at the
// bottom) as a blue (0, "generated") to red (1, "real") map, real points in black, generated points in
// white, and an arrow from each generated point along move (scaled so the longest is a tenth of the plane).
func Field(title string, heat [][]float64, extent float64, real, fake, move []float32) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text, p.Y.Label.Text = "x₁", "x₂"
	pal := moreland.SmoothBlueRed()
	pal.SetMin(0)
	pal.SetMax(1)
	hm := plotter.NewHeatMap(grid{heat, extent}, pal.Palette(64))
	hm.Min, hm.Max = 0, 1
	p.Add(hm)
	for _, s := range []struct {
		pts []float32
		c   color.Color
		r   vg.Length
	}{{real, color.Black, 1}, {fake, color.White, 1.3}} {
		xys := make(plotter.XYs, len(s.pts)/2)
		for i := range xys {
			xys[i].X, xys[i].Y = float64(s.pts[2*i]), float64(s.pts[2*i+1])
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = vgdraw.GlyphStyle{Color: s.c, Radius: s.r, Shape: vgdraw.CircleGlyph{}}
		p.Add(sc)
	}
	if len(move) == len(fake) && len(move) > 0 {
		longest := 0.0
		for i := 0; i < len(move); i += 2 {
			longest = math.Max(longest, math.Hypot(float64(move[i]), float64(move[i+1])))
		}
		if longest > 0 {
			scale := 0.2 * extent / longest
			a := Arrows{Color: color.RGBA{255, 230, 0, 255}}
			for i := 0; i < len(move); i += 2 {
				a.X, a.Y = append(a.X, float64(fake[i])), append(a.Y, float64(fake[i+1]))
				a.DX, a.DY = append(a.DX, scale*float64(move[i])), append(a.DY, scale*float64(move[i+1]))
			}
			p.Add(a)
		}
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -extent, extent, -extent, extent
	return p, nil
}

// Image renders plots side by side, each w wide and h high, as one image (SaveImagePNG and SaveGIF write it).
func Image(plots []*plot.Plot, w, h vg.Length) image.Image {
	c := vgimg.New(w*vg.Length(len(plots)), h)
	dc := vgdraw.New(c)
	tiles := vgdraw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Points(4)}
	row := [][]*plot.Plot{plots}
	canvases := plot.Align(row, tiles, dc)
	for i, p := range plots {
		p.Draw(canvases[0][i])
	}
	return c.Image()
}
