package show

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/png"
	"io"

	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
)

// ImageShape is the shape of one image in a flat row of pixels: height, width, channels (1 grey, 3 RGB), in
// row-major order, channels last.
type ImageShape struct{ H, W, C int }

// Size is the number of values in one image.
func (s ImageShape) Size() int { return s.H * s.W * s.C }

// Grid lays out images (row after row of pixels in [-1, 1], each of shape s) in a grid of cols columns, with a
// 2-pixel border, each pixel drawn as a scale x scale square. Values outside [-1, 1] are clipped.
func Grid(pixels []float32, s ImageShape, cols, scale int) (*image.RGBA, error) {
	if s.H <= 0 || s.W <= 0 || (s.C != 1 && s.C != 3) {
		return nil, fmt.Errorf("grid: image shape %dx%dx%d is not grey (1 channel) or RGB (3)", s.H, s.W, s.C)
	}
	if len(pixels) == 0 || len(pixels)%s.Size() != 0 {
		return nil, fmt.Errorf("grid: %d values are not a whole number of %dx%dx%d images", len(pixels), s.H, s.W, s.C)
	}
	if cols <= 0 || scale <= 0 {
		return nil, fmt.Errorf("grid: columns (%d) and scale (%d) must be positive", cols, scale)
	}
	n := len(pixels) / s.Size()
	cols = min(cols, n)
	rows := (n + cols - 1) / cols
	const border = 2
	cw, ch := s.W*scale+border, s.H*scale+border
	img := image.NewRGBA(image.Rect(0, 0, cols*cw+border, rows*ch+border))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.Gray{Y: 128}}, image.Point{}, draw.Src)
	level := func(v float32) uint8 {
		v = (v + 1) * 127.5
		if !(v > 0) { // Also NaN.
			return 0
		}
		if v > 255 {
			return 255
		}
		return uint8(v + 0.5)
	}
	for k := range n {
		x0, y0 := border+(k%cols)*cw, border+(k/cols)*ch
		im := pixels[k*s.Size() : (k+1)*s.Size()]
		for y := range s.H {
			for x := range s.W {
				p := im[(y*s.W+x)*s.C:]
				c := color.RGBA{A: 255}
				if s.C == 1 {
					c.R = level(p[0])
					c.G, c.B = c.R, c.R
				} else {
					c.R, c.G, c.B = level(p[0]), level(p[1]), level(p[2])
				}
				draw.Draw(img, image.Rect(x0+x*scale, y0+y*scale, x0+(x+1)*scale, y0+(y+1)*scale),
					&image.Uniform{c}, image.Point{}, draw.Src)
			}
		}
	}
	return img, nil
}

// GridPNG encodes Grid's picture as PNG bytes (for a notebook's display).
func GridPNG(pixels []float32, s ImageShape, cols, scale int) ([]byte, error) {
	img, err := Grid(pixels, s, cols, scale)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SaveImagePNG writes an image to path as PNG, atomically.
func SaveImagePNG(img image.Image, path string) error {
	return atomicfile.Write(path, func(w io.Writer) error { return png.Encode(w, img) })
}

// SaveGIF writes frames (e.g. fixed-noise grids over training) as an animated GIF that loops, delay hundredths
// of a second per frame, the last frame held 2 seconds. Frames use the Plan 9 palette (greys are exact).
func SaveGIF(frames []image.Image, delay int, path string) error {
	if len(frames) == 0 {
		return fmt.Errorf("gif: no frames to write")
	}
	anim := &gif.GIF{}
	for i, f := range frames {
		p := image.NewPaletted(f.Bounds(), palette.Plan9)
		draw.Draw(p, p.Bounds(), f, f.Bounds().Min, draw.Src)
		d := delay
		if i == len(frames)-1 {
			d = max(delay, 200)
		}
		anim.Image = append(anim.Image, p)
		anim.Delay = append(anim.Delay, d)
	}
	return atomicfile.Write(path, func(w io.Writer) error { return gif.EncodeAll(w, anim) })
}
