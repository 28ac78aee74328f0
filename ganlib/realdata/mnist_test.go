package realdata

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// idxBytes encodes an unsigned-byte IDX array.
func idxBytes(dims []int, data []byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0, 0, 8, byte(len(dims))})
	for _, d := range dims {
		_ = binary.Write(&b, binary.BigEndian, uint32(d))
	}
	b.Write(data)
	return b.Bytes()
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	_, _ = w.Write(b)
	_ = w.Close()
	return out.Bytes()
}

func TestReadIDX(t *testing.T) {
	raw := idxBytes([]int{2, 3}, []byte{1, 2, 3, 4, 5, 6})
	for name, in := range map[string][]byte{"plain": raw, "gzip": gz(raw)} {
		a, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(a.Dims) != 2 || a.Dims[0] != 2 || a.Dims[1] != 3 || !bytes.Equal(a.Data, []byte{1, 2, 3, 4, 5, 6}) {
			t.Errorf("%s: got %v %v", name, a.Dims, a.Data)
		}
	}
	for name, tc := range map[string]struct {
		in   []byte
		want string
	}{
		"empty":          {nil, "truncated IDX file"},
		"bad magic":      {[]byte{1, 2, 8, 1, 0, 0, 0, 1, 0}, "not an IDX file"},
		"float type":     {[]byte{0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0}, "unsupported IDX element type"},
		"short header":   {[]byte{0, 0, 8, 2, 0, 0, 0, 1}, "truncated IDX header"},
		"short data":     {idxBytes([]int{4}, []byte{1, 2}), "truncated IDX file: header announces [4] = 4 bytes of data, found 2"},
		"huge header":    {idxBytes([]int{1 << 20, 1 << 20}, nil), "too large"},
		"truncated gzip": {gz(raw)[:20], "IDX"},
	} {
		_, err := ReadIDX(bytes.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: got error %v, want one line containing %q", name, err, tc.want)
		}
	}
}

// FuzzReadIDX: no input makes ReadIDX panic, and what it accepts is consistent with its header.
func FuzzReadIDX(f *testing.F) {
	f.Add(idxBytes([]int{2, 2}, []byte{1, 2, 3, 4}))
	f.Add(gz(idxBytes([]int{3}, []byte{1, 2, 3})))
	f.Add([]byte{0, 0, 8, 3, 0, 0, 0, 1})
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		a, err := ReadIDX(bytes.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		n := 1
		for _, d := range a.Dims {
			n *= d
		}
		if n != len(a.Data) {
			t.Errorf("dims %v but %d bytes", a.Dims, len(a.Data))
		}
	})
}

// writeFakeMNIST writes four small, valid MNIST-shaped files.
func writeFakeMNIST(t *testing.T, dir string, nTrain, nTest int) {
	t.Helper()
	pix := func(n int) []byte {
		b := make([]byte, n*MNISTDim)
		for i := range b {
			b[i] = byte(i % 256)
		}
		return b
	}
	lab := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i % 10)
		}
		return b
	}
	files := map[string][]byte{
		"train-images-idx3-ubyte.gz": gz(idxBytes([]int{nTrain, 28, 28}, pix(nTrain))),
		"train-labels-idx1-ubyte.gz": gz(idxBytes([]int{nTrain}, lab(nTrain))),
		"t10k-images-idx3-ubyte.gz":  gz(idxBytes([]int{nTest, 28, 28}, pix(nTest))),
		"t10k-labels-idx1-ubyte.gz":  gz(idxBytes([]int{nTest}, lab(nTest))),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadMNISTDirAndSample(t *testing.T) {
	dir := t.TempDir()
	writeFakeMNIST(t, dir, 5, 3)
	m, err := ReadMNISTDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Train) != 5*784 || len(m.TestLabels) != 3 {
		t.Fatalf("sizes: %d %d", len(m.Train), len(m.TestLabels))
	}
	x := m.Sample(rand.New(rand.NewPCG(1, 2)), 4)
	if len(x) != 4*784 {
		t.Fatalf("sample len %d", len(x))
	}
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo != -1 || hi != 1 {
		t.Errorf("pixels span [%g, %g], want [-1, 1]", lo, hi)
	}
	// A missing file: one sentence naming it.
	os.Remove(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"))
	if _, err := ReadMNISTDir(dir); err == nil || !strings.Contains(err.Error(), "no t10k-labels-idx1-ubyte.gz there") {
		t.Errorf("got %v", err)
	}
}

// Sources are tried in order and each failure is reported; -data-dir wins over the environment.
func TestLoadMNISTSources(t *testing.T) {
	good, bad := t.TempDir(), t.TempDir()
	writeFakeMNIST(t, good, 4, 2)
	t.Setenv(EnvMNISTDir, good)
	t.Setenv("GOMODCACHE", t.TempDir())
	t.Setenv("GOPATH", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	t.Setenv("PATH", "") // No `go env` either: the module source must fail.
	m, err := LoadMNIST(MNISTSources{Dir: bad, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if m.Source != EnvMNISTDir+"="+good {
		t.Errorf("source %q", m.Source)
	}
	t.Setenv(EnvMNISTDir, "")
	_, err = LoadMNIST(MNISTSources{Dir: bad, CacheDir: bad})
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, want := range []string{"-data-dir " + bad, "cache " + bad, "Go module", "pass -data-dir"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// The download path, against a local server: a file with the wrong SHA-256 is refused and not kept.
func TestDownloadVerifies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("not mnist")) }))
	defer srv.Close()
	dir := t.TempDir()
	err := DownloadMNIST(srv.URL+"/", dir)
	if err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d files behind", len(entries))
	}
}

// The real files, from the Go module (go.mod requires it): 60k+10k images, loaded fast.
func TestRealMNIST(t *testing.T) {
	d, err := moduleDir()
	if err != nil {
		t.Skip(err)
	}
	start := time.Now()
	m, err := ReadMNISTDir(d)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read 70,000 images in %v", time.Since(start))
	if len(m.Train) != 60000*784 || len(m.Test) != 10000*784 {
		t.Fatalf("sizes %d %d", len(m.Train), len(m.Test))
	}
	if m.TrainLabels[0] != 5 || m.TestLabels[0] != 7 { // The famous first digits.
		t.Errorf("first labels %d %d, want 5 and 7", m.TrainLabels[0], m.TestLabels[0])
	}
}
