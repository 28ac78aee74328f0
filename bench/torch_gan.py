#!/usr/bin/env python3
"""PyTorch reference for ganlib's training step (adversarial.BenchmarkStep), same models and step:

  mlp:  adversarial.DefaultConfig: ring8, G and D 2x64 LeakyReLU(0.2), G output 1.5*tanh, latent 4.
  pyramid: nets.Pyramid width 512 depth 2 on 28x28 images, latent 100 (the MLP of shared/reference/perfprobe):
        G 100 -> 256 -> 512 -> 784 -> tanh, D 784 -> 512 -> 256 -> 1, LeakyReLU(0.2); lr 2e-4 for both.
  conv: nets.ConvNet with C = 64 on 28x28x1, latent 64: G dense -> 7x7x128 -> up2 -> conv3x3 64 -> up2 ->
        conv3x3 1 -> tanh; D conv3x3/2 64 -> conv3x3/2 128 -> dense; LeakyReLU(0.2) throughout.
All: Adam betas (0.5, 0.999), lr_d 2e-4, lr_g 1e-3 (unless said otherwise), non-saturating G loss. One step = one D step (real +
detached fake, BCE with logits) + one G step on fresh z, as ganlib's Trainer.Step with k = 1. The data only
has to have the right shape for timing: ring8 samples for mlp, uniform noise images for the others.
Prints one RESULT line per model and batch size: steps/s on the chosen device, and the process's peak RSS so far.

    python3 bench/torch_gan.py --device cuda --model mlp conv --batch 64 256 --steps 2000
"""
import argparse
import math
import resource
import time

import torch
from torch import nn


def mlp(i, o, width=64, depth=2, widths=None):
    layers, d = [], i
    for w in widths or [width] * depth:
        layers += [nn.Linear(d, w), nn.LeakyReLU(0.2)]
        d = w
    return nn.Sequential(*layers, nn.Linear(d, o))


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def conv_nets(latent=64, c=64):
    act = lambda: nn.LeakyReLU(0.2)
    G = nn.Sequential(nn.Linear(latent, 7 * 7 * 2 * c), act(), Reshape(2 * c, 7, 7),
                      nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(2 * c, c, 3, padding=1), act(),
                      nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c, 1, 3, padding=1))
    D = nn.Sequential(nn.Conv2d(1, c, 3, stride=2, padding=1), act(), nn.Conv2d(c, 2 * c, 3, stride=2, padding=1),
                      act(), nn.Flatten(), nn.Linear(7 * 7 * 2 * c, 1))
    return G, D


def ring8(n, device):
    k = torch.randint(0, 8, (n,), device=device).float()
    mu = torch.stack([torch.cos(2 * math.pi * k / 8), torch.sin(2 * math.pi * k / 8)], 1)
    return mu + 0.01 * torch.randn(n, 2, device=device)


def run(device, model, batch, steps, warmup):
    torch.manual_seed(1)
    lr_g = 1e-3
    if model == "mlp":
        G, D, latent, bound = mlp(4, 2), mlp(2, 1), 4, 1.5
        real = lambda: ring8(batch, device)
    elif model == "pyramid":
        G, D, latent, bound = mlp(100, 784, widths=[256, 512]), mlp(784, 1, widths=[512, 256]), 100, 1.0
        real = lambda: torch.rand(batch, 784, device=device) * 2 - 1
        lr_g = 2e-4
    else:
        (G, D), latent, bound = conv_nets(), 64, 1.0
        real = lambda: torch.rand(batch, 1, 28, 28, device=device) * 2 - 1
    G, D = G.to(device), D.to(device)
    optD = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optG = torch.optim.Adam(G.parameters(), lr=lr_g, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(batch, 1, device=device), torch.zeros(batch, 1, device=device)

    def step():
        # (1) D step: maximise log D(x) + log(1 - D(G(z))).
        x, z = real(), torch.randn(batch, latent, device=device)
        fake = bound * torch.tanh(G(z))
        lossD = bce(D(x), ones) + bce(D(fake.detach()), zeros)
        optD.zero_grad(set_to_none=True)
        lossD.backward()
        optD.step()
        # (2) G step: minimise -log D(G(z)) (non-saturating), fresh z.
        z = torch.randn(batch, latent, device=device)
        lossG = bce(D(bound * torch.tanh(G(z))), ones)
        optG.zero_grad(set_to_none=True)
        lossG.backward()
        optG.step()
        return lossD, lossG

    for _ in range(warmup):
        step()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(steps):
        lossD, lossG = step()
    float(lossD)  # Synchronises.
    dt = time.perf_counter() - t
    print(f"RESULT impl=pytorch-{torch.__version__} device={device} model={model} batch={batch} steps={steps} "
          f"steps_per_s={steps / dt:.3f} peak_rss_mib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}",
          flush=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--model", nargs="+", default=["mlp"], choices=["mlp", "pyramid", "conv"])
    ap.add_argument("--batch", type=int, nargs="+", default=[64, 256])
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--warmup", type=int, default=50)
    a = ap.parse_args()
    for m in a.model:
        for b in a.batch:
            run(a.device, m, b, a.steps, a.warmup)
