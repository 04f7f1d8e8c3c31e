#!/usr/bin/env python3
"""Writes small Keras 2 model files in Keras's HDF5 layout without Keras (Debian's python3-h5py and
NumPy only), and beside each the outputs of a NumPy forward pass of the same weights on a fixed batch.
LayerLab's Keras import tests load the .h5 files through DL4J and compare with those outputs.

Run from this folder:  /usr/bin/python3 make_fixtures.py   (apt-get install python3-h5py)
"""
import json
import h5py
import numpy as np

rng = np.random.default_rng(2026)


def dense_config(name, units, activation, input_dim=None):
    c = {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation, "use_bias": True,
         "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
         "bias_initializer": {"class_name": "Zeros", "config": {}},
         "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
         "kernel_constraint": None, "bias_constraint": None}
    if input_dim is not None:
        c["batch_input_shape"] = [None, input_dim]
    return c


def write(path, config, weights):
    """weights: {layer_name: [(weight_name, array), ...]} in layer order."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.4.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        g = f.create_group("model_weights")
        g.attrs["keras_version"] = "2.4.0"
        g.attrs["backend"] = "tensorflow"
        g.attrs["layer_names"] = np.array([n.encode() for n in weights], dtype="S")
        for layer, ws in weights.items():
            lg = g.create_group(layer)
            lg.attrs["weight_names"] = np.array([f"{layer}/{w}:0".encode() for w, _ in ws], dtype="S")
            inner = lg.create_group(layer)
            for w, a in ws:
                inner.create_dataset(f"{w}:0", data=a.astype("float32"))


def relu(x):
    return np.maximum(x, 0)


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def expected(path, x, y):
    with open(path, "w") as f:
        json.dump({"input": x.astype("float32").tolist(), "output": y.astype("float32").tolist()}, f, indent=1)


x = rng.normal(size=(5, 4)).astype("float32")

# Sequential: 4 → Dense(8, relu) → Dense(3, softmax)
w1, b1 = rng.normal(size=(4, 8)) * 0.5, rng.normal(size=8) * 0.1
w2, b2 = rng.normal(size=(8, 3)) * 0.5, rng.normal(size=3) * 0.1
seq = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False, "name": "dense_input"}},
    {"class_name": "Dense", "config": dense_config("hidden", 8, "relu", 4)},
    {"class_name": "Dense", "config": dense_config("probs", 3, "softmax")}]}}
write("sequential.h5", seq, {"hidden": [("kernel", w1), ("bias", b1)], "probs": [("kernel", w2), ("bias", b2)]})
expected("sequential.expected.json", x, softmax(relu(x @ w1 + b1) @ w2 + b2))


def node(name, cls, config, inbound):
    config = dict(config, name=name)
    return {"class_name": cls, "config": config, "name": name, "inbound_nodes": [[[i, 0, 0, {}] for i in inbound]] if inbound else []}


# Functional: two dense branches of the input, concatenated, then a softmax output
wa, ba = rng.normal(size=(4, 6)) * 0.5, rng.normal(size=6) * 0.1
wb, bb = rng.normal(size=(4, 5)) * 0.5, rng.normal(size=5) * 0.1
wo, bo = rng.normal(size=(11, 3)) * 0.5, rng.normal(size=3) * 0.1
fun = {"class_name": "Model", "config": {"name": "branches", "layers": [
    node("features", "InputLayer", {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False}, []),
    node("left", "Dense", dense_config("left", 6, "tanh"), ["features"]),
    node("right", "Dense", dense_config("right", 5, "relu"), ["features"]),
    node("both", "Concatenate", {"trainable": True, "dtype": "float32", "axis": -1}, ["left", "right"]),
    node("out", "Dense", dense_config("out", 3, "softmax"), ["both"])],
    "input_layers": [["features", 0, 0]], "output_layers": [["out", 0, 0]]}}
write("functional.h5", fun, {"left": [("kernel", wa), ("bias", ba)], "right": [("kernel", wb), ("bias", bb)],
                              "out": [("kernel", wo), ("bias", bo)]})
expected("functional.expected.json", x, softmax(np.concatenate([np.tanh(x @ wa + ba), relu(x @ wb + bb)], axis=1) @ wo + bo))

# A layer DL4J cannot import: a Lambda (arbitrary Python code)
lam = {"class_name": "Sequential", "config": {"name": "lambda", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "dtype": "float32", "sparse": False, "name": "in"}},
    {"class_name": "Lambda", "config": {"name": "double_it", "trainable": True, "dtype": "float32",
                                         "function": ["4wEAAAAAAAAA", None, None], "function_type": "lambda", "module": "__main__",
                                         "output_shape": None, "output_shape_type": "raw", "output_shape_module": None, "arguments": {}}},
    {"class_name": "Dense", "config": dense_config("probs", 3, "softmax")}]}}
write("lambda.h5", lam, {"probs": [("kernel", w2[:4]), ("bias", b2)]})
print("wrote sequential.h5, functional.h5, lambda.h5 and the expected outputs")
