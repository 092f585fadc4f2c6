"""Writes random-reference.txt: Keras's get_random_transform draws and random_transform outputs for given seeds.

keras-preprocessing's ImageDataGenerator.get_random_transform / apply_transform (channels_last), restated here
line for line so that only numpy and scipy are needed (made with numpy 2.4.6, scipy 1.17.1):
    python3 make_random_reference.py > random-reference.txt
Lines: "params <config> <h> <w> <c> <seed> theta tx ty shear zx zy flip_h flip_v channel_shift brightness"
("None" where Keras has None) and "image <config> <h> <w> <c> <seed>" followed by the input and output pixels.
"image" lines follow current Keras (tf.keras 2.x keras.preprocessing.image and Keras 3's
keras.src.legacy.preprocessing.image): the center offset is size / 2 - 0.5 and apply_affine_transform swaps the
x and y axes of the matrix before scipy (M' = PMP), restated below.
"image-kp11" lines come from the real keras-preprocessing 1.1 package (Debian's python3-keras-preprocessing, whose
ImageDataGenerator.apply_transform centers at size / 2 + 0.5 without the swap, as every release up to 1.1.2):
    apt-get install -y python3-keras-preprocessing   # imported from /usr/lib/python3/dist-packages below
"""
import sys

import numpy as np
import scipy.ndimage as ndi

sys.path.append("/usr/lib/python3/dist-packages")
from keras_preprocessing.image import ImageDataGenerator as KerasPreprocessing11  # noqa: E402

CONFIGS = {
    # the course's episode 18
    "ep18": dict(rotation_range=10, width_shift_range=0.1, height_shift_range=0.1, shear_range=0.15,
                 zoom_range=[0.9, 1.1], channel_shift_range=10.0, horizontal_flip=True),
    "pixels": dict(rotation_range=45, width_shift_range=3, height_shift_range=2.5, zoom_range=[0.5, 1.0],
                   vertical_flip=True, horizontal_flip=True, brightness_range=[0.5, 1.5]),
    "lists": dict(width_shift_range=[0.1, 0.25], height_shift_range=[1, 2, 3], shear_range=30,
                  channel_shift_range=50.0),
    "flips": dict(horizontal_flip=True, vertical_flip=True),
}


def get_random_transform(cfg, img_shape, seed):
    np.random.seed(seed)
    rotation_range = cfg.get("rotation_range", 0)
    width_shift_range = cfg.get("width_shift_range", 0.)
    height_shift_range = cfg.get("height_shift_range", 0.)
    shear_range = cfg.get("shear_range", 0.)
    zoom_range = cfg.get("zoom_range", [1, 1])
    channel_shift_range = cfg.get("channel_shift_range", 0.)
    brightness_range = cfg.get("brightness_range")
    theta = np.random.uniform(-rotation_range, rotation_range) if rotation_range else 0
    if height_shift_range:
        try:
            tx = np.random.choice(height_shift_range)
            tx *= np.random.choice([-1, 1])
        except ValueError:
            tx = np.random.uniform(-height_shift_range, height_shift_range)
        if np.max(height_shift_range) < 1:
            tx *= img_shape[0]
    else:
        tx = 0
    if width_shift_range:
        try:
            ty = np.random.choice(width_shift_range)
            ty *= np.random.choice([-1, 1])
        except ValueError:
            ty = np.random.uniform(-width_shift_range, width_shift_range)
        if np.max(width_shift_range) < 1:
            ty *= img_shape[1]
    else:
        ty = 0
    shear = np.random.uniform(-shear_range, shear_range) if shear_range else 0
    if zoom_range[0] == 1 and zoom_range[1] == 1:
        zx, zy = 1, 1
    else:
        zx, zy = np.random.uniform(zoom_range[0], zoom_range[1], 2)
    flip_horizontal = (np.random.random() < 0.5) * cfg.get("horizontal_flip", False)
    flip_vertical = (np.random.random() < 0.5) * cfg.get("vertical_flip", False)
    channel_shift_intensity = None
    if channel_shift_range != 0:
        channel_shift_intensity = np.random.uniform(-channel_shift_range, channel_shift_range)
    brightness = None
    if brightness_range is not None:
        brightness = np.random.uniform(brightness_range[0], brightness_range[1])
    return dict(theta=theta, tx=tx, ty=ty, shear=shear, zx=zx, zy=zy, flip_horizontal=flip_horizontal,
                flip_vertical=flip_vertical, channel_shift_intensity=channel_shift_intensity, brightness=brightness)


