package adversarial

import (
	"fmt"

	"github.com/gogan-lab/gogan/ganlib/nets"
	"github.com/gogan-lab/gogan/ganlib/noise"
	"github.com/gogan-lab/gogan/ganlib/objective"
	"github.com/gogan-lab/gogan/ganlib/realdata"
)

// Config is every choice a training run makes. It is written to config.json beside the run's history.
type Config struct {
	Data      string  `json:"data"`       // A realdata name: "ring8", "grid25", "mix1d".
	Model     string  `json:"model"`      // A nets name: "mlp".
	Width     int     `json:"width"`      // Units per hidden layer, both networks.
	Depth     int     `json:"depth"`      // Hidden layers, both networks.
	Noise     string  `json:"noise"`      // "normal" or "uniform".
	LatentDim int     `json:"latent_dim"` // Size of z.
	Steps     int     `json:"steps"`      // Iterations of Algorithm 1 (each: K D-steps, one G-step).
	K         int     `json:"k"`          // Discriminator steps per generator step.
	Batch     int     `json:"batch"`      // m in Algorithm 1: real samples and noise samples per step.
	GLoss     string  `json:"gloss"`      // "minimax" (⑤) or "nonsaturating".
	LRD       float64 `json:"lr_d"`       // Discriminator's Adam learning rate.
	LRG       float64 `json:"lr_g"`       // Generator's Adam learning rate.
	Beta1     float64 `json:"beta1"`      // Adam's beta1, both networks.
	Beta2     float64 `json:"beta2"`      // Adam's beta2, both networks.
	Seed      uint64  `json:"seed"`       // Seeds the weights, the noise and the real batches.

	// Remedies for mode collapse (remedies.go). Their zero values mean "off": plain Algorithm 1.
	DLoss        string  `json:"dloss,omitempty"`         // D's objective: "gan" (-V, the default; "" too), "wgan-gp" or "hinge".
	GPWeight     float64 `json:"gp_weight,omitempty"`     // λ of WGAN-GP's gradient penalty; 0 means 10.
	Pack         int     `json:"pack,omitempty"`          // PacGAN: D sees packs of this many samples; 0 or 1: one at a time.
	Unroll       int     `json:"unroll,omitempty"`        // Unrolled GAN: G steps against D after this many look-ahead D steps.
	MinibatchStd bool    `json:"minibatch_std,omitempty"` // D also sees the batch's standard deviation (Karras 2018).

	// Fuse runs this many iterations of Algorithm 1 in one engine call (fused.go); 0 or 1: one call per step.
	// The same steps and batches, bit for bit: only the engine's per-call overhead changes.
	Fuse int `json:"fuse,omitempty"`
}

// DefaultConfig trains the ring-8 toy in about a minute on the pure-Go engine (2 cores), reaching all 8 modes
// with D(x) and D(G(z)) within about 0.12 of 1/2. D learns 5x slower than G (as in the two time-scale rule of
// Heusel et al. 2017): with equal rates D separates ring-8's sharp modes (sd 0.01) from G's blurrier ones and
// stays near D(x) = 0.74, while G collapses onto 5-6 modes (measured: see README).
func DefaultConfig() Config {
	return Config{
		Data: "ring8", Model: "mlp", Width: 64, Depth: 2,
		Noise: string(noise.Normal), LatentDim: 4,
		Steps: 6000, K: 1, Batch: 64, GLoss: string(objective.NonSaturating),
		LRD: 2e-4, LRG: 1e-3, Beta1: 0.5, Beta2: 0.999, Seed: 1,
	}
}

// Validate returns nil or one sentence that names the value to fix.
func (c Config) Validate() error {
	if _, err := realdata.ByName(c.Data); err != nil {
		return err
	}
	if _, err := nets.ByName(c.Model, nets.Shape{Width: c.Width, Depth: c.Depth}); err != nil {
		return err
	}
	if _, err := noise.New(noise.Distribution(c.Noise), c.LatentDim, 0); err != nil {
		return err
	}
	if _, err := objective.GeneratorLossByName(c.GLoss); err != nil {
		return err
	}
	if err := c.validateRemedies(); err != nil {
		return err
	}
	if c.Fuse < 0 || (c.Fuse > 1 && c.Unroll > 0) {
		return fmt.Errorf("fuse must be 0 or more, and unrolled GANs (unroll %d) run one step per call: got fuse %d", c.Unroll, c.Fuse)
	}
	for _, p := range []struct {
		name string
		v    int
	}{{"steps", c.Steps}, {"k", c.K}, {"batch", c.Batch}} {
		if p.v <= 0 {
			return fmt.Errorf("%s must be a positive integer, got %d", p.name, p.v)
		}
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"lr_d", c.LRD}, {"lr_g", c.LRG}} {
		if !(p.v > 0) {
			return fmt.Errorf("learning rate %s must be positive, got %g", p.name, p.v)
		}
	}
	for _, b := range []float64{c.Beta1, c.Beta2} {
		if !(b >= 0 && b < 1) {
			return fmt.Errorf("Adam's betas must lie in [0, 1), got %g", b)
		}
	}
	return nil
}
