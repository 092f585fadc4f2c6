#!/usr/bin/env python3
"""One-off h5py check of a legacy .h5 written by Keras4J with a large (variable-length) model_config.

Usage: check_large_config.py PREFIX
  PREFIX.h5                 the file Keras4J wrote (LargeConfigH5Test with -Dkeras4j.h5pyCheckDir=DIR)
  PREFIX.model_config.json  the config JSON Keras4J meant to store
  PREFIX.datasets.txt       every dataset: path <TAB> [shape] <TAB> float32 values as Java prints them

Checks with h5py (the reader Keras uses) that attrs['model_config'] is a scalar variable-length UTF-8 string equal
to the JSON, that the JSON parses, that training_config parses, and that every dataset has the shape and float32
values Keras4J wrote. Needs Debian's python3-h5py and python3-numpy; the build never runs it.
"""
import json
import sys

import h5py
import numpy as np

prefix = sys.argv[1]
expected_config = open(prefix + ".model_config.json", encoding="utf-8").read()
with h5py.File(prefix + ".h5", "r") as f:
    attr_id = f.attrs.get_id("model_config")
    dtype = attr_id.dtype
    info = h5py.check_string_dtype(dtype)
    assert info is not None and info.length is None, f"model_config is not a variable-length string: {dtype}"
    assert attr_id.shape == (), f"model_config is not scalar: {attr_id.shape}"
    config = f.attrs["model_config"]
    if isinstance(config, bytes):
        config = config.decode("utf-8")
    assert config == expected_config, "model_config differs from the JSON Keras4J wrote"
    parsed = json.loads(config)
    print("model_config:", len(config.encode("utf-8")), "bytes,", info.encoding, "vlen, class",
          parsed["class_name"], "with", len(parsed["config"]["layers"]), "layers")
    if "training_config" in f.attrs:
        json.loads(f.attrs["training_config"])
        print("training_config: parses")
    print("keras_version:", f.attrs["keras_version"], "backend:", f.attrs["backend"])
    n = 0
    for line in open(prefix + ".datasets.txt", encoding="utf-8"):
        path, shape, values = line.rstrip("\n").split("\t")
        d = f[path]
        shape = tuple(int(s) for s in shape.strip("[]").split(",") if s.strip())
        assert d.shape == shape, f"{path}: shape {d.shape} != {shape}"
        if d.dtype == np.float32:
            want = np.array([np.float32(v) for v in values.split()], dtype=np.float32).reshape(shape)
            assert np.array_equal(d[()], want), f"{path}: values differ"
        n += 1
    print("datasets equal:", n)
print("OK")