def apply_transform(x, p):  # without brightness, which needs PIL
    m = None
    if p["theta"] != 0:
        t = np.deg2rad(p["theta"])
        m = np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    if p["tx"] != 0 or p["ty"] != 0:
        s = np.array([[1, 0, p["tx"]], [0, 1, p["ty"]], [0, 0, 1]])
        m = s if m is None else np.dot(m, s)
    if p["shear"] != 0:
        sh = np.deg2rad(p["shear"])
        s = np.array([[1, -np.sin(sh), 0], [0, np.cos(sh), 0], [0, 0, 1]])
        m = s if m is None else np.dot(m, s)
    if p["zx"] != 1 or p["zy"] != 1:
        s = np.array([[p["zx"], 0, 0], [0, p["zy"], 0], [0, 0, 1]])
        m = s if m is None else np.dot(m, s)
    if m is not None:
        h, w = x.shape[0], x.shape[1]
        o_x, o_y = float(h) / 2 - 0.5, float(w) / 2 - 0.5
        m = np.dot(np.dot(np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]]), m),
                   np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]]))
        # Keras: "M' = PMP, where P is the permutation matrix" (col_axis > row_axis for channels_last)
        m[:, [0, 1]] = m[:, [1, 0]]
        m[[0, 1]] = m[[1, 0]]
        x = np.rollaxis(x, 2, 0)
        x = np.stack([ndi.affine_transform(c, m[:2, :2], m[:2, 2], order=1, mode="nearest", cval=0.)
                      for c in x], axis=0)
        x = np.rollaxis(x, 0, 3)
    if p["channel_shift_intensity"] is not None:
        x = np.rollaxis(x, 2, 0)
        lo, hi = np.min(x), np.max(x)
        x = np.stack([np.clip(c + p["channel_shift_intensity"], lo, hi) for c in x], axis=0)
        x = np.rollaxis(x, 0, 3)
    if p["flip_horizontal"]:
        x = x[:, ::-1, :]
    if p["flip_vertical"]:
        x = x[::-1, :, :]
    return x


def fmt(v):
    return "None" if v is None else repr(float(v))


print("# numpy", np.__version__)
for name, cfg in CONFIGS.items():
    for (h, w, c) in [(224, 224, 3), (7, 6, 3)]:
        for seed in [0, 1, 7, 42, 123456789, 4294967295]:
            p = get_random_transform(cfg, (h, w, c), seed)
            print("params", name, h, w, c, seed, " ".join(fmt(p[k]) for k in [
                "theta", "tx", "ty", "shear", "zx", "zy"]), int(bool(p["flip_horizontal"])),
                int(bool(p["flip_vertical"])), fmt(p["channel_shift_intensity"]), fmt(p["brightness"]))
rng = np.random.RandomState(5)
for name in ["ep18", "lists", "flips"]:
    for seed in [3, 7, 11]:
        h, w, c = 7, 6, 3
        x = (rng.rand(h, w, c) * 255).astype(np.float32)
        p = get_random_transform(CONFIGS[name], (h, w, c), seed)
        out = apply_transform(x.copy(), p)
        print("image", name, h, w, c, seed)
        print(" ".join(repr(float(v)) for v in x.ravel()))
        print(" ".join(repr(float(v)) for v in out.ravel()))
        legacy = KerasPreprocessing11(data_format="channels_last").apply_transform(x.copy(), dict(p))
        print("image-kp11", name, h, w, c, seed)
        print(" ".join(repr(float(v)) for v in x.ravel()))
        print(" ".join(repr(float(v)) for v in np.asarray(legacy, dtype=np.float32).ravel()))
