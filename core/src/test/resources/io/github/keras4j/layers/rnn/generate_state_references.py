#!/usr/bin/env python3
"""Writes state_references.json: Keras-layout weights, inputs, initial states and the outputs and final states that
PyTorch (an implementation independent of Keras4J and of Keras) computes for LSTM, GRU (reset_after=True),
SimpleRNN and a bidirectional LSTM. Keras's return_state [output, h, c] is torch's (output, (h_n, c_n)). Run once
with Debian's python3-torch and python3-numpy:

  /usr/bin/python3 generate_state_references.py

Layout mapping (Keras -> torch):
  LSTM: gate order i, f, c, o in both; weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias,
        bias_hh = 0.
  GRU (reset_after=True): Keras gate order z, r, h; torch r, z, n. bias is (2, 3u): row 0 input, row 1 recurrent.
        torch n = tanh(W_in x + b_in + r * (W_hn h + b_hn)) is Keras's reset_after candidate.
  SimpleRNN: torch nn.RNN(tanh); weight_ih = kernel.T, weight_hh = recurrent_kernel.T, bias_ih = bias.
  go_backwards: torch on the reversed sequence (Keras returns the sequence in processing order).
  Bidirectional(merge_mode=None, return_sequences, return_state): torch bidirectional=True; output[..., :u] is the
        forward sequence, output[..., u:] the backward one in input order; h_n[0], c_n[0] forward, [1] backward.
"""
import json
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.RandomState(20261202)
B, T, F, U = 2, 5, 3, 4


def f32(a):
    return np.asarray(a, np.float32)


def flat(a):
    return [float(v) for v in np.asarray(a, np.float64).ravel()]


def reorder_gru(m, u):
    """Keras columns [z | r | h] -> torch rows [r | z | n] (transposed where needed by the caller)."""
    return np.concatenate([m[..., u:2 * u], m[..., :u], m[..., 2 * u:]], axis=-1)


def torch_params(kind, k, r, b):
    if kind == 'LSTM' or kind == 'SimpleRNN':
        return k.T, r.T, b, np.zeros_like(b)
    # GRU reset_after
    return reorder_gru(k, U).T, reorder_gru(r, U).T, reorder_gru(b[0], U), reorder_gru(b[1], U)


def make_module(kind, bidirectional=False):
    cls = {'LSTM': torch.nn.LSTM, 'GRU': torch.nn.GRU, 'SimpleRNN': torch.nn.RNN}[kind]
    return cls(F, U, batch_first=True, bidirectional=bidirectional)


def set_direction(module, suffix, kind, k, r, b):
    wi, wh, bi, bh = torch_params(kind, k, r, b)
    with torch.no_grad():
        getattr(module, 'weight_ih_l0' + suffix).copy_(torch.tensor(np.asarray(wi, np.float64)))
        getattr(module, 'weight_hh_l0' + suffix).copy_(torch.tensor(np.asarray(wh, np.float64)))
        getattr(module, 'bias_ih_l0' + suffix).copy_(torch.tensor(np.asarray(bi, np.float64)))
        getattr(module, 'bias_hh_l0' + suffix).copy_(torch.tensor(np.asarray(bh, np.float64)))


def weights(kind):
    g = {'LSTM': 4, 'GRU': 3, 'SimpleRNN': 1}[kind]
    k = f32(rng.uniform(-0.6, 0.6, (F, g * U)))
    r = f32(rng.uniform(-0.6, 0.6, (U, g * U)))
    b = f32(rng.uniform(-0.3, 0.3, (2, g * U) if kind == 'GRU' else (g * U,)))
    return k, r, b


cases = {}


def single(name, kind, with_state, backwards):
    k, r, b = weights(kind)
    x = f32(rng.normal(0, 1, (B, T, F)))
    n_states = 2 if kind == 'LSTM' else 1
    init = [f32(rng.normal(0, 0.5, (B, U))) for _ in range(n_states)] if with_state else []
    m = make_module(kind)
    set_direction(m, '', kind, k, r, b)
    xin = torch.tensor(np.asarray(x[:, ::-1] if backwards else x, np.float64).copy())
    if with_state:
        hx = tuple(torch.tensor(np.asarray(s, np.float64))[None] for s in init)
        hx = hx if kind == 'LSTM' else hx[0]
        out, hn = m(xin, hx)
    else:
        out, hn = m(xin)
    states = [hn[0][0], hn[1][0]] if kind == 'LSTM' else [hn[0]]
    cases[name] = {
        'kind': kind, 'go_backwards': backwards, 'x': flat(x), 'x_shape': [B, T, F],
        'kernel': flat(k), 'recurrent_kernel': flat(r), 'bias': flat(b), 'bias_shape': list(b.shape),
        'initial_state': [flat(s) for s in init],
        'sequence': flat(out.detach().numpy()), 'states': [flat(s.detach().numpy()) for s in states]}


single('lstm_initial_state', 'LSTM', True, False)
single('lstm_zero_state_backwards', 'LSTM', False, True)
single('gru_initial_state', 'GRU', True, False)
single('gru_zero_state', 'GRU', False, False)
single('simple_rnn_initial_state', 'SimpleRNN', True, True)

# Bidirectional LSTM, merge_mode=None, return_sequences and return_state, with initial states.
kf, rf, bf = weights('LSTM')
kb, rb, bb = weights('LSTM')
x = f32(rng.normal(0, 1, (B, T, F)))
init = [f32(rng.normal(0, 0.5, (B, U))) for _ in range(4)]  # h_f, c_f, h_b, c_b (Keras order)
m = make_module('LSTM', bidirectional=True)
set_direction(m, '', 'LSTM', kf, rf, bf)
set_direction(m, '_reverse', 'LSTM', kb, rb, bb)
h0 = torch.tensor(np.stack([init[0], init[2]]).astype(np.float64))
c0 = torch.tensor(np.stack([init[1], init[3]]).astype(np.float64))
out, (hn, cn) = m(torch.tensor(x.astype(np.float64)), (h0, c0))
out = out.detach().numpy()
cases['bidirectional_lstm'] = {
    'kind': 'LSTM', 'x': flat(x), 'x_shape': [B, T, F],
    'forward': {'kernel': flat(kf), 'recurrent_kernel': flat(rf), 'bias': flat(bf)},
    'backward': {'kernel': flat(kb), 'recurrent_kernel': flat(rb), 'bias': flat(bb)},
    'initial_state': [flat(s) for s in init],
    'forward_sequence': flat(out[..., :U]), 'backward_sequence': flat(out[..., U:]),
    'states': [flat(hn[0].detach().numpy()), flat(cn[0].detach().numpy()), flat(hn[1].detach().numpy()),
               flat(cn[1].detach().numpy())]}

with open('state_references.json', 'w') as f:
    json.dump({'batch': B, 'steps': T, 'features': F, 'units': U, 'cases': cases}, f)
print({k: v['states'][0][:3] for k, v in cases.items()})
