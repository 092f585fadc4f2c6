#!/usr/bin/env python3
"""Writes stateful_references.json: Keras-layout weights, an input sequence and the per-step outputs that PyTorch
(an implementation independent of Keras4J and of Keras) computes over the WHOLE sequence from zero states, for LSTM,
GRU (reset_after=True) and SimpleRNN. A stateful Keras layer (return_sequences=True) fed the first half of the
steps and then the second half in two calls must give out[:, :T/2] and then out[:, T/2:]. Run once with Debian's
python3-torch and python3-numpy:

  /usr/bin/python3 generate_stateful_references.py

Layout mapping (Keras -> torch), as generate_state_references.py:
  LSTM: gate order i, f, c, o in both; weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias,
        bias_hh = 0.
  GRU (reset_after=True): Keras gate order z, r, h; torch r, z, n. bias is (2, 3u): row 0 input, row 1 recurrent.
  SimpleRNN: torch nn.RNN(tanh); weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias.
"""
import json
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.RandomState(20261203)
B, T, F, U = 2, 6, 3, 4


def f32(a):
    return np.asarray(a, np.float32)


def flat(a):
    return [float(v) for v in np.asarray(a, np.float64).ravel()]


def reorder_gru(m, u):
    """Keras columns [z | r | h] -> torch rows [r | z | n]."""
    return np.concatenate([m[..., u:2 * u], m[..., :u], m[..., 2 * u:]], axis=-1)


cases = {}
for kind in ['LSTM', 'GRU', 'SimpleRNN']:
    g = {'LSTM': 4, 'GRU': 3, 'SimpleRNN': 1}[kind]
    k = f32(rng.uniform(-0.6, 0.6, (F, g * U)))
    r = f32(rng.uniform(-0.6, 0.6, (U, g * U)))
    b = f32(rng.uniform(-0.3, 0.3, (2, g * U) if kind == 'GRU' else (g * U,)))
    x = f32(rng.normal(0, 1, (B, T, F)))
    if kind == 'GRU':
        wi, wh, bi, bh = reorder_gru(k, U).T, reorder_gru(r, U).T, reorder_gru(b[0], U), reorder_gru(b[1], U)
    else:
        wi, wh, bi, bh = k.T, r.T, b, np.zeros_like(b)
    m = {'LSTM': torch.nn.LSTM, 'GRU': torch.nn.GRU, 'SimpleRNN': torch.nn.RNN}[kind](F, U, batch_first=True)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.tensor(np.asarray(wi, np.float64)))
        m.weight_hh_l0.copy_(torch.tensor(np.asarray(wh, np.float64)))
        m.bias_ih_l0.copy_(torch.tensor(np.asarray(bi, np.float64)))
        m.bias_hh_l0.copy_(torch.tensor(np.asarray(bh, np.float64)))
    out, _ = m(torch.tensor(x.astype(np.float64)))
    cases[kind] = {'x': flat(x), 'kernel': flat(k), 'recurrent_kernel': flat(r), 'bias': flat(b),
                   'sequence': flat(out.detach().numpy())}

with open('stateful_references.json', 'w') as f:
    json.dump({'batch': B, 'steps': T, 'features': F, 'units': U, 'cases': cases}, f)
print({k: v['sequence'][:3] for k, v in cases.items()})
