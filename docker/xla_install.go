//go:build ignore

// Command xla_install installs go-xla's PJRT plugins into a system library directory. The classroom image
// (docker/Dockerfile) runs it at build time, as root, from the repository root:
//
//	go run ./docker/xla_install.go [-cuda] /usr/local/lib
//
// The CPU plugin goes to /usr/local/lib/go-xla, where ganlib/engine (through go-xla) finds it; with -cuda the
// CUDA plugin and NVIDIA's libraries also go to /usr/local/lib/go-xla/nvidia. The CPU plugin comes from GitHub
// releases, the CUDA one from PyPI. On failure it prints one line, the reason, and exits with status 1.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gomlx/go-xla/pkg/installer"
)

func main() {
	cuda := flag.Bool("cuda", false, "also install the CUDA PJRT plugin and NVIDIA libraries (from PyPI)")
	flag.Parse()
	if flag.NArg() != 1 || !filepath.IsAbs(flag.Arg(0)) {
		fail(fmt.Errorf("usage: go run ./docker/xla_install.go [-cuda] /abs/lib/dir"))
	}
	dir := filepath.Join(flag.Arg(0), "go-xla")
	if err := installer.CPUAutoInstall(dir, false, installer.Quiet); err != nil {
		fail(fmt.Errorf("CPU plugin: %w", err))
	}
	if *cuda {
		if err := installer.CudaInstall("cuda13", "latest", dir, false, installer.Quiet); err != nil {
			fail(fmt.Errorf("CUDA plugin: %w", err))
		}
	}
}

func fail(err error) {
	msg := strings.Join(strings.Fields(err.Error()), " ") // One line, whatever the error holds.
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	fmt.Println(msg)
	os.Exit(1)
}
