package show

import (
	"image"
	"image/color"
	"image/gif"
	"os"
	"path/filepath"
	"testing"
)

// Grid places each image's pixels where expected: -1 black, 1 white, borders grey.
func TestGrid(t *testing.T) {
	s := ImageShape{H: 2, W: 3, C: 1}
	px := []float32{-1, 1, -1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0} // three images
	img, err := Grid(px, s, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	// 2 columns of (3*2+2) plus 2 = 18 wide; 2 rows of (2*2+2) plus 2 = 14 high.
	if b := img.Bounds(); b.Dx() != 18 || b.Dy() != 14 {
		t.Fatalf("size %v", b)
	}
	at := func(x, y int) uint8 { return img.RGBAAt(x, y).R }
	checks := []struct {
		x, y int
		want uint8
	}{{0, 0, 128}, {2, 2, 0}, {3, 3, 0}, {4, 2, 255}, {10, 2, 255}, {2, 8, 128}, {1, 1, 128}}
	for _, c := range checks {
		if got := at(c.x, c.y); got != c.want {
			t.Errorf("pixel (%d,%d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	if _, err := Grid(px[:5], s, 2, 1); err == nil {
		t.Error("partial image accepted")
	}
	if _, err := Grid(px, ImageShape{2, 3, 2}, 2, 1); err == nil {
		t.Error("2 channels accepted")
	}
}

func TestSaveGIF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.gif")
	frames := []image.Image{}
	for _, c := range []uint8{0, 128, 255} {
		im := image.NewRGBA(image.Rect(0, 0, 4, 4))
		for i := range 16 {
			im.Set(i%4, i/4, color.Gray{Y: c})
		}
		frames = append(frames, im)
	}
	if err := SaveGIF(frames, 20, path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 3 || g.Delay[2] != 200 {
		t.Errorf("%d frames, delays %v", len(g.Image), g.Delay)
	}
	if r, _, _, _ := g.Image[2].At(1, 1).RGBA(); r>>8 != 255 {
		t.Errorf("white frame decodes to %d", r>>8)
	}
}
