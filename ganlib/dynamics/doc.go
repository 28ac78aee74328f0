// Package dynamics turns the lecture's claims about training into numbers and pictures.
//
// In 1-D (realdata.Mix1D, whose density is exact) Goodfellow et al.'s Figure 1 is computed rather than drawn:
// p_g is estimated from G's samples by a Gaussian kernel density estimate, the optimal discriminator
// D*(x) = p_data(x) / (p_data(x) + p_g(x)) is evaluated on a grid, and so are
//
//	V(D,G)   = ∫ p_data log D + ∫ p_g log(1 - D)          (the trained D)
//	C(G)     = -log 4 + 2·JSD(p_data ‖ p_g)                 (= V(D*, G), Theorem 1)
//
// by numerical integration (trapezoid rule). max |D - D*| and |V - C| say how close the trained D is to D*.
//
// In 2-D a Frame is what GAN Lab shows at one step: D's output over the plane, real and generated samples,
// and for each generated point x the direction -∂loss_G/∂x in which the generator's step moves it.
package dynamics
