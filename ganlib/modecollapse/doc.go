// Package modecollapse measures mode collapse and compares the remedies for it.
//
// A generator that collapses puts all its samples on a few of the data's modes. On the 2-D toys of
// realdata (ring-8: 8 Gaussians on a circle, sd 0.01; grid-25: a 5x5 grid of Gaussians, sd 0.05) this is
// counted the way VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018) count it (Measure):
//
//	modes captured        how many modes have at least one high-quality sample nearest to them
//	% high quality        samples within 3 standard deviations of their nearest mode
//	reverse KL            KL(q ‖ uniform), q the histogram over modes of the high-quality samples
//
// The remedies are training options of adversarial.Config (see adversarial/remedies.go); Methods names
// the usual settings ("gan", "pacgan2", "unrolled5", "mbstd", "wgangp", "hinge") and Compare trains each
// method on each seed and tabulates the mean and standard deviation of every metric, in the shape of
// PacGAN's Table 1 (`gan modes` on the command line).
package modecollapse
