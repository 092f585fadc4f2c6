#!/usr/bin/env python3
"""PyTorch side of BenchAnn, for side-by-side figures on the same machine (not part of the build).

The episode-4/5 workload as BenchAnn runs it: the course's synthetic clinical-trial data (2,100 ages 13-100,
min-max scaled), a 1-16-32-2 ReLU network, Adam(lr=1e-4), softmax cross-entropy, batch 10, the last 10 % held out
for validation before shuffling, the training part reshuffled every epoch, validation loss and accuracy every epoch;
one warm-up epoch, then N timed epochs. Prints ms per epoch, the final accuracies and the peak RSS, ending with
`torch_ann_ms_per_epoch=` and `peak_rss_mb=`.

Run: python3 examples/peers/pytorch_ann.py [epochs=30]   (Debian: apt-get install python3-torch)
"""
import resource
import sys
import time

import numpy as np
import torch
from torch import nn


def course_data(rng):
    samples, labels = [], []
    for _ in range(50):                       # 5 % of the young had side effects, 5 % of the old had none
        samples.append(rng.integers(13, 65)); labels.append(1)
        samples.append(rng.integers(65, 101)); labels.append(0)
    for _ in range(1000):                     # 95 % of the young had none, 95 % of the old had side effects
        samples.append(rng.integers(13, 65)); labels.append(0)
        samples.append(rng.integers(65, 101)); labels.append(1)
    x = np.array(samples, dtype=np.float32)
    y = np.array(labels, dtype=np.int64)
    order = rng.permutation(len(x))           # sklearn.utils.shuffle, as the course does
    x, y = x[order], y[order]
    x = (x - x.min()) / (x.max() - x.min())   # MinMaxScaler(feature_range=(0, 1))
    return torch.from_numpy(x.reshape(-1, 1)), torch.from_numpy(y)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    torch.manual_seed(42)
    rng = np.random.default_rng(42)
    x, y = course_data(rng)
    n_train = len(x) - int(len(x) * 0.1)      # Keras's validation_split: the last 10 % before shuffling
    xt, yt, xv, yv = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    model = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def epoch():
        model.train()
        order = torch.randperm(n_train)
        correct = 0
        for i in range(0, n_train, 10):
            idx = order[i:i + 10]
            logits = model(xt[idx])
            loss = loss_fn(logits, yt[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == yt[idx]).sum().item()
        model.eval()
        with torch.no_grad():
            val_correct, val_loss = 0, 0.0
            for i in range(0, len(xv), 10):
                logits = model(xv[i:i + 10])
                val_loss += loss_fn(logits, yv[i:i + 10]).item() * len(logits)
                val_correct += (logits.argmax(1) == yv[i:i + 10]).sum().item()
        return correct / n_train, val_correct / len(xv)

    epoch()                                   # warm-up
    times, acc = [], (0.0, 0.0)
    for _ in range(epochs):
        start = time.perf_counter()
        acc = epoch()
        times.append((time.perf_counter() - start) * 1000)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    print(f"final accuracy: {acc[0]:.4f}, val_accuracy: {acc[1]:.4f}")
    print(f"ms per epoch: mean {np.mean(times):.1f}, median {np.median(times):.1f}, min {np.min(times):.1f}")
    print(f"peak_rss_mb={rss_mb:.0f}")
    print(f"torch_ann_ms_per_epoch={np.mean(times):.1f}")


if __name__ == "__main__":
    main()
