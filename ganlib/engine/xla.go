//go:build ((linux && amd64) || darwin) && !noxla

package engine

import (
	"fmt"

	"github.com/gomlx/go-xla/pkg/installer"
	"github.com/gomlx/gomlx/backends/xla"
)

const xlaCompiledIn = true

func init() {
	// Never download a plugin behind the user's back: GoMLX's default is to auto-install on first use.
	xla.EnableAutoInstall(false)
}

// installedPlugin returns the name of the preferred installed PJRT plugin ("cuda", "cpu", ...) or "".
func installedPlugin() string {
	if plugins := xla.GetAvailablePlugins(); len(plugins) > 0 {
		return plugins[0]
	}
	return ""
}

// Install downloads and installs the PJRT plugins for this machine (CPU, and CUDA where a GPU is seen) with
// go-xla's installer. It is the only function in ganlib that uses the network.
func Install() error {
	if err := installer.AutoInstall("", true, installer.Normal); err != nil {
		return fmt.Errorf("could not install the XLA plugin (%v); check the internet connection, or keep using the pure-Go engine", firstLine(err))
	}
	return nil
}
