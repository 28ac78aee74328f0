// Package gantest gives ganlib's tests their engine: GoMLX's pure-Go backend unless GOMLX_BACKEND names
// another (GOMLX_BACKEND=xla:cuda go test ./... runs the gradient checks and the training tests on XLA).
// It never downloads anything.
package gantest

import (
	"os"
	"sync"

	"github.com/gogan-lab/gogan/ganlib/engine"
	"github.com/gomlx/gomlx/backends"
)

// Backend returns the tests' engine, created once per test binary.
var Backend = sync.OnceValue(func() backends.Backend {
	if os.Getenv(backends.ConfigEnvVar) == "" {
		return engine.NewPureGo()
	}
	b, _ := engine.MustNew()
	return b
})
