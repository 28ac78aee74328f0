package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "one"); return err }); err != nil {
		t.Fatal(err)
	}
	// A failing writer leaves the old content and no temporary file behind.
	boom := errors.New("boom")
	if err := Write(p, func(w io.Writer) error { _, _ = io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Errorf("content %q, want %q", b, "one")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries left in the folder, want 1", len(entries))
	}
}

func TestReplaceDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ckpt")
	for _, content := range []string{"v1", "v2"} {
		err := ReplaceDir(dir, func(tmp string) error { return os.WriteFile(filepath.Join(tmp, "f"), []byte(content), 0o644) })
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "f")); string(b) != content {
			t.Errorf("content %q, want %q", b, content)
		}
	}
	if err := ReplaceDir(dir, func(string) error { return errors.New("fail") }); err == nil {
		t.Fatal("error lost")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "f")); string(b) != "v2" {
		t.Errorf("a failed replace changed the folder: %q", b)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("%d entries beside the folder, want 1", len(entries))
	}
}
