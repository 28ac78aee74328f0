// Command gan trains and inspects GANs built with ganlib.
//
//	gan train -data ring8 -steps 2000 -out runs/ring8   train a GAN on a toy dataset
//	gan engine                                          say which engine (XLA or pure Go) would run
//	gan xla-install                                     download XLA's PJRT plugin (needs internet)
//
// Errors are one sentence on stderr and exit code 2; nothing is left half-written.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// usageError is an error whose message is the whole story: printed as is, exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usage = `gan: Generative Adversarial Networks in Go (GoGAN).

Commands:
  gan train [flags]    train a GAN (gan train -h lists the flags)
  gan engine           print which engine runs: XLA (when a PJRT plugin is installed) or pure Go
  gan xla-install      download and install XLA's PJRT plugin for this machine (needs internet)
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "train":
		err = train(args[1:])
	case "engine":
		err = engineCmd(args[1:])
	case "xla-install":
		err = xlaInstall(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return 0
	default:
		err = usagef("unknown command %q: use train, engine or xla-install (gan help lists them)", args[0])
	}
	if err == nil {
		return 0
	}
	if errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(os.Stderr, "gan %s: %s\n", args[0], oneLine(err.Error()))
	return 2
}

var errHelp = errors.New("help requested")

// oneLine keeps the first line of an error: the sentence that names the fix.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
