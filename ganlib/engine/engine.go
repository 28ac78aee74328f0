// Package engine picks the GoMLX backend that runs every GAN in ganlib, in one place.
//
// The rule, in order:
//  1. GOMLX_BACKEND, if set, is honoured as it is ("go", "xla:cpu", "xla:cuda", "xla:/abs/plugin.so").
//  2. Otherwise XLA, if a PJRT plugin (CPU or CUDA) is already installed on this machine.
//  3. Otherwise GoMLX's pure-Go backend ("simplego"): slower, but it needs nothing installed.
//
// Nothing is ever downloaded here: GoMLX's automatic PJRT install is switched off. A user who wants XLA runs
// `gan xla-install` (see Install), which is the only place ganlib asks the network for anything.
package engine

import (
	"fmt"
	"os"
	"strings"

	"github.com/gomlx/gomlx/backends"
	_ "github.com/gomlx/gomlx/backends/simplego" // The pure-Go engine, always available.
)

// PureGo is the GOMLX_BACKEND value of GoMLX's pure-Go engine.
const PureGo = "go"

// pureGoConfig is the configuration ganlib gives the pure-Go engine. GoMLX v0.26's simplego, left to run
// independent ops in parallel, can deadlock on a machine with few cores: each op holds a worker while its
// matrix product waits for more workers (seen on 2 cores, a GAN step hung for good). Running ops one after
// another, each matrix product still split across the cores, avoids it at no measurable cost here.
const pureGoConfig = PureGo + ":ops_sequential"

// Info says which engine runs and how it was chosen.
type Info struct {
	Config string // The GOMLX_BACKEND-style configuration used, e.g. "go" or "xla:cuda".
	Reason string // Why this engine: "GOMLX_BACKEND", "installed PJRT plugin" or "default".
	Name   string // The backend's own description.
}

// IsPureGo reports whether the engine is GoMLX's pure-Go backend.
func (i Info) IsPureGo() bool { return IsPureGoConfig(i.Config) }

// IsPureGoConfig reports whether a GOMLX_BACKEND-style configuration names the pure-Go backend.
func IsPureGoConfig(config string) bool {
	return config == PureGo || strings.HasPrefix(config, PureGo+":")
}

// String is the one line every ganlib program prints about its engine.
func (i Info) String() string {
	s := fmt.Sprintf("engine: %s (%s, chosen by %s)", i.Name, i.Config, i.Reason)
	if i.IsPureGo() {
		s += "; for XLA speed run `gan xla-install` (needs internet) or set GOMLX_BACKEND=xla:/path/to/pjrt_plugin.so"
	}
	return s
}

// Choose returns the engine configuration the rule above selects, without creating a backend.
func Choose() (config, reason string) {
	if v, ok := os.LookupEnv(backends.ConfigEnvVar); ok && v != "" {
		if v == PureGo {
			v = pureGoConfig // Plain "go": the pure-Go engine with ganlib's safe setting (see pureGoConfig).
		}
		return v, backends.ConfigEnvVar
	}
	if plugin := installedPlugin(); plugin != "" {
		return "xla:" + plugin, "installed PJRT plugin"
	}
	return pureGoConfig, "default"
}

// New creates the backend that Choose selects. Errors name the fix in one sentence.
func New() (backends.Backend, Info, error) {
	config, reason := Choose()
	if strings.HasPrefix(config, "xla") && !xlaCompiledIn {
		return nil, Info{}, fmt.Errorf("GOMLX_BACKEND=%q asks for XLA, but this binary was built with -tags noxla; "+
			"rebuild without that tag or set GOMLX_BACKEND=go", config)
	}
	b, err := backends.NewWithConfig(config)
	if err != nil {
		return nil, Info{}, fmt.Errorf("cannot start engine %q (%v); set GOMLX_BACKEND=go for the pure-Go engine", config, firstLine(err))
	}
	return wrap(b, IsPureGoConfig(config)), Info{Config: config, Reason: reason, Name: b.Name()}, nil
}

// MustNew is New for notebooks and examples: it panics on error.
func MustNew() (backends.Backend, Info) {
	b, info, err := New()
	if err != nil {
		panic(err)
	}
	return b, info
}

// NewPureGo always returns GoMLX's pure-Go backend: tests use it so that their numbers do not depend on the machine.
func NewPureGo() backends.Backend {
	b, err := backends.NewWithConfig(pureGoConfig)
	if err != nil {
		panic(err)
	}
	return wrap(b, true)
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
