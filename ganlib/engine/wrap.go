package engine

import (
	"sync/atomic"
	"time"

	"github.com/gomlx/gomlx/backends"
)

// wrapped is the backend every ganlib engine runs on: GoMLX's own, which also adds up the time spent
// compiling graphs (Builder.Compile) for CompileTime (on XLA that is XLA's compiler, on pure Go the building of
// the executable) and, on pure Go, computes convolutions as matrix products (conv.go). Everything else is the
// backend's own.
type wrapped struct {
	backends.Backend
	im2col       bool         // Build convolutions as matrix products (pure Go only; see conv.go).
	compileNanos atomic.Int64 // Time spent in Builder.Compile, all builders together.
	convProducts atomic.Int64 // Convolutions built as matrix products so far.
}

func wrap(b backends.Backend, pureGo bool) *wrapped { return &wrapped{Backend: b, im2col: pureGo} }

// CompileTime is the time the engine has spent compiling graphs so far (XLA's compiler on XLA; building the
// executable on pure Go), for backends made by New, MustNew or NewPureGo; 0 for any other backend.
func CompileTime(b backends.Backend) time.Duration {
	if w, ok := b.(*wrapped); ok {
		return time.Duration(w.compileNanos.Load())
	}
	return 0
}

func (w *wrapped) Builder(name string) backends.Builder {
	return &builder{Builder: w.Backend.Builder(name), w: w}
}

type builder struct {
	backends.Builder
	w *wrapped
}

func (b *builder) Compile(outputs []backends.Op, shardings []*backends.ShardingSpec) (backends.Executable, error) {
	start := time.Now()
	exec, err := b.Builder.Compile(outputs, shardings)
	b.w.compileNanos.Add(int64(time.Since(start)))
	return exec, err
}
