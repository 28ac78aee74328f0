package main

import (
	"os"
	"path/filepath"
	"testing"
)

// train, resume with more steps, resume with another shape (exit 2), checkpoints on the way.
func TestTrainResumeCLI(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "go")
	out := filepath.Join(t.TempDir(), "run")
	common := []string{"-data", "ring8", "-width", "8", "-depth", "1", "-batch", "16", "-quiet"}
	if rc := run(append([]string{"train", "-steps", "4", "-checkpoint-every", "2", "-out", out}, common...)); rc != 0 {
		t.Fatalf("train: exit %d", rc)
	}
	for _, f := range []string{"checkpoint/trainer.json", "losses.png", "curves.png", "history.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if rc := run([]string{"train", "-resume", out, "-steps", "6", "-quiet"}); rc != 0 {
		t.Fatalf("resume: exit %d", rc)
	}
	if rc := run([]string{"train", "-resume", out, "-steps", "8", "-width", "16", "-quiet"}); rc != 2 {
		t.Errorf("resume with another width: exit %d, want 2", rc)
	}
	if rc := run([]string{"sample", "-run", out}); rc != 2 {
		t.Errorf("sample of a 2-D run: exit %d, want 2", rc)
	}
	if rc := run([]string{"sample", "-run", t.TempDir()}); rc != 2 {
		t.Errorf("sample of an empty folder: exit %d, want 2", rc)
	}
}
