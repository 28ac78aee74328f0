package main

import "testing"

// Bad flags of `gan modes` and `gan dynamics`: one sentence on stderr, exit code 2, before any training.
func TestModesAndDynamicsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"modes", "-data", "mix1d"},
		{"modes", "-methods", "gan,vae"},
		{"modes", "-methods", "pacgan"},
		{"modes", "-methods", "pacgan3"}, // Default batch is not a multiple of 3.
		{"modes", "-seeds", "0"},
		{"modes", "extra"},
		{"dynamics", "-data", "mnist2"},
		{"dynamics", "-at", "5,x"},
		{"dynamics", "-steps", "10", "-at", "20"},
	} {
		if code := run(args); code != 2 {
			t.Errorf("gan %v: exit %d, want 2", args, code)
		}
	}
}
