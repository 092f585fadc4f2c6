#!/usr/bin/env python3
"""Reference features of the MobileNetV2 (alpha 0.35) base inside the shared Teachable Machine export.

Run once, by hand (the build never runs Python), with Debian's python3-numpy and python3-h5py:

  /usr/bin/python3 generate_reference.py ../../../../../../../../../shared/fixtures/keras/byom/\
teachable_machine_mobilenetv2_keras2.4.0.h5 /work/shared/tools/keras_numpy_forward.py > reference.txt

The forward pass is the independent NumPy implementation in shared/tools/keras_numpy_forward.py (float64), run on
the nested Functional model 'model1' (sequential_4 > sequential_1 > model1) with its weights bound from the file
exactly as Keras binds them. Nothing from Keras4J is used.

Inputs: two images of 224x224x3 defined by an exact formula (so Java rebuilds them bit for bit):
  x[b, i] = ((i * 7919 + b * 104729) % 2001) / 1000 - 1,   i = flat index over (224, 224, 3), as float32.

Output (text): 'pooled <b>' lines with the 1280 global-average-pooled features of image b (what the Teachable
Machine head receives), then 'map <row> <col>' lines with the 1280 channels of out_relu of image 0 at a few
positions. Numbers printed with 9 significant digits.
"""
import importlib.util
import sys

import numpy as np

model_path, tool_path = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location('knf', tool_path)
knf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(knf)

model, version = knf.load_model(model_path)
outer = model.layers[0]                      # sequential_1 (the first InputLayer is not kept in Sequential)
assert outer.name == 'sequential_1', outer.name
inner = outer.sub.layers[0]
assert inner.name == 'model1', inner.name
base = inner.sub

n = 224 * 224 * 3
i = np.arange(n, dtype=np.int64)
xs = np.stack([(((i * 7919 + b * 104729) % 2001) / 1000.0 - 1.0).astype(np.float32) for b in range(2)])
xs = xs.reshape(2, 224, 224, 3)
ys, _ = base.run([xs.astype(np.float64)], [None], [])
y = ys[0]
assert y.shape == (2, 7, 7, 1280), y.shape
pooled = y.mean(axis=(1, 2))
out = sys.stdout
out.write('# keras %s, model %s, out_relu %s\n' % (version, base.name, y.shape))
for b in range(2):
    out.write('pooled %d ' % b + ' '.join('%.9g' % v for v in pooled[b]) + '\n')
for r, c in [(0, 0), (3, 3), (6, 2)]:
    out.write('map %d %d ' % (r, c) + ' '.join('%.9g' % v for v in y[0, r, c]) + '\n')
