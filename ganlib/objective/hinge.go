package objective

import (
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/ml/layers/activations"
)

// HingeDiscriminatorLoss is the hinge loss of Lim & Ye (2017) and Miyato et al. (2018), on raw scores l:
//
//	E_x[max(0, 1 - l(x))] + E_z[max(0, 1 + l(G(z)))]
//
// D stops pushing a real sample once its score passes 1, and a fake once its score falls below -1. G then
// minimises -E_z[l(G(z))] (WassersteinGeneratorLoss).
func HingeDiscriminatorLoss(dReal, dFake *Node) *Node {
	return Add(ReduceAllMean(activations.Relu(OneMinus(dReal))), ReduceAllMean(activations.Relu(AddScalar(dFake, 1))))
}

// HingeGeneratorLoss is -E_z[l(G(z))], the generator's side of the hinge loss.
func HingeGeneratorLoss(dFake *Node) *Node { return WassersteinGeneratorLoss(dFake) }

// DiscriminatorObjective names what D is trained on, as the CLI's -dloss flag does. With "wgan-gp" or
// "hinge" the generator's loss is -E[D(G(z))] whatever -gloss says.
type DiscriminatorObjective string

const (
	GAN    DiscriminatorObjective = "gan"     // -V(D,G): binary cross-entropy on logits (Goodfellow 2014).
	WGANGP DiscriminatorObjective = "wgan-gp" // Wasserstein critic with gradient penalty (Gulrajani 2017).
	Hinge  DiscriminatorObjective = "hinge"   // Hinge loss on scores (Lim & Ye 2017).
)

// DiscriminatorObjectives lists the valid names, for flags and error messages.
var DiscriminatorObjectives = []DiscriminatorObjective{GAN, WGANGP, Hinge}
