package memstat

import "testing"

// Holding 64 MiB of touched memory must show in the peak (the peak before may have been set by memory since
// freed, so only the level is checked).
func TestPeakRSSGrows(t *testing.T) {
	before := PeakRSSMiB()
	if before <= 0 {
		t.Fatalf("peak RSS %g MiB", before)
	}
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	after := PeakRSSMiB()
	if after < 64 || after < before { // The peak covers what is resident now, and never falls.
		t.Errorf("peak RSS %g MiB after touching 64 MiB (before %g)", after, before)
	}
	_ = buf[len(buf)-1]
}
