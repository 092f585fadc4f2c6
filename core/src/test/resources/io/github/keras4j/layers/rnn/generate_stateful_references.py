#!/usr/bin/env python3
"""Writes stateful_references.json: Keras-layout weights, an input sequence and the per-step outputs that PyTorch
(an implementation independent of Keras4J and of Keras) computes over the WHOLE sequence from zero states, for LSTM,
GRU (reset_after=True) and SimpleRNN. A stateful Keras layer (return_sequences=True) fed the first half of the
steps and then the second half in two calls must give out[:, :T/2] and then out[:, T/2:]. Run once with Debian's
python3-torch and python3-numpy:

  /usr/bin/python3 generate_stateful_references.py

Layout mapping (Keras -> torch): see torch_rnn_layout.py.
"""
import json
import numpy as np
import torch
from torch_rnn_layout import f32, flat, keras_weights, make_module, set_direction

rng = np.random.RandomState(20261203)
B, T, F, U = 2, 6, 3, 4

cases = {}
for kind in ['LSTM', 'GRU', 'SimpleRNN']:
    k, r, b = keras_weights(rng, kind, F, U)
    x = f32(rng.normal(0, 1, (B, T, F)))
    m = make_module(kind, F, U)
    set_direction(m, '', kind, k, r, b, U)
    out, _ = m(torch.tensor(x.astype(np.float64)))
    cases[kind] = {'x': flat(x), 'kernel': flat(k), 'recurrent_kernel': flat(r), 'bias': flat(b),
                   'sequence': flat(out.detach().numpy())}

with open('stateful_references.json', 'w') as f:
    json.dump({'batch': B, 'steps': T, 'features': F, 'units': U, 'cases': cases}, f)
print({k: v['sequence'][:3] for k, v in cases.items()})
