package adversarial

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// N steps, save, resume in a fresh trainer, N more steps: the same weights, optimizer state and history as
// 2N steps straight (pure-Go engine, bit for bit).
func TestResumeIsExact(t *testing.T) {
	cfg := smallConfig()
	cfg.Steps = 6
	straight, err := New(backend, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := straight.Train(); err != nil {
		t.Fatal(err)
	}
	if err := straight.SaveCheckpoint(filepath.Join(t.TempDir(), "straight")); err != nil { // Saving adds /global_step.
		t.Fatal(err)
	}

	first, err := New(backend, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := first.Step(); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "checkpoint")
	if err := first.SaveCheckpoint(dir); err != nil {
		t.Fatal(err)
	}
	resumed, err := Resume(backend, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(resumed.History) != 3 {
		t.Fatalf("resumed at step %d, want 3", len(resumed.History))
	}
	if err := resumed.Train(); err != nil {
		t.Fatal(err)
	}
	want, got := snapshot(straight.Ctx), snapshot(resumed.Ctx)
	if len(got) != len(want) {
		t.Errorf("resumed run has %d variables, straight run %d", len(got), len(want))
		for n := range got {
			if _, ok := want[n]; !ok {
				t.Logf("extra: %s", n)
			}
		}
	}
	for name, w := range want {
		if !bytes.Equal(w, got[name]) {
			t.Errorf("variable %s differs after resuming", name)
		}
	}
	for i := range straight.History {
		a, b := straight.History[i], resumed.History[i]
		a.StepsPerSec, b.StepsPerSec = 0, 0
		if a != b {
			t.Errorf("step %d: straight %+v, resumed %+v", i+1, a, b)
		}
	}
}

// A checkpoint of another shape: one sentence, before any training.
func TestResumeRefusesAnotherShape(t *testing.T) {
	cfg := smallConfig()
	tr, err := New(backend, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "checkpoint")
	if err := tr.SaveCheckpoint(dir); err != nil {
		t.Fatal(err)
	}
	other := cfg
	other.Width = 8
	_, err = Resume(backend, dir, &other)
	if err == nil || !strings.Contains(err.Error(), "another model or shape") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got %v", err)
	}
	// The same refusal when the saved configuration lies about the weights (checked on the variables).
	st, _ := ReadState(dir)
	if err := Compatible(st.Config, cfg); err != nil {
		t.Errorf("same config is incompatible: %v", err)
	}
	if _, err := Resume(backend, t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "no GoGAN checkpoint") {
		t.Errorf("empty dir: got %v", err)
	}
}
