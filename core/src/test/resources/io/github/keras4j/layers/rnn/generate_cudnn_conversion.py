#!/usr/bin/env python3
"""Expected values for CudnnConversionTest: Keras 2's CuDNN -> portable conversion (keras/saving/hdf5_format.py,
_convert_rnn_weights), applied with NumPy to arange weights. Run once: /usr/bin/python3 generate_cudnn_conversion.py"""
import numpy as np

def transform_kernels(kernels, func, n_gates):
    return np.hstack([func(k) for k in np.hsplit(kernels, n_gates)])

def transpose_input(k):
    return k.T.reshape(k.shape, order='F')

for name, gates, f, u in (('LSTM', 4, 3, 2), ('GRU', 3, 3, 2)):
    k = np.arange(f * gates * u, dtype=np.float32).reshape(f, gates * u)
    r = np.arange(u * gates * u, dtype=np.float32).reshape(u, gates * u) + 100
    b = np.arange(2 * gates * u, dtype=np.float32) + 1000
    kk = transform_kernels(k, transpose_input, gates)
    rr = transform_kernels(r, lambda x: x.T, gates)
    bb = np.sum(np.split(b, 2, axis=0), axis=0) if name == 'LSTM' else b.reshape((2, -1))
    for label, a in (('kernel', kk), ('recurrent', rr), ('bias', bb)):
        print(name, label, ', '.join(str(int(v)) for v in a.ravel()))
