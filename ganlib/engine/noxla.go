//go:build !(((linux && amd64) || darwin) && !noxla)

package engine

import "errors"

const xlaCompiledIn = false

func installedPlugin() string { return "" }

// Install is not available in a binary built without XLA.
func Install() error {
	return errors.New("this binary was built without XLA (-tags noxla); rebuild without that tag to install the XLA plugin")
}
