// Package memstat reads the process's peak resident memory, which every benchmark and `gan train` report.
package memstat

import (
	"runtime"
	"syscall"
)

// PeakRSSMiB is the process's peak resident set size so far in MiB (getrusage's ru_maxrss), or -1 where the
// system cannot say. It only grows: within one test binary it covers every benchmark run before.
func PeakRSSMiB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	if runtime.GOOS == "darwin" {
		return float64(ru.Maxrss) / (1 << 20) // Bytes there.
	}
	return float64(ru.Maxrss) / 1024 // KiB on Linux.
}
