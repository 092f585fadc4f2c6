"""Writes brightness-reference.txt: Keras's apply_brightness_shift(x, brightness, scale=False) with real Pillow.

As keras-preprocessing's ImageDataGenerator.apply_transform calls it: array_to_img (scaled to 0..255 only when the
values leave that range), PIL.ImageEnhance.Brightness(img).enhance(brightness), img_to_array, scaled back.
Made with Pillow 9.4.0 and numpy 1.24.2 (Debian's python3-pil and python3-numpy):
    /usr/bin/python3 make_brightness_reference.py > brightness-reference.txt
Each case: "brightness <factor> <h> <w> <c>", the input (float32) and the output, one line each.
"""
import numpy as np
from PIL import Image, ImageEnhance


def array_to_img(x, scale):
    x = np.asarray(x, dtype="float32")
    if scale:
        x = x - np.min(x)
        x_max = np.max(x)
        if x_max != 0:
            x /= x_max
        x *= 255
    if x.shape[2] == 4:
        return Image.fromarray(x.astype("uint8"), "RGBA")
    if x.shape[2] == 3:
        return Image.fromarray(x.astype("uint8"), "RGB")
    return Image.fromarray(x[:, :, 0].astype("uint8"), "L")


def img_to_array(img):
    x = np.asarray(img, dtype="float32")
    return x.reshape((x.shape[0], x.shape[1], 1)) if x.ndim == 2 else x


def apply_brightness_shift(x, brightness, scale=False):
    x_min, x_max = np.min(x), np.max(x)
    local_scale = (x_min < 0) or (x_max > 255)
    img = array_to_img(x, scale=local_scale or scale)
    img = ImageEnhance.Brightness(img).enhance(brightness)
    x = img_to_array(img)
    if not scale and local_scale:
        x = x / 255 * (x_max - x_min) + x_min
    return x


rng = np.random.RandomState(11)
print("# Pillow", Image.__version__, "numpy", np.__version__)
for c in [3, 1, 4]:
    for factor in [0.3, 0.77, 1.0, 1.5, 2.3]:
        for wide in [False, True]:
            h, w = 3, 4
            x = (rng.rand(h, w, c) * 255).astype(np.float32)
            if wide:
                x = (x * 2 - 180).astype(np.float32)  # leaves 0..255: scaled for PIL and back
            out = apply_brightness_shift(x, factor)
            print("brightness", repr(factor), h, w, c)
            print(" ".join(repr(float(v)) for v in x.ravel()))
            print(" ".join(repr(float(v)) for v in out.ravel()))
