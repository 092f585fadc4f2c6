"""Generates teachable-machine-reference.txt: Teachable Machine's own Python preprocessing (Pillow) on the shared
coffee.png, then a NumPy forward pass of the shared Teachable Machine model (/work/shared/tools/keras_numpy_forward.py,
computed in float64, probabilities cast to float32). Run once (CI never runs Python):
  apt-get install -y python3-pil python3-numpy python3-h5py
  /usr/bin/python3 make_teachable_machine_reference.py /work/shared > teachable-machine-reference.txt
Lines: 'pixels_sha256 <hex>' of the fitted 224x224 RGB bytes, 'probabilities <p0> <p1> ...' (repr of float32),
'index <argmax>', 'score <str(np.float32)>'.
"""
import hashlib
import sys

import numpy as np
from PIL import Image, ImageOps

shared = sys.argv[1]
sys.path.insert(0, shared + "/tools")
import keras_numpy_forward as knf  # noqa: E402

image = Image.open(shared + "/fixtures/images/coffee.png").convert("RGB")
image = ImageOps.fit(image, (224, 224), Image.Resampling.LANCZOS)
image_array = np.asarray(image)
print("pixels_sha256", hashlib.sha256(image_array.tobytes()).hexdigest())
data = np.ndarray(shape=(1, 224, 224, 3), dtype=np.float32)
data[0] = (image_array.astype(np.float32) / 127.5) - 1
model, _ = knf.load_model(shared + "/fixtures/keras/byom/teachable_machine_mobilenetv2_keras2.4.0.h5")
outputs, _ = knf.predict(model, [data])
prediction = np.asarray(outputs[0], dtype=np.float32)
print("probabilities", *[repr(float(v)) for v in prediction[0]])
index = int(np.argmax(prediction))
print("index", index)
print("score", prediction[0][index])
