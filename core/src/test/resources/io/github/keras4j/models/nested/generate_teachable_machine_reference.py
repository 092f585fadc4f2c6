#!/usr/bin/env python3
"""Generates teachable_machine_reference.txt: the NumPy forward pass (inference mode, float64) of the shared
Teachable Machine fixture (Sequential[Sequential[Functional MobileNetV2 0.35 -> GAP], Sequential[Dense, Dense]])
on a fixed input, computed by /work/shared/tools/keras_numpy_forward.py — independent of Keras4J.

Input (2 samples, 224x224x3, exact in float32): x[n, i, j, c] = ((n*7 + i*13 + j*17 + c*19) % 255) / 127.5 - 1.
Run once with Debian's python3-numpy and python3-h5py:
  /usr/bin/python3 generate_teachable_machine_reference.py /work/shared/tools/keras_numpy_forward.py \
      /work/shared/fixtures/keras/byom/teachable_machine_mobilenetv2_keras2.4.0.h5 > teachable_machine_reference.txt
Output: one line per sample, the class probabilities as float32 (repr of float(np.float32)).
"""
import importlib.util
import sys

import numpy as np

spec = importlib.util.spec_from_file_location("knf", sys.argv[1])
knf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(knf)
n, i, j, c = np.meshgrid(np.arange(2), np.arange(224), np.arange(224), np.arange(3), indexing="ij")
x = (((n * 7 + i * 13 + j * 17 + c * 19) % 255) / 127.5 - 1).astype(np.float32)
model, version = knf.load_model(sys.argv[2])
ys, _ = knf.predict(model, [x.astype(np.float64)])
y = np.asarray(ys[0], dtype=np.float32)
print("# keras %s; %s" % (version, "x[n,i,j,c] = ((n*7 + i*13 + j*17 + c*19) % 255) / 127.5 - 1"))
for row in y:
    print(" ".join(repr(float(v)) for v in row))
