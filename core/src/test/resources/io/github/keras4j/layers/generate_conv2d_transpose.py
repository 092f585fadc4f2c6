#!/usr/bin/env python3
"""Writes conv2d_transpose_expected.json: Conv2DTranspose outputs computed independently of Keras4J, as the
TRANSPOSE of the forward convolution's matrix (a transposed convolution is, by definition, x -> M^T x where M is the
matrix of the Conv2D from the output size back to the input size, with TensorFlow's SAME/VALID padding rule).
Output sizes follow Keras's deconv_output_length. Run once with Debian's python3-numpy:
    python3 generate_conv2d_transpose.py > conv2d_transpose_expected.json
"""
import json
import numpy as np


def deconv_length(n, k, padding, output_padding, stride, dilation):
    dk = k + (k - 1) * (dilation - 1)
    if output_padding is None:
        return n * stride + max(dk - stride, 0) if padding == "valid" else n * stride
    pad = dk // 2 if padding == "same" else 0
    return (n - 1) * stride + dk - 2 * pad + output_padding


def pad_before(out_len, in_len, k, stride, dilation, padding):
    # The forward conv maps out_len -> in_len; TF's SAME puts half the total padding first.
    if padding == "valid":
        return 0
    dk = (k - 1) * dilation + 1
    return max((in_len - 1) * stride + dk - out_len, 0) // 2


def forward_matrix(oh, ow, h, w, kernel, strides, dilation, padding):
    """M[(i,j,c),(r,q,o)]: d conv(y)[i,j,c] / d y[r,q,o] for the Conv2D with kernel[kh,kw,o,c] (out o -> in c)."""
    kh, kw, f, c = kernel.shape
    pt = pad_before(oh, h, kh, strides[0], dilation[0], padding)
    pl = pad_before(ow, w, kw, strides[1], dilation[1], padding)
    m = np.zeros((h * w * c, oh * ow * f))
    for i in range(h):
        for j in range(w):
            for di in range(kh):
                for dj in range(kw):
                    r = i * strides[0] - pt + di * dilation[0]
                    q = j * strides[1] - pl + dj * dilation[1]
                    if 0 <= r < oh and 0 <= q < ow:
                        for cc in range(c):
                            for o in range(f):
                                m[(i * w + j) * c + cc, (r * ow + q) * f + o] += kernel[di, dj, o, cc]
    return m


def case(name, rng, h, w, c, f, k, strides, padding, output_padding, dilation, batch=2):
    x = rng.standard_normal((batch, h, w, c)).astype(np.float32)
    kernel = rng.standard_normal((k[0], k[1], f, c)).astype(np.float32)
    bias = rng.standard_normal(f).astype(np.float32)
    oh = deconv_length(h, k[0], padding, None if output_padding is None else output_padding[0], strides[0],
                       dilation[0])
    ow = deconv_length(w, k[1], padding, None if output_padding is None else output_padding[1], strides[1],
                       dilation[1])
    m = forward_matrix(oh, ow, h, w, kernel.astype(np.float64), strides, dilation, padding)
    y = np.stack([m.T @ x[b].reshape(-1).astype(np.float64) for b in range(batch)]).reshape(batch, oh, ow, f)
    y = y + bias
    return {"name": name, "filters": f, "kernel_size": list(k), "strides": list(strides), "padding": padding,
            "output_padding": output_padding, "dilation_rate": list(dilation),
            "input_shape": [batch, h, w, c], "input": x.reshape(-1).tolist(),
            "kernel": kernel.reshape(-1).tolist(), "bias": bias.tolist(),
            "output_shape": [batch, oh, ow, f], "output": y.reshape(-1).tolist()}


rng = np.random.default_rng(13)
cases = [
    case("valid 3x3 stride 2", rng, 3, 4, 2, 3, (3, 3), (2, 2), "valid", None, (1, 1)),
    case("same 3x3 stride 2", rng, 3, 3, 2, 2, (3, 3), (2, 2), "same", None, (1, 1)),
    case("same 4x4 stride 2 output_padding 1", rng, 3, 2, 1, 2, (4, 4), (2, 2), "same", [1, 1], (1, 1)),
    case("valid 3x2 strides (3, 2) output_padding (2, 1)", rng, 2, 3, 2, 2, (3, 2), (3, 2), "valid", [2, 1],
         (1, 1)),
    case("same 3x3 dilation 2", rng, 4, 4, 2, 2, (3, 3), (1, 1), "same", None, (2, 2)),
]
print(json.dumps({"generator": "generate_conv2d_transpose.py", "cases": cases}))
