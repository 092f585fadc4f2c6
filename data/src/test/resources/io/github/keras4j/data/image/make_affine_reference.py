"""Writes affine-reference.txt: scipy.ndimage.affine_transform outputs that AffineResamplerTest compares with.

Run with numpy and scipy installed (the file in the repository was made with numpy 2.4.6, scipy 1.17.1):
    python3 make_affine_reference.py > affine-reference.txt
Each case: a header line "mode order cval height width channels", the 6 matrix values (row-major 2 x 3,
output (row, col) -> input point), the input image (float32, row-major h, w, c) and scipy's output, one line each.
Keras calls scipy this way: one call per channel with the same matrix, order 1 by default.
"""
import numpy as np
import scipy.ndimage as ndi

rng = np.random.RandomState(20240601)
print("# scipy", __import__("scipy").__version__, "numpy", np.__version__)
cases = 0
for mode in ["nearest", "constant", "reflect", "wrap"]:
    for order in [1, 0]:
        for _ in range(12):
            h, w, c = rng.randint(1, 8), rng.randint(1, 8), rng.choice([1, 3])
            x = (rng.rand(h, w, c) * 255).astype(np.float32)
            theta = rng.uniform(-np.pi, np.pi)
            zoom = rng.uniform(0.5, 2.0, 2)
            shear = rng.uniform(-0.5, 0.5)
            a = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
            a = a @ np.array([[1, -np.sin(shear)], [0, np.cos(shear)]]) @ np.diag(zoom)
            offset = rng.uniform(-6, 6, 2)
            cval = float(np.float32(rng.uniform(-10, 10)))
            out = np.stack([ndi.affine_transform(x[:, :, k], a, offset, order=order, mode=mode, cval=cval)
                            for k in range(c)], axis=-1)
            print(mode, order, repr(cval), h, w, c)
            print(" ".join(repr(float(v)) for v in [a[0, 0], a[0, 1], offset[0], a[1, 0], a[1, 1], offset[1]]))
            print(" ".join(repr(float(v)) for v in x.ravel()))
            print(" ".join(repr(float(v)) for v in out.ravel()))
            cases += 1
# exact-geometry cases: integer shifts, a 90 degree turn and a zoom of 2 around the center
for mode in ["nearest", "constant", "reflect", "wrap"]:
    for (a, offset) in [(np.eye(2), [2.0, -1.0]), (np.array([[0.0, -1.0], [1.0, 0.0]]), [4.0, 0.0]),
                        (np.eye(2) * 2, [-2.0, -3.0]), (np.eye(2), [-0.5, 0.25])]:
        h, w, c = 5, 4, 2
        x = (rng.rand(h, w, c) * 255).astype(np.float32)
        out = np.stack([ndi.affine_transform(x[:, :, k], a, offset, order=1, mode=mode, cval=7.0)
                        for k in range(c)], axis=-1)
        print(mode, 1, 7.0, h, w, c)
        print(" ".join(repr(float(v)) for v in [a[0, 0], a[0, 1], offset[0], a[1, 0], a[1, 1], offset[1]]))
        print(" ".join(repr(float(v)) for v in x.ravel()))
        print(" ".join(repr(float(v)) for v in out.ravel()))
