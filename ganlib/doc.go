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
//	realdata/     what D sees as real: 1-D and 2-D toy mixtures with exact densities; MNIST (IDX reader,
//	              sources: -data-dir, $GOGAN_MNIST_DIR, the user cache, the Go module, a verified download)
//	nets/         the generator and the discriminator (MLPs; a conv GAN for 28x28x1 and 32x32x3),
//	              shapes in their doc comments
//	objective/    the terms of V(D,G): ② the real term, ④ the fake term, V, ⑤ the minimax and the
//	              non-saturating generator losses, all from logits and numerically stable
//	adversarial/  Goodfellow's Algorithm 1: k discriminator steps, one generator step, one Adam each,
//	              a history of every step, checkpoints that resume exactly; remedies for mode collapse
//	              (PacGAN packing, unrolled D, minibatch standard deviation, WGAN-GP, hinge)
//	dynamics/     the lecture's claims as numbers: D against D* = p_data/(p_data+p_g), V against
//	              -log 4 + 2·JSD in 1-D (Goodfellow's Figure 1); GAN Lab-style frames in 2-D
//	modecollapse/ modes captured, % high-quality samples, reverse KL (VEEGAN, PacGAN), and a table
//	              comparing the remedies over seeds
//	judge/        how good generated digits are: an MNIST classifier, class coverage, KL from uniform,
//	              the Fréchet distance in the classifier's feature space
//	show/         pictures: scatter plots of real against generated points, image grids, GIFs
//	cmd/gan/      the command-line tool: `gan train -data ring8`, `gan modes`, `gan dynamics`, `gan sample`,
//	              `gan classifier train`, `gan eval`
package ganlib
