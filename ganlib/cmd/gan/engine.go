package main

import (
	"fmt"

	"github.com/gogan-lab/gogan/ganlib/engine"
)

func engineCmd(args []string) error {
	if len(args) > 0 {
		return usagef("engine takes no arguments, got %q", args)
	}
	_, info, err := engine.New()
	if err != nil {
		return err
	}
	fmt.Println(info)
	return nil
}

func xlaInstall(args []string) error {
	if len(args) > 0 {
		return usagef("xla-install takes no arguments, got %q", args)
	}
	if err := engine.Install(); err != nil {
		return err
	}
	fmt.Println("XLA's PJRT plugin is installed; `gan engine` now reports XLA.")
	return nil
}
