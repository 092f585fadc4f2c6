#!/usr/bin/env python3
"""Writes rnn_references.json: fixed inputs and the outputs an independent NumPy forward pass
(/work/shared/tools/keras_numpy_forward.py, float64) computes for the sequence fixtures in
../shared/fixtures/keras/byom. Run once with Debian's python3-numpy and python3-h5py:

  /usr/bin/python3 generate_rnn_references.py /work/shared/tools /work/shared/fixtures/keras/byom
"""
import json, sys
import numpy as np

sys.path.insert(0, sys.argv[1])
import keras_numpy_forward as knf

byom = sys.argv[2]
rng = np.random.RandomState(20261202)
cases = {}

def add(name, x):
    model, _ = knf.load_model(byom + '/' + name)
    (y,), _ = knf.predict(model, [x.astype(np.float32)])
    cases[name] = {'input_shape': list(x.shape), 'input': [float(v) for v in x.astype(np.float32).ravel()],
                   'output_shape': list(y.shape), 'output': [float(v) for v in np.asarray(y, np.float64).ravel()]}

add('lstm_speech_emotion_keras3.3.3.keras', rng.normal(0, 1, (2, 352, 15)))
ids = rng.randint(1, 10000, (3, 100)).astype(np.float32)
ids[0, :40] = 0   # pre-padding, as pad_sequences writes (mask_zero is off in this model: zeros are tokens)
add('embedding_lstm_sentiment_keras3.1.1.h5', ids)
ids = rng.randint(1, 1000, (3, 12)).astype(np.float32)
ids[0, :5] = 0    # pre-padding (masked: mask_zero=True)
ids[1, 9:] = 0    # post-padding (masked)
ids[2, 3] = 0     # a hole in the middle (masked)
add('embedding_bidirectional_keras2.4.0.h5', ids)

with open('rnn_references.json', 'w') as f:
    json.dump(cases, f)
print({k: v['output'][:4] for k, v in cases.items()})
