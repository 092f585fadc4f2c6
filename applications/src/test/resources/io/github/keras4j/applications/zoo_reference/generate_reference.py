#!/usr/bin/env python3
"""Reference features of two zoo models with seeded random weights, by an independent NumPy forward pass.

Run once, by hand (the build never runs Python), with Debian's python3-numpy and python3-h5py:

 1. Keras4J writes each model's weights (Keras 2 save_weights layout) and architecture (to_json):
    Xception (includeTop false, pooling avg, 71x71x3) and EfficientNetB0 (includeTop false, pooling avg, 32x32x3),
    weights null, Keras.setRandomSeed(2024), each in a fresh KerasContext -> NAME.h5 and NAME.json in a folder.
    (ZooReferenceTest.dump(folder) does this; the files are too large to commit, about 100 MB.)
 2. /usr/bin/python3 generate_reference.py FOLDER /work/shared/tools/keras_numpy_forward.py > reference.txt

The forward pass is shared/tools/keras_numpy_forward.py (float64), which reads the architecture JSON and binds
the weights from the .h5 as Keras binds them; nothing of Keras4J computes these numbers. The test checks first that
its seeded weights still have the fingerprint recorded here ('checksum' lines, printed by ZooReferenceTest.dump),
so a change of the seeding shows up as such, not as a wrong forward pass.

Inputs: two images defined by an exact formula, i = flat index over (size, size, 3), as float32:
  xception:       x[b, i] = ((i * 7919 + b * 104729) % 2001) / 1000 - 1          (already "tf" preprocessed)
  efficientnetb0: x[b, i] = ((i * 7919 + b * 104729) % 2001) * 255 / 2000        (RGB 0..255, as EfficientNet expects)
Output lines: 'out <name> <b> v1 v2 ...' with the pooled features (2048 / 1280), 9 significant digits.
"""
import importlib.util
import sys

import numpy as np

folder, tool_path = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location('knf', tool_path)
knf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(knf)

for name, size, raw in [('xception', 71, False), ('efficientnetb0', 32, True)]:
    model, _ = knf.load_model(f'{folder}/{name}.h5', config=f'{folder}/{name}.json')
    n = size * size * 3
    i = np.arange(n, dtype=np.int64)
    rows = []
    for b in range(2):
        m = (i * 7919 + b * 104729) % 2001
        x = (m * 255 / 2000.0) if raw else (m / 1000.0 - 1.0)
        rows.append(x.astype(np.float32))
    xs = np.stack(rows).reshape(2, size, size, 3)
    ys, _ = knf.predict(model, [xs])
    y = ys[0]
    for b in range(2):
        sys.stdout.write(f'out {name} {b} ' + ' '.join('%.9g' % v for v in y[b]) + '\n')
