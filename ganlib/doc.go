// Package ganlib is GoGAN's library: Generative Adversarial Networks in Go, on GoMLX, laid out like the lecture.
//
// A GAN has two networks. The generator G turns noise z into a sample; the discriminator D is a classifier
// that says "real" (1) or "generated" (0). With G fixed, D is trained to maximise
//
//	V(D,G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))]
//
// and with D fixed, G is trained to minimise log(1 - D(G(z))). At the ideal end D(x) = 1/2 everywhere and
// the generated distribution equals the data's (Goodfellow et al. 2014).
//
// Each idea has a package of its own name:
//
//	engine/       which GoMLX backend runs (XLA when installed, pure Go otherwise)
//	noise/        samplers for z: normal and uniform, seeded
//	realdata/     what D sees as real: 1-D and 2-D toy mixtures with exact densities
//	nets/         the generator and the discriminator (MLPs), shapes in their doc comments
//	objective/    the terms of V(D,G): ② the real term, ④ the fake term, V, ⑤ the minimax and the
//	              non-saturating generator losses, all from logits and numerically stable
//	adversarial/  Goodfellow's Algorithm 1: k discriminator steps, one generator step, one Adam each,
//	              a history of every step, checkpoints
//	show/         pictures: scatter plots of real against generated points
//	cmd/gan/      the command-line tool: `gan train -data ring8`
package ganlib
