"""A BERT sentence encoder as an ONNX graph, run by ONNX Runtime: the same arithmetic as sentence-transformers
in fp32, without torch.

``write_encoder_graph`` turns a BERT state dict into a graph of the encoder: input embeddings +
positions + token type, LayerNorm, the transformer layers, mean pooling over the attention mask and
L2 normalisation. Word embeddings stay out of the graph: the caller looks up the rows a text needs
(``OnnxEncoder``'s ``word_embeddings``), so a 250,000-token table need not be loaded, and the graph
holds only the layers (86 MB for multilingual-e5-small, in a ``.weights`` file beside it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

OPSET = 17


def write_encoder_graph(weights: dict[str, np.ndarray], config: dict, path: Path) -> None:
    """An ONNX graph of the BERT encoder over ``weights`` (``BertModel`` parameter names), mean-pooled and
    normalised; inputs ``embeddings`` [batch, tokens, hidden] and ``attention_mask`` [batch, tokens]."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    head_size, eps = hidden // heads, float(config["layer_norm_eps"])
    nodes: list = []
    initializers: list = []

    def const(name: str, value: np.ndarray) -> str:
        initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], name: str, **attributes) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attributes))
        return name

    def linear(x: str, prefix: str, out: str) -> str:
        weight = const(f"{prefix}.weight.T", weights[f"{prefix}.weight"].T)
        return node("Add", [node("MatMul", [x, weight], f"{out}.mm"), const(f"{prefix}.bias", weights[f"{prefix}.bias"])], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node("LayerNormalization", [x, const(f"{prefix}.weight", weights[f"{prefix}.weight"]),
                                           const(f"{prefix}.bias", weights[f"{prefix}.bias"])], out, axis=-1, epsilon=eps)

    split_heads = const("split_heads", np.array([0, 0, heads, head_size], dtype=np.int64))
    merge_heads = const("merge_heads", np.array([0, 0, hidden], dtype=np.int64))
    tokens = node("Gather", [node("Shape", ["embeddings"], "shape"), const("token_dim", np.array([1], dtype=np.int64))],
                  "tokens")
    positions = node("Slice", [const("positions", weights["embeddings.position_embeddings.weight"]),
                               const("zero_1d", np.array([0], dtype=np.int64)), tokens], "position_rows")
    x = node("Add", [node("Add", ["embeddings", positions], "with_positions"),
                     const("token_type", weights["embeddings.token_type_embeddings.weight"][0])], "with_type")
    x = layer_norm(x, "embeddings.LayerNorm", "embedded")
    mask = node("Cast", ["attention_mask"], "mask", to=TensorProto.FLOAT)
    # 0 where a token is attended to, the most negative float where it is padding (as transformers does).
    blocked = node("Mul", [node("Sub", [const("one_f", np.array(1.0, dtype=np.float32)), mask], "unmask"),
                           const("float_min", np.array(np.finfo(np.float32).min, dtype=np.float32))], "blocked")
    attention_bias = node("Unsqueeze", [blocked, const("axes12", np.array([1, 2], dtype=np.int64))], "attention_bias")
    scale = const("scale", np.array(1.0 / math.sqrt(head_size), dtype=np.float32))
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"

        def heads_of(name: str, perm: list[int]) -> str:
            projected = linear(x, f"{p}.attention.self.{name}", f"l{i}.{name}")
            return node("Transpose", [node("Reshape", [projected, split_heads], f"l{i}.{name}.split")],
                        f"l{i}.{name}.heads", perm=perm)

        q, k, v = heads_of("query", [0, 2, 1, 3]), heads_of("key", [0, 2, 3, 1]), heads_of("value", [0, 2, 1, 3])
        scores = node("Add", [node("Mul", [node("MatMul", [q, k], f"l{i}.qk"), scale], f"l{i}.scaled"), attention_bias],
                      f"l{i}.scores")
        context = node("MatMul", [node("Softmax", [scores], f"l{i}.probs", axis=-1), v], f"l{i}.context")
        context = node("Reshape", [node("Transpose", [context], f"l{i}.context.t", perm=[0, 2, 1, 3]), merge_heads],
                       f"l{i}.context.merged")
        attended = linear(context, f"{p}.attention.output.dense", f"l{i}.attention")
        x = layer_norm(node("Add", [attended, x], f"l{i}.attention.residual"), f"{p}.attention.output.LayerNorm", f"l{i}.attended")
        inner = linear(x, f"{p}.intermediate.dense", f"l{i}.inner")
        # erf GELU: x/2 (1 + erf(x/sqrt 2))
        erf = node("Erf", [node("Mul", [inner, const(f"l{i}.inv_sqrt2", np.array(1 / math.sqrt(2), dtype=np.float32))],
                                f"l{i}.inner.scaled")], f"l{i}.erf")
        gelu = node("Mul", [node("Mul", [inner, node("Add", [erf, "one_f"], f"l{i}.erf1")], f"l{i}.gelu2"),
                            const(f"l{i}.half", np.array(0.5, dtype=np.float32))], f"l{i}.gelu")
        out = linear(gelu, f"{p}.output.dense", f"l{i}.output")
        x = layer_norm(node("Add", [out, x], f"l{i}.output.residual"), f"{p}.output.LayerNorm", f"l{i}.out")
    mask3 = node("Unsqueeze", [mask, const("axis2", np.array([2], dtype=np.int64))], "mask3")
    token_axis = const("token_axis", np.array([1], dtype=np.int64))
    summed = node("ReduceSum", [node("Mul", [x, mask3], "masked"), token_axis], "summed", keepdims=0)
    counts = node("ReduceSum", [mask3, token_axis], "counts", keepdims=0)
    mean = node("Div", [summed, node("Max", [counts, const("min_count", np.array(1e-9, dtype=np.float32))], "counts_safe")],
                "mean")
    norm = node("Max", [node("ReduceL2", [mean], "norm", axes=[-1], keepdims=1),
                        const("min_norm", np.array(1e-12, dtype=np.float32))], "norm_safe")
    node("Div", [mean, norm], "sentence_embedding")
    graph = helper.make_graph(
        nodes, "bert_mean_pooled",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "tokens", hidden]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="jinan-plan-qa")
    # The weights in a file of their own: ONNX Runtime maps it instead of copying it (65 MB less resident).
    onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                    location=f"{path.name}.weights", size_threshold=1024)


class Tokenizer(Protocol):
    def encode(self, text: str, max_tokens: int = 512) -> list[int]: ...


class OnnxEncoder:
    """Encodes texts with the graph at ``graph``: ``tokenizer`` gives the token ids, ``word_embeddings`` their vectors
    (an int array of ids in, float32 [..., hidden] out). ONNX Runtime sessions may be run from several threads at once."""

    def __init__(self, graph: Path, tokenizer: Tokenizer, word_embeddings: Callable[[np.ndarray], np.ndarray],
                 threads: int = 2, max_tokens: int = 512):
        import onnxruntime

        self.tokenizer = tokenizer
        self.word_embeddings = word_embeddings
        self.max_tokens = max_tokens
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text (prompts already prepended), all in one padded batch."""
        encodings = [self.tokenizer.encode(text, self.max_tokens) for text in texts]
        width = max(map(len, encodings))
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding)] = encoding
            mask[row, : len(encoding)] = 1
        (vectors,) = self.session.run(None, {"embeddings": self.word_embeddings(ids), "attention_mask": mask})
        return vectors
