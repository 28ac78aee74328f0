package show

import (
	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Display shows a plot in a GoNB notebook cell (width and height in inches). Outside a notebook it does
// nothing and returns nil.
func Display(p *plot.Plot, widthInches, heightInches float64) error {
	if !gonbui.IsNotebook {
		return nil
	}
	b, err := PNG(p, vg.Length(widthInches)*vg.Inch, vg.Length(heightInches)*vg.Inch)
	if err != nil {
		return err
	}
	gonbui.DisplayPng(b)
	return nil
}

// DisplayPNG shows PNG bytes in a GoNB notebook cell; outside a notebook it does nothing.
func DisplayPNG(png []byte) { gonbui.DisplayPng(png) }
