"""Writes text_reference.json: what keras_preprocessing 1.1 (the Tokenizer, pad_sequences and
TimeseriesGenerator that tf.keras 2.x wraps and Keras 3 keeps as legacy) computes for the cases the Java tests
replay. Run once with Debian's python3-keras-preprocessing and python3-numpy:

    PYTHONHASHSEED=0 /usr/bin/python3 generate_reference.py

The build never runs this script; the JSON it wrote is committed beside it.
"""
import json

import numpy as np
from keras_preprocessing.sequence import TimeseriesGenerator, pad_sequences
from keras_preprocessing.text import Tokenizer, text_to_word_sequence

CORPUS = [
    "The cat sat on the mat.",
    "The dog ate my homework!",
    "Dogs and cats: friends? Not always...",
    "the THE The cat\tdog\nbird",
    "Café au lait, s'il vous plaît -- naïve façade",
    "",
    "mat mat dog",
]
NEW_TEXTS = [
    "the cat and the unknown zebra",
    "café dog dog dog",
    "",
    "totally new words",
]

TOKENIZERS = {
    "default": {},
    "num_words_oov": {"num_words": 5, "oov_token": "<OOV>"},
    "oov_only": {"oov_token": "[UNK]"},
    "char_level": {"char_level": True, "lower": False},
    "custom_filters_split": {"filters": ".!?", "split": ",", "lower": False},
}


def tokenizer_case(kwargs):
    tok = Tokenizer(**kwargs)
    tok.fit_on_texts(CORPUS)
    seqs = tok.texts_to_sequences(NEW_TEXTS + CORPUS)
    case = {
        "kwargs": kwargs,
        "word_counts": [[w, c] for w, c in tok.word_counts.items()],
        "word_docs": dict(tok.word_docs),
        "word_index": [[w, i] for w, i in tok.word_index.items()],
        "index_docs": {str(k): v for k, v in tok.index_docs.items()},
        "document_count": tok.document_count,
        "sequences": seqs,
        "texts": tok.sequences_to_texts(seqs + [[0, 1, 2, 999]]),
        "to_json": tok.to_json(),
        "matrices": {},
    }
    for mode in ["binary", "count", "freq", "tfidf"]:
        case["matrices"][mode] = tok.texts_to_matrix(NEW_TEXTS, mode=mode).tolist()
    return case


def pad_cases():
    seqs = [[1, 2, 3], [4, 5], [], [6, 7, 8, 9, 10], [11]]
    cases = []
    for maxlen in [None, 2, 4, 7]:
        for padding in ["pre", "post"]:
            for truncating in ["pre", "post"]:
                out = pad_sequences(seqs, maxlen=maxlen, padding=padding, truncating=truncating)
                cases.append({"sequences": seqs, "maxlen": maxlen, "padding": padding,
                              "truncating": truncating, "value": 0.0, "dtype": "int32",
                              "result": out.tolist()})
    cases.append({"sequences": seqs, "maxlen": 4, "padding": "post", "truncating": "pre", "value": -1.0,
                  "dtype": "int32",
                  "result": pad_sequences(seqs, maxlen=4, padding="post", value=-1).tolist()})
    cases.append({"sequences": seqs, "maxlen": 3, "padding": "pre", "truncating": "pre", "value": 0.5,
                  "dtype": "int32",
                  "result": pad_sequences(seqs, maxlen=3, value=0.5).tolist()})
    fseqs = [[0.5, 1.25], [2.75], [3.5, 4.5, 5.5]]
    cases.append({"sequences": fseqs, "maxlen": None, "padding": "pre", "truncating": "pre", "value": 0.5,
                  "dtype": "float32",
                  "result": pad_sequences(fseqs, dtype="float32", value=0.5).tolist()})
    cases.append({"sequences": fseqs, "maxlen": 2, "padding": "post", "truncating": "post", "value": 0.0,
                  "dtype": "int32",
                  "result": pad_sequences(fseqs, maxlen=2, padding="post", truncating="post").tolist()})
    return cases


def pad_feature_case():
    seqs = [[[1, 2], [3, 4], [5, 6]], [[7, 8]]]
    return {"sequences": seqs, "maxlen": 2, "padding": "post", "truncating": "pre", "value": -1.0,
            "dtype": "float32",
            "result": pad_sequences(seqs, maxlen=2, padding="post", value=-1.0, dtype="float32").tolist()}


def generator_cases():
    data = np.array([[i, 10 * i] for i in range(20)], dtype="float32")
    targets = np.array([[100 + i] for i in range(20)], dtype="float32")
    cases = []
    for kwargs in [
        {"length": 5, "batch_size": 4},
        {"length": 6, "sampling_rate": 2, "stride": 3, "batch_size": 2},
        {"length": 3, "start_index": 2, "end_index": 15, "batch_size": 5},
        {"length": 4, "reverse": True, "batch_size": 8, "stride": 2},
        {"length": 19, "batch_size": 128},
    ]:
        gen = TimeseriesGenerator(data, targets, **kwargs)
        batches = []
        for i in range(len(gen)):
            x, y = gen[i]
            batches.append({"x": x.tolist(), "y": y.tolist()})
        cases.append({"kwargs": kwargs, "len": len(gen), "batches": batches})
    return {"data": data.tolist(), "targets": targets.tolist(), "cases": cases}


reference = {
    "corpus": CORPUS,
    "new_texts": NEW_TEXTS,
    "text_to_word_sequence": [text_to_word_sequence(t) for t in CORPUS],
    "tokenizers": {name: tokenizer_case(kwargs) for name, kwargs in TOKENIZERS.items()},
    "pad_sequences": pad_cases() + [pad_feature_case()],
    "timeseries_generator": generator_cases(),
}

with open("text_reference.json", "w") as f:
    json.dump(reference, f, indent=1)
