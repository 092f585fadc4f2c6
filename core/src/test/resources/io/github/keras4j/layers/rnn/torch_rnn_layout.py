"""Keras-layout RNN weights in PyTorch modules, shared by generate_state_references.py and
generate_stateful_references.py (float64 modules; Debian's python3-torch and python3-numpy).

Layout mapping (Keras -> torch):
  LSTM: gate order i, f, c, o in both; weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias,
        bias_hh = 0.
  GRU (reset_after=True): Keras gate order z, r, h; torch r, z, n. bias is (2, 3u): row 0 input, row 1 recurrent.
        torch n = tanh(W_in x + b_in + r * (W_hn h + b_hn)) is Keras's reset_after candidate.
  SimpleRNN: torch nn.RNN(tanh); weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias.
"""
import numpy as np
import torch

torch.set_default_dtype(torch.float64)

GATES = {'LSTM': 4, 'GRU': 3, 'SimpleRNN': 1}


def f32(a):
    return np.asarray(a, np.float32)


def flat(a):
    return [float(v) for v in np.asarray(a, np.float64).ravel()]


def reorder_gru(m, u):
    """Keras columns [z | r | h] -> torch rows [r | z | n] (transposed where needed by the caller)."""
    return np.concatenate([m[..., u:2 * u], m[..., :u], m[..., 2 * u:]], axis=-1)


def torch_params(kind, k, r, b, u):
    """torch's (weight_ih, weight_hh, bias_ih, bias_hh) for a Keras kernel, recurrent kernel and bias."""
    if kind == 'LSTM' or kind == 'SimpleRNN':
        return k.T, r.T, b, np.zeros_like(b)
    # GRU reset_after
    return reorder_gru(k, u).T, reorder_gru(r, u).T, reorder_gru(b[0], u), reorder_gru(b[1], u)


def make_module(kind, features, units, bidirectional=False):
    cls = {'LSTM': torch.nn.LSTM, 'GRU': torch.nn.GRU, 'SimpleRNN': torch.nn.RNN}[kind]
    return cls(features, units, batch_first=True, bidirectional=bidirectional)


def set_direction(module, suffix, kind, k, r, b, units):
    """Copies Keras weights into one direction of a torch module ('' forward, '_reverse' backward)."""
    wi, wh, bi, bh = torch_params(kind, k, r, b, units)
    with torch.no_grad():
        getattr(module, 'weight_ih_l0' + suffix).copy_(torch.tensor(np.asarray(wi, np.float64)))
        getattr(module, 'weight_hh_l0' + suffix).copy_(torch.tensor(np.asarray(wh, np.float64)))
        getattr(module, 'bias_ih_l0' + suffix).copy_(torch.tensor(np.asarray(bi, np.float64)))
        getattr(module, 'bias_hh_l0' + suffix).copy_(torch.tensor(np.asarray(bh, np.float64)))


def keras_weights(rng, kind, features, units):
    """Random Keras-layout kernel, recurrent kernel and bias (GRU: a (2, 3u) bias), drawn in that order."""
    g = GATES[kind]
    k = f32(rng.uniform(-0.6, 0.6, (features, g * units)))
    r = f32(rng.uniform(-0.6, 0.6, (units, g * units)))
    b = f32(rng.uniform(-0.3, 0.3, (2, g * units) if kind == 'GRU' else (g * units,)))
    return k, r, b
