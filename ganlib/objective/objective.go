// Package objective holds the value function of a GAN term by term:
//
//	V(D,G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))]
//	         '----②-----'   '--------④---------'
//
// ① is the real sample x and ③ the fake G(z) (they live in realdata and nets). D maximises V; G minimises
// ⑤ log(1 - D(G(z))) (the "minimax" or saturating loss), or in practice maximises log D(G(z)) (the
// "non-saturating" loss, Goodfellow 2014 §3).
//
// Every function takes the discriminator's logits l, with D(x) = sigmoid(l), never probabilities: log D =
// -softplus(-l) and log(1-D) = -softplus(l) stay finite for any logit, where log(sigmoid(l)) would give -Inf
// once sigmoid rounds to 0. Logits have shape [batch] (or [batch, 1]); every term is a mean over the batch.
package objective

import (
	"fmt"
	"sort"
	"strings"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive // GoMLX's graph DSL reads best dot-imported.
)

// D is the discriminator's output as a probability: D(x) = sigmoid(logit).
func D(logits *Node) *Node { return Sigmoid(logits) }

// LogD is log D(x) = log sigmoid(l) = -softplus(-l), elementwise and stable.
func LogD(logits *Node) *Node { return Neg(Softplus(Neg(logits))) }

// LogOneMinusD is log(1 - D(x)) = log sigmoid(-l) = -softplus(l), elementwise and stable.
func LogOneMinusD(logits *Node) *Node { return Neg(Softplus(logits)) }

// RealTerm is ②, E_x[log D(x)]: the discriminator pushes it up to 0 (D(x) -> 1) on real samples.
func RealTerm(dRealLogits *Node) *Node { return ReduceAllMean(LogD(dRealLogits)) }

// FakeTerm is ④, E_z[log(1 - D(G(z)))]: the discriminator pushes it up to 0 (D(G(z)) -> 0) on fakes.
func FakeTerm(dFakeLogits *Node) *Node { return ReduceAllMean(LogOneMinusD(dFakeLogits)) }

// Value is V(D,G) = ② + ④. Its minimum over G, with the best D, is -log 4 (Goodfellow 2014, Theorem 1).
func Value(dRealLogits, dFakeLogits *Node) *Node {
	return Add(RealTerm(dRealLogits), FakeTerm(dFakeLogits))
}

// DiscriminatorLoss is -V: minimising it is D's "maximise V" (the binary cross-entropy with labels 1 for real
// and 0 for fake, summed over the two halves).
func DiscriminatorLoss(dRealLogits, dFakeLogits *Node) *Node {
	return Neg(Value(dRealLogits, dFakeLogits))
}

// MinimaxGeneratorLoss is ⑤, E_z[log(1 - D(G(z)))], which G minimises. It saturates: when D rejects the
// fakes confidently (l << 0) its gradient with respect to l, -sigmoid(l), vanishes, so G learns slowly
// exactly when it is worst.
func MinimaxGeneratorLoss(dFakeLogits *Node) *Node { return FakeTerm(dFakeLogits) }

// NonSaturatingGeneratorLoss is -E_z[log D(G(z))]: the same fixed point as ⑤, but its gradient with respect
// to l, sigmoid(l) - 1, is largest when D rejects the fakes.
func NonSaturatingGeneratorLoss(dFakeLogits *Node) *Node { return Neg(RealTerm(dFakeLogits)) }

// GeneratorLoss names a generator loss, as the CLI's -gloss flag does.
type GeneratorLoss string

const (
	Minimax       GeneratorLoss = "minimax"
	NonSaturating GeneratorLoss = "nonsaturating"
)

// GeneratorLosses maps each generator loss's name to its function.
var GeneratorLosses = map[GeneratorLoss]func(dFakeLogits *Node) *Node{
	Minimax:       MinimaxGeneratorLoss,
	NonSaturating: NonSaturatingGeneratorLoss,
}

// GeneratorLossByName returns the named generator loss, or an error that lists the valid names.
func GeneratorLossByName(name string) (func(dFakeLogits *Node) *Node, error) {
	if f, ok := GeneratorLosses[GeneratorLoss(name)]; ok {
		return f, nil
	}
	var names []string
	for n := range GeneratorLosses {
		names = append(names, string(n))
	}
	sort.Strings(names)
	return nil, fmt.Errorf("unknown generator loss %q: use %s", name, strings.Join(names, " or "))
}
