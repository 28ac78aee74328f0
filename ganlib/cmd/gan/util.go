package main

import (
	"errors"
	"math/rand/v2"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// newRNG is the generator for the real points drawn in the pictures: seeded, apart from training's.
func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x73686f77)) }
