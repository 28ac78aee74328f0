package engine

import (
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
)

// CompileTime counts every compilation of the engine's graphs, and only those.
func TestCompileTime(t *testing.T) {
	b := NewPureGo()
	if CompileTime(b) != 0 {
		t.Fatalf("compile time %v before any graph", CompileTime(b))
	}
	exec := MustNewExec(b, func(x *Node) *Node { return MulScalar(x, 2) })
	if got := exec.MustExec(float32(1.5))[0].Value().(float32); got != 3 {
		t.Fatalf("2*1.5 = %v through the wrapped engine", got)
	}
	first := CompileTime(b)
	if first <= 0 {
		t.Fatalf("compile time %v after compiling one graph", first)
	}
	exec.MustExec(float32(2)) // Same shape: no new compilation.
	if CompileTime(b) != first {
		t.Errorf("compile time changed from %v to %v without a new compilation", first, CompileTime(b))
	}
	exec.MustExec([]float32{1, 2}) // New shape: compiles again.
	if CompileTime(b) <= first {
		t.Errorf("compile time %v did not grow after a second compilation (was %v)", CompileTime(b), first)
	}
}
