package adversarial

import (
	"github.com/gogan-lab/gogan/ganlib/internal/atomicfile"
	"github.com/gomlx/gomlx/pkg/ml/context/checkpoints"
)

// SaveCheckpoint writes every variable (both networks' weights, both optimizers' state, the RNG state) to dir
// with GoMLX's checkpoint format. The folder is filled beside dir and swapped in whole, so an interrupted save
// leaves the previous checkpoint intact.
func (t *Trainer) SaveCheckpoint(dir string) error {
	return atomicfile.ReplaceDir(dir, func(tmp string) error {
		h, err := checkpoints.Build(t.Ctx).Dir(tmp).Done()
		if err != nil {
			return err
		}
		return h.Save()
	})
}
