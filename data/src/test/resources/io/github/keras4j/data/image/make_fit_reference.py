"""Generates fit-reference.txt: Pillow's ImageOps.fit crop boxes and pixels (run once; CI never runs Python).

Run with Debian's Pillow: apt-get install -y python3-pil; /usr/bin/python3 make_fit_reference.py > fit-reference.txt
Lines:
  box <imageW> <imageH> <outH> <outW> <left> <top> <right> <bottom>   (repr of Pillow's float crop box)
  pixels <imageW> <imageH> <outH> <outW> <filter> <v0> <v1> ...        (RGB bytes, row-major, of ImageOps.fit)
The test image of size W x H has pixel (x, y) = ((37x + 53y + 11xy) % 256, (5x + 71y) % 256, (13xy + 200) % 256).
"""
from PIL import Image, ImageOps
import PIL

FILTERS = {"lanczos": Image.Resampling.LANCZOS, "bicubic": Image.Resampling.BICUBIC,
           "bilinear": Image.Resampling.BILINEAR}


def box(w, h, out_h, out_w):
    # ImageOps.fit's arithmetic (Pillow 9.4, centering 0.5, bleed 0), checked below against the real resize.
    live_ratio = w / h
    output_ratio = out_w / out_h
    if live_ratio == output_ratio:
        cw, ch = w, h
    elif live_ratio >= output_ratio:
        cw, ch = output_ratio * h, h
    else:
        cw, ch = w, w / output_ratio
    left = (w - cw) * 0.5
    top = (h - ch) * 0.5
    return (left, top, left + cw, top + ch)


def pattern(w, h):
    img = Image.new("RGB", (w, h))
    img.putdata([((37 * x + 53 * y + 11 * x * y) % 256, (5 * x + 71 * y) % 256, (13 * x * y + 200) % 256)
                 for y in range(h) for x in range(w)])
    return img


print("# Pillow", PIL.__version__)
for w, h, oh, ow in [(640, 480, 224, 224), (480, 640, 224, 224), (1000, 333, 224, 224), (7, 5, 3, 4),
                     (5, 9, 4, 4), (300, 200, 100, 150), (224, 224, 224, 224), (3, 7, 5, 2)]:
    print("box", w, h, oh, ow, *[repr(float(v)) for v in box(w, h, oh, ow)])
for w, h, oh, ow, f in [(7, 5, 3, 4, "lanczos"), (5, 9, 4, 4, "lanczos"), (11, 6, 5, 5, "lanczos"),
                        (6, 10, 7, 4, "bicubic"), (9, 4, 6, 6, "lanczos"), (8, 8, 8, 8, "lanczos"),
                        (10, 7, 3, 3, "bilinear")]:
    img = pattern(w, h)
    out = ImageOps.fit(img, (ow, oh), FILTERS[f])
    # The box formula above is what fit hands to resize:
    assert list(out.getdata()) == list(img.resize((ow, oh), FILTERS[f], box=box(w, h, oh, ow)).getdata())
    print("pixels", w, h, oh, ow, f, *[v for px in out.getdata() for v in px])
