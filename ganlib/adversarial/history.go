package adversarial

import (
	"encoding/csv"
	"io"
	"strconv"
)

// Record is what one iteration of Algorithm 1 measured. The D-side fields come from the last of its K
// discriminator steps, computed before that step's update; the G-side fields from its generator step.
type Record struct {
	Step        int     // 1-based iteration number.
	DReal       float64 // Mean D(x) over the real batch: D pushes it to 1.
	DFake       float64 // Mean D(G(z)) over the fake batch: D pushes it to 0, G to 1.
	RealTerm    float64 // ② E[log D(x)].
	FakeTerm    float64 // ④ E[log(1 - D(G(z)))].
	Value       float64 // V(D,G) = ② + ④; -log 4 at the ideal end.
	LossD       float64 // The discriminator's loss, -V.
	LossG       float64 // The loss the generator trained on (minimax ⑤ or non-saturating).
	MinimaxG    float64 // ⑤ E[log(1 - D(G(z)))] in the generator step.
	NonSatG     float64 // -E[log D(G(z))] in the generator step.
	GradNormD   float64 // ‖∂LossD/∂θ_D‖ over all of D's weights.
	GradNormG   float64 // ‖∂LossG/∂θ_G‖ over all of G's weights.
	StepsPerSec float64 // Iterations per second, measured on this one.
}

// HistoryColumns are the CSV header, in Record's field order.
var HistoryColumns = []string{"step", "d_real", "d_fake", "real_term", "fake_term", "value", "loss_d", "loss_g",
	"minimax_g", "nonsaturating_g", "grad_norm_d", "grad_norm_g", "steps_per_s"}

func (r Record) fields() []float64 {
	return []float64{r.DReal, r.DFake, r.RealTerm, r.FakeTerm, r.Value, r.LossD, r.LossG,
		r.MinimaxG, r.NonSatG, r.GradNormD, r.GradNormG, r.StepsPerSec}
}

// WriteHistoryCSV writes the header and one row per record.
func WriteHistoryCSV(w io.Writer, history []Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(HistoryColumns); err != nil {
		return err
	}
	row := make([]string, len(HistoryColumns))
	for _, r := range history {
		row[0] = strconv.Itoa(r.Step)
		for i, v := range r.fields() {
			row[i+1] = strconv.FormatFloat(v, 'g', 8, 64)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Summary averages the last n records (all if fewer): the figures a run reports at its end.
func Summary(history []Record, n int) Record {
	if n > len(history) {
		n = len(history)
	}
	var s Record
	if n == 0 {
		return s
	}
	tail := history[len(history)-n:]
	for _, r := range tail {
		s.DReal += r.DReal
		s.DFake += r.DFake
		s.RealTerm += r.RealTerm
		s.FakeTerm += r.FakeTerm
		s.Value += r.Value
		s.LossD += r.LossD
		s.LossG += r.LossG
		s.MinimaxG += r.MinimaxG
		s.NonSatG += r.NonSatG
		s.GradNormD += r.GradNormD
		s.GradNormG += r.GradNormG
		s.StepsPerSec += r.StepsPerSec
	}
	f := 1 / float64(n)
	s.Step = tail[len(tail)-1].Step
	s.DReal, s.DFake, s.RealTerm, s.FakeTerm, s.Value = s.DReal*f, s.DFake*f, s.RealTerm*f, s.FakeTerm*f, s.Value*f
	s.LossD, s.LossG, s.MinimaxG, s.NonSatG = s.LossD*f, s.LossG*f, s.MinimaxG*f, s.NonSatG*f
	s.GradNormD, s.GradNormG, s.StepsPerSec = s.GradNormD*f, s.GradNormG*f, s.StepsPerSec*f
	return s
}
