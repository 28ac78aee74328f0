package show

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
)

func TestScatterPNG(t *testing.T) {
	p, err := Scatter("ring", []float32{1, 0, 0, 1, -1, 0}, []float32{0.1, 0.1})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.png")
	if err := SavePNG(p, 4*vg.Inch, 4*vg.Inch, path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 200 {
		t.Errorf("image %v too small", b)
	}
	// Some pixels carry the real and the fake colours.
	var sawReal, sawFake bool
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			sawReal = sawReal || (r>>8 == uint32(RealColor.R) && g>>8 == uint32(RealColor.G) && b>>8 == uint32(RealColor.B))
			sawFake = sawFake || (r>>8 == uint32(FakeColor.R) && g>>8 == uint32(FakeColor.G) && b>>8 == uint32(FakeColor.B))
		}
	}
	if !sawReal || !sawFake {
		t.Errorf("real colour drawn: %v, fake colour drawn: %v", sawReal, sawFake)
	}
	if _, err := Scatter("bad", []float32{1}, nil); err == nil {
		t.Error("odd coordinate count accepted")
	}
}

func TestCurvesPNG(t *testing.T) {
	p, err := Curves("D", "step", []float64{1, 2, 3}, map[string][]float64{"D(x)": {0.9, 0.7, 0.5}},
		[]string{"D(x)"}, map[string]float64{"1/2": 0.5})
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNG(p, 3*vg.Inch, 2*vg.Inch)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
}
