#!/usr/bin/env python3
"""Write a tiny random BERT that transformers.js loads through its real offline code path.

Usage: python3 scripts/make-tiny-model.py [--minilm-shapes] <out-dir> [model-id]

Creates <out-dir>/<model-id>/ (model-id defaults to "tiny-bert") with config.json, tokenizer.json,
tokenizer_config.json, onnx/model.onnx (fp32) and onnx/model_quantized.onnx (int8 weights, what
`dtype: 'q8'` loads). The model has the shapes of a BERT encoder (word + position + token-type
embeddings, 2 single-head layers, 32 dims) with weights from a fixed seed, so its output is
repeatable. It embeds nothing meaningfully: it exists so tests exercise the loading and pooling
code without a network. Needs only Debian's python3-onnx and python3-numpy.

--minilm-shapes: the widths of all-MiniLM-L6-v2 instead (384 dims, 6 layers, FFN 1536; attention in
one 384-wide head, which costs the same multiply-adds as MiniLM's 12 heads of 32; the same tiny
vocabulary). Random weights: it measures what running MiniLM costs, never what it finds.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MINILM_SHAPES = "--minilm-shapes" in sys.argv
if MINILM_SHAPES:
    sys.argv.remove("--minilm-shapes")
HIDDEN = 384 if MINILM_SHAPES else 32
FFN = 1536 if MINILM_SHAPES else 64
LAYERS = 6 if MINILM_SHAPES else 2
MAX_POS = 512
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = (
    "function return const let var if else for while async await class new this import export from "
    "default string number boolean true false null undefined array object map set get list item value "
    "key data result error throw catch try promise request response user id name file path read write "
    "parse format date time count index length size sort filter find reduce push join split cache "
    "retry delay timeout debounce throttle queue event emit handler route server client test search "
    "hash token config load save update delete create add remove check valid email url json csv text"
).split()


def vocab():
    tokens = list(SPECIAL)
    tokens += [chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += [str(d) for d in range(10)]
    tokens += list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    tokens += ["##" + chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += ["##" + str(d) for d in range(10)]
    tokens += [w for w in WORDS if w not in tokens]
    return {t: i for i, t in enumerate(tokens)}


class Graph:
    """Collects nodes and initializers; `q8` stores MatMul weights as int8 + DequantizeLinear."""

    def __init__(self, rng, q8):
        self.rng, self.q8, self.nodes, self.inits, self.n = rng, q8, [], [], 0

    def name(self, base):
        self.n += 1
        return f"{base}_{self.n}"

    def const(self, base, array):
        name = self.name(base)
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def op(self, op_type, inputs, **attrs):
        out = self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def weight(self, rows, cols):
        w = (self.rng.standard_normal((rows, cols)) * 0.2).astype(np.float32)
        if not self.q8:
            return self.const("w", w)
        scale = np.float32(np.abs(w).max() / 127.0)
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        return self.op("DequantizeLinear", [self.const("wq", q), self.const("ws", np.array(scale, np.float32))])

    def linear(self, x, rows, cols):
        bias = self.const("b", (self.rng.standard_normal(cols) * 0.02).astype(np.float32))
        return self.op("Add", [self.op("MatMul", [x, self.weight(rows, cols)]), bias])

    def layer_norm(self, x):
        gamma = self.const("ln_g", np.ones(HIDDEN, np.float32))
        beta = self.const("ln_b", np.zeros(HIDDEN, np.float32))
        return self.op("LayerNormalization", [x, gamma, beta], axis=-1, epsilon=1e-12)


def encoder_layer(g, x, mask_bias):
    q = g.linear(x, HIDDEN, HIDDEN)
    k = g.linear(x, HIDDEN, HIDDEN)
    v = g.linear(x, HIDDEN, HIDDEN)
    kt = g.op("Transpose", [k], perm=[0, 2, 1])
    scores = g.op("Mul", [g.op("MatMul", [q, kt]), g.const("scale", np.array(1 / np.sqrt(HIDDEN), np.float32))])
    probs = g.op("Softmax", [g.op("Add", [scores, mask_bias])], axis=-1)
    attn = g.linear(g.op("MatMul", [probs, v]), HIDDEN, HIDDEN)
    x = g.layer_norm(g.op("Add", [x, attn]))
    ff = g.linear(g.op("Relu", [g.linear(x, HIDDEN, FFN)]), FFN, HIDDEN)
    return g.layer_norm(g.op("Add", [x, ff]))


def build(vocab_size, q8):
    g = Graph(np.random.default_rng(20240601), q8)
    word = g.const("word_emb", (g.rng.standard_normal((vocab_size, HIDDEN)) * 0.5).astype(np.float32))
    pos = g.const("pos_emb", (g.rng.standard_normal((MAX_POS, HIDDEN)) * 0.1).astype(np.float32))
    typ = g.const("type_emb", (g.rng.standard_normal((2, HIDDEN)) * 0.1).astype(np.float32))
    seq_len = g.op("Gather", [g.op("Shape", ["input_ids"]), g.const("one", np.array(1, np.int64))], axis=0)
    positions = g.op("Range", [g.const("zero", np.array(0, np.int64)), seq_len, g.const("step", np.array(1, np.int64))])
    x = g.op("Add", [g.op("Gather", [word, "input_ids"]), g.op("Gather", [pos, positions])])
    x = g.layer_norm(g.op("Add", [x, g.op("Gather", [typ, "token_type_ids"])]))
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    inv = g.op("Sub", [g.const("f_one", np.array(1, np.float32)), mask])
    bias = g.op("Unsqueeze", [g.op("Mul", [inv, g.const("neg", np.array(-10000, np.float32))]), g.const("ax", np.array([1], np.int64))])
    for _ in range(LAYERS):
        x = encoder_layer(g, x, bias)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))
    ints = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"]) for n in ("input_ids", "attention_mask", "token_type_ids")]
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", HIDDEN])
    graph = helper.make_graph(g.nodes, "tiny_bert", ints, [out], g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make-tiny-model")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def tokenizer_json(v):
    added = [
        {"id": v[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        for t in SPECIAL
    ]
    special = {t: {"id": t, "ids": [v[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")}
    seq = lambda name, tid: {"Sequence": {"id": name, "type_id": tid}}
    tok = lambda name, tid: {"SpecialToken": {"id": name, "type_id": tid}}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [tok("[CLS]", 0), seq("A", 0), tok("[SEP]", 0)],
            "pair": [tok("[CLS]", 0), seq("A", 0), tok("[SEP]", 0), seq("B", 1), tok("[SEP]", 1)],
            "special_tokens": special,
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": v},
    }


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: make-tiny-model.py <out-dir> [model-id]")
    out = os.path.join(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "tiny-bert")
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    v = vocab()
    config = {
        "model_type": "bert", "architectures": ["BertModel"], "hidden_size": HIDDEN, "num_hidden_layers": LAYERS,
        "num_attention_heads": 1, "intermediate_size": FFN, "max_position_embeddings": MAX_POS,
        "vocab_size": len(v), "type_vocab_size": 2, "pad_token_id": 0,
    }
    tok_config = {
        "tokenizer_class": "BertTokenizer", "model_max_length": MAX_POS, "do_lower_case": True,
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "unk_token": "[UNK]", "mask_token": "[MASK]",
    }
    files = {"config.json": config, "tokenizer.json": tokenizer_json(v), "tokenizer_config.json": tok_config}
    for name, value in files.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(value, f, indent=1)
    onnx.save(build(len(v), False), os.path.join(out, "onnx", "model.onnx"))
    onnx.save(build(len(v), True), os.path.join(out, "onnx", "model_quantized.onnx"))
    print(out)


if __name__ == "__main__":
    main()
