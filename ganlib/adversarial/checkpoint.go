package adversarial

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context/checkpoints"
)

// StateFile is the file, inside a checkpoint folder, that holds what the variables do not: the configuration,
// the history so far, and the host-side random generators' states.
const StateFile = "trainer.json"

// State is the part of a checkpoint that lives on the host.
type State struct {
	Config   Config   `json:"config"`
	NoiseRNG []byte   `json:"noise_rng"` // The z sampler's PCG state.
	DataRNG  []byte   `json:"data_rng"`  // The real-batch sampler's PCG state.
	History  []Record `json:"history"`   // One record per step done; its length is the step count.
}

// SaveCheckpoint writes every variable (both networks' weights, both optimizers' state, the graph RNG state)
// with GoMLX's checkpoint format, and State to trainer.json, into dir. The folder is filled beside dir and
// swapped in whole, so an interrupted save leaves the previous checkpoint intact. Resume continues from it
// exactly: the same weights, after the same further steps, as a run that never stopped.
func (t *Trainer) SaveCheckpoint(dir string) error {
	noiseState, err := t.noise.State()
	if err != nil {
		return err
	}
	dataState, err := t.dataPCG.MarshalBinary()
	if err != nil {
		return err
	}
	st := State{Config: t.Config, NoiseRNG: noiseState, DataRNG: dataState, History: t.History}
	return atomicfile.ReplaceDir(dir, func(tmp string) error {
		h, err := checkpoints.Build(t.Ctx).Dir(tmp).Done()
		if err != nil {
			return err
		}
		if err := h.Save(); err != nil {
			return err
		}
		return atomicfile.Write(filepath.Join(tmp, StateFile), func(w io.Writer) error {
			return json.NewEncoder(w).Encode(st)
		})
	})
}

// ReadState reads a checkpoint's trainer.json.
func ReadState(dir string) (State, error) {
	var st State
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, fmt.Errorf("%s holds no GoGAN checkpoint (no %s)", dir, StateFile)
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("%s in %s is corrupt (%v)", StateFile, dir, err)
	}
	return st, nil
}

// Compatible returns nil if a network built with cfg can hold the weights of a checkpoint made with saved, or
// one sentence naming the first difference.
func Compatible(saved, cfg Config) error {
	for _, d := range []struct {
		what      string
		had, want any
	}{
		{"data", saved.Data, cfg.Data}, {"model", saved.Model, cfg.Model}, {"width", saved.Width, cfg.Width},
		{"depth", saved.Depth, cfg.Depth}, {"latent size", saved.LatentDim, cfg.LatentDim},
		{"pack", max(saved.Pack, 1), max(cfg.Pack, 1)}, {"minibatch std", saved.MinibatchStd, cfg.MinibatchStd},
	} {
		if d.had != d.want {
			return fmt.Errorf("the checkpoint holds a network with %s %v, not %v: another model or shape", d.what, d.had, d.want)
		}
	}
	return nil
}

// Resume rebuilds a trainer from the checkpoint in dir, with cfg (nil: the saved configuration; otherwise
// cfg must be Compatible with it, and its Steps, learning rates etc. apply from here on). Training continues
// with the step after the last one saved.
func Resume(backend backends.Backend, dir string, cfg *Config) (*Trainer, error) {
	st, err := ReadState(dir)
	if err != nil {
		return nil, err
	}
	c := st.Config
	if cfg != nil {
		if err := Compatible(st.Config, *cfg); err != nil {
			return nil, fmt.Errorf("cannot resume from %s: %v", dir, err)
		}
		c = *cfg
	}
	t, err := New(backend, c)
	if err != nil {
		return nil, err
	}
	if _, err := checkpoints.Load(t.Ctx).Dir(dir).Immediate().Done(); err != nil {
		return nil, fmt.Errorf("cannot read the checkpoint's variables in %s (%v)", dir, firstLine(err))
	}
	if err := t.noise.SetState(st.NoiseRNG); err != nil {
		return nil, fmt.Errorf("corrupt noise generator state in %s (%v)", dir, err)
	}
	if err := t.dataPCG.UnmarshalBinary(st.DataRNG); err != nil {
		return nil, fmt.Errorf("corrupt data generator state in %s (%v)", dir, err)
	}
	t.History = st.History
	// Build both networks once on a zero batch: a checkpoint whose weights do not fit fails here, not mid-run.
	if _, err := t.Discriminate(make([]float32, t.Data.Dim())); err != nil {
		return nil, fmt.Errorf("the checkpoint in %s does not fit model %q (%s)", dir, c.Model, firstLine(err))
	}
	if _, err := t.GenerateFrom(tensors.FromFlatDataAndDimensions(make([]float32, c.LatentDim), 1, c.LatentDim)); err != nil {
		return nil, fmt.Errorf("the checkpoint in %s does not fit model %q (%s)", dir, c.Model, firstLine(err))
	}
	return t, nil
}

func firstLine(err error) string {
	s := err.Error()
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
