#!/usr/bin/env python3
"""Writes state_references.json: Keras-layout weights, inputs, initial states and the outputs and final states that
PyTorch (an implementation independent of Keras4J and of Keras) computes for LSTM, GRU (reset_after=True),
SimpleRNN and a bidirectional LSTM. Keras's return_state [output, h, c] is torch's (output, (h_n, c_n)). Run once
with Debian's python3-torch and python3-numpy:

  /usr/bin/python3 generate_state_references.py

Layout mapping (Keras -> torch): see torch_rnn_layout.py; in addition:
  go_backwards: torch on the reversed sequence (Keras returns the sequence in processing order).
  Bidirectional(merge_mode=None, return_sequences, return_state): torch bidirectional=True; output[..., :u] is the
        forward sequence, output[..., u:] the backward one in input order; h_n[0], c_n[0] forward, [1] backward.
"""
import json
import numpy as np
import torch
from torch_rnn_layout import f32, flat, keras_weights, make_module, set_direction

rng = np.random.RandomState(20261202)
B, T, F, U = 2, 5, 3, 4


def weights(kind):
    return keras_weights(rng, kind, F, U)


cases = {}


def single(name, kind, with_state, backwards):
    k, r, b = weights(kind)
    x = f32(rng.normal(0, 1, (B, T, F)))
    n_states = 2 if kind == 'LSTM' else 1
    init = [f32(rng.normal(0, 0.5, (B, U))) for _ in range(n_states)] if with_state else []
    m = make_module(kind, F, U)
    set_direction(m, '', kind, k, r, b, U)
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
m = make_module('LSTM', F, U, bidirectional=True)
set_direction(m, '', 'LSTM', kf, rf, bf, U)
set_direction(m, '_reverse', 'LSTM', kb, rb, bb, U)
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
