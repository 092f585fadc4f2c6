#!/usr/bin/env python3
"""Writes expected.json: what h5py reads from the Keras fixtures (../shared/fixtures/keras), in the order Keras
loads weights, with a SHA-256 of each array's float32 little-endian bytes, so tests can check exact equality
without committing the fixtures. Run: python3 generate_expected.py ../../../../../../../../shared/fixtures/keras
"""
import hashlib, io, json, sys, zipfile
import h5py
import numpy as np


def s(x):
    return x.decode("utf-8") if isinstance(x, bytes) else str(x)


def digest(arr):
    a = np.asarray(arr, dtype="<f4")
    return {"shape": list(a.shape), "sha256": hashlib.sha256(a.tobytes()).hexdigest(),
            "first": [float(v) for v in a.reshape(-1)[:3]]}


def attr_list(group, name):
    if name in group.attrs:
        return [s(v) for v in np.atleast_1d(group.attrs[name])]
    out, i = [], 0
    while f"{name}{i}" in group.attrs:
        out += [s(v) for v in np.atleast_1d(group.attrs[f"{name}{i}"])]
        i += 1
    return out


def legacy_weights(g):
    out = []
    for layer in attr_list(g, "layer_names"):
        for wn in attr_list(g[layer], "weight_names"):
            d = digest(g[layer][wn][()])
            d["path"] = g[layer][wn].name
            d["layer"] = layer
            out.append(d)
    return out


def main(folder):
    result = {}
    for name in ["medical_trial_model_keras2.2.0.h5", "medical_trial_model_keras2.4.0.h5",
                 "medical_trial_model_keras3.1.0.h5", "my_model_weights_keras2.2.0.h5",
                 "lenet_mnist_weights_keras2.2.4.h5", "toyresnet_weights_keras2.2.4.h5",
                 "mobilenet_2_5_128_tf.h5"]:
        with h5py.File(f"{folder}/{name}", "r") as f:
            g = f["model_weights"] if "model_weights" in f else f
            entry = {"weights": legacy_weights(g)}
            if "optimizer_weights" in f:
                ow = f["optimizer_weights"]
                names = attr_list(ow, "weight_names")
                entry["optimizer"] = [dict(digest(ow[n][()]), path=n) for n in names]
            result[name] = entry
    name = "churn_model_keras3.11.1.keras"
    with zipfile.ZipFile(f"{folder}/{name}") as z:
        with h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
            weights = []
            for layer in ["dense", "dense_1", "dense_2"]:
                vars_ = f["layers"][layer]["vars"]
                for i in range(len(vars_)):
                    d = digest(vars_[str(i)][()])
                    d["path"] = vars_[str(i)].name
                    d["layer"] = layer
                    weights.append(d)
            ov = f["optimizer"]["vars"]
            optimizer = [dict(digest(ov[str(i)][()]), path=ov[str(i)].name) for i in range(len(ov))]
            result[name] = {"weights": weights, "optimizer": optimizer}
    json.dump(result, sys.stdout, sort_keys=True, separators=(",", ":"))
    print()


if __name__ == "__main__":
    main(sys.argv[1])
