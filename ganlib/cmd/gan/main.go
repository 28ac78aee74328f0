// Command gan trains and inspects GANs built with ganlib.
//
//	gan train -data ring8 -steps 2000 -out runs/ring8   train a GAN on a toy dataset
//	gan modes -data grid25 -seeds 5 -methods gan,pacgan2  mode collapse, measured, per remedy
//	gan dynamics -data mix1d -out runs/dyn1d             Figure 1 with numbers; 2-D data: frames and a GIF
//	gan sample -run runs/mnist -n 64 -o grid.png        a grid of samples from a trained image GAN
//	gan classifier train                                train the MNIST classifier gan eval judges with
//	gan eval -run runs/mnist                            classes covered, KL from uniform, Frechet distance
//	gan engine                                          say which engine (XLA or pure Go) would run
//	gan xla-install                                     download XLA's PJRT plugin (needs internet)
//
// Errors are one sentence on stderr and exit code 2; nothing is left half-written.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
  gan modes [flags]    mode collapse, measured: each remedy on each seed, PacGAN's Table 1 (gan modes -h)
  gan dynamics [flags] training dynamics: 1-D D vs D* and JSD (Figure 1), 2-D GAN-Lab frames and a GIF
  gan sample -run DIR [-n 64] [-o samples.png]   draw a grid of a trained image GAN's samples
  gan classifier train [-out runs/classifier]     train the MNIST classifier that judges generated digits
  gan eval -run DIR [-n 10000]                    class histogram, coverage, KL and Frechet distance of a run's digits
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
	case "modes":
		err = modes(args[1:])
	case "dynamics":
		err = dynamicsCmd(args[1:])
	case "sample":
		err = sample(args[1:])
	case "classifier":
		err = classifierCmd(args[1:])
	case "eval":
		err = evalCmd(args[1:])
	case "engine":
		err = engineCmd(args[1:])
	case "xla-install":
		err = xlaInstall(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Print(usage)
		return 0
	default:
		err = usagef("unknown command %q: use train, modes, dynamics, sample, classifier, eval, engine or xla-install (gan help lists them)", args[0])
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

// parseFlags parses a subcommand's flags: -h prints usageLine and the flags (errHelp, exit 0); a bad flag or a
// stray argument is one sentence (exit 2).
func parseFlags(fs *flag.FlagSet, args []string, usageLine string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(os.Stdout)
			fmt.Println("usage: " + usageLine)
			fs.PrintDefaults()
			return errHelp
		}
		return usagef("%v; run `%s -h` for the flags", err, fs.Name())
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q: flags are written -name value", fs.Arg(0))
	}
	return nil
}

// oneLine keeps the first line of an error: the sentence that names the fix.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
