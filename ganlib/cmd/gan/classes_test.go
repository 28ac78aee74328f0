package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gogan-lab/gogan/ganlib/judge"
	"github.com/gogan-lab/gogan/ganlib/realdata"
)

// gan train -classifier writes the digit histogram at every sample grid: one row per step, 1000 digits each.
func TestTrainClassifierWatch(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "go")
	if _, err := realdata.LoadMNIST(realdata.MNISTSources{}); err != nil {
		t.Skipf("no MNIST here: %v", err)
	}
	clfDir := filepath.Join(t.TempDir(), "clf")
	clf, err := judge.NewClassifier(engine.NewPureGo(), 784, 1) // Untrained: the histogram only has to be counted.
	if err != nil {
		t.Fatal(err)
	}
	if err := clf.Save(clfDir); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "run")
	args := []string{"train", "-data", "mnist", "-model", "mlp", "-width", "16", "-depth", "1", "-batch", "16",
		"-steps", "4", "-sample-every", "2", "-classifier", clfDir, "-no-download", "-quiet", "-out", out}
	if rc := run(args); rc != 0 {
		t.Fatalf("train: exit %d", rc)
	}
	f, err := os.Open(filepath.Join(out, "classes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][0] != "2" || rows[2][0] != "4" {
		t.Fatalf("classes.csv rows %v, want a header and steps 2 and 4", rows)
	}
	for _, row := range rows[1:] {
		sum := 0
		for _, c := range row[1:11] {
			n, _ := strconv.Atoi(c)
			sum += n
		}
		if sum != classWatchSamples {
			t.Errorf("step %s: %d digits classified, want %d", row[0], sum, classWatchSamples)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "classes.png")); err != nil {
		t.Error(err)
	}
	// The classifier judges digits only.
	bad := []string{"train", "-data", "ring8", "-steps", "2", "-classifier", clfDir, "-quiet", "-out", filepath.Join(t.TempDir(), "r")}
	if rc := run(bad); rc != 2 {
		t.Errorf("-classifier on ring8: exit %d, want 2", rc)
	}
}
