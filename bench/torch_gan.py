#!/usr/bin/env python3
"""PyTorch reference for ganlib's default MLP GAN step (adversarial.DefaultConfig: ring8, G and D 2x64 LeakyReLU(0.2),
G output 1.5*tanh, latent 4, Adam betas (0.5, 0.999), lr_d 2e-4, lr_g 1e-3, non-saturating G loss).

One step = one D step (real + detached fake, BCE with logits) + one G step, as ganlib's Trainer.Step with k=1.
Prints one RESULT line per batch size: steps/s on the chosen device.

    python3 bench/torch_mlp_gan.py --device cuda --batch 64 256 --steps 2000
"""
import argparse
import math
import time

import torch
from torch import nn


def mlp(i, o, width=64, depth=2):
    layers, d = [], i
    for _ in range(depth):
        layers += [nn.Linear(d, width), nn.LeakyReLU(0.2)]
        d = width
    return nn.Sequential(*layers, nn.Linear(d, o))


def ring8(n, device):
    k = torch.randint(0, 8, (n,), device=device).float()
    mu = torch.stack([torch.cos(2 * math.pi * k / 8), torch.sin(2 * math.pi * k / 8)], 1)
    return mu + 0.01 * torch.randn(n, 2, device=device)


def run(device, batch, steps, warmup):
    torch.manual_seed(1)
    G, D = mlp(4, 2).to(device), mlp(2, 1).to(device)
    optD = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optG = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(batch, 1, device=device), torch.zeros(batch, 1, device=device)

    def step():
        # (1) D step: maximise log D(x) + log(1 - D(G(z))).
        x, z = ring8(batch, device), torch.randn(batch, 4, device=device)
        fake = 1.5 * torch.tanh(G(z))
        lossD = bce(D(x), ones) + bce(D(fake.detach()), zeros)
        optD.zero_grad(set_to_none=True)
        lossD.backward()
        optD.step()
        # (2) G step: minimise -log D(G(z)) (non-saturating), fresh z.
        z = torch.randn(batch, 4, device=device)
        lossG = bce(D(1.5 * torch.tanh(G(z))), ones)
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
    print(f"RESULT impl=pytorch-{torch.__version__} device={device} model=mlp batch={batch} steps={steps} "
          f"steps_per_s={steps / dt:.1f}", flush=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch", type=int, nargs="+", default=[64, 256])
    ap.add_argument("--steps", type=int, default=500)
    ap.add_argument("--warmup", type=int, default=50)
    a = ap.parse_args()
    for b in a.batch:
        run(a.device, b, a.steps, a.warmup)
