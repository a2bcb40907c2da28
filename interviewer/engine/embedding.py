"""Sentence embeddings from the bundled sentence-transformers model, run by ONNX Runtime with
8-bit weights.

Why not PyTorch: grading an answer embeds about a dozen sentences and must take under 100 ms
on one core. On one thread, PyTorch embeds a model answer's sentences in about 78 ms of CPU,
ONNX Runtime with int8 weights (quantised per output channel) in about 23 ms, and the two
runtimes' vectors of the same sentence agree to a median cosine of 0.993 (0.976 at worst over
the bank's sentences): `bench/embedding_runtime.py` prints these figures.

The int8 model is converted from the bundled weights the first time a process needs it and
kept in MODEL_CACHE_DIR (nothing is downloaded); a second process, or a second worker on the
same machine, reuses the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np

# Bump when the conversion below changes, so that cached files made by the old one are ignored.
CONVERSION_VERSION = 1


class Embedder:
    """Encodes texts into L2-normalised vectors, like SentenceTransformer.encode."""

    def __init__(self, model_dir: str | os.PathLike, cache_dir: str | os.PathLike, threads: int = 1):
        import onnxruntime
        from transformers import AutoTokenizer

        model_dir = Path(model_dir)
        self.pooling = _pooling_mode(model_dir)
        self.max_length = _max_seq_length(model_dir)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(_converted_model(model_dir, Path(cache_dir))), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.dimension = self.session.get_outputs()[0].shape[-1]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One text at a time: int8 activations are scaled per run, so a text batched with others
        would get a vector that depends on its batch mates; alone, a text always gets the same
        vector (and nothing is spent on padding)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self.encode_with_words(text)[0] for text in texts])

    def _hidden(self, tokens) -> np.ndarray:
        return self.session.run(None, {name: tokens[name].astype(np.int64) for name in self.input_names})[0][0]

    def encode_with_words(self, text: str) -> tuple[np.ndarray, list[str], np.ndarray]:
        """The text's vector, and from the same run its words (as the tokenizer splits them,
        lower-cased) with one L2-normalised vector each in context: the mean of the word's
        pieces' last hidden states."""
        tokens = self.tokenizer([text], truncation=True, max_length=self.max_length, return_tensors="np")
        hidden = self._hidden(tokens)
        pooled = hidden[0] if self.pooling == "cls" else hidden.mean(axis=0)
        positions_of: dict[int, list[int]] = {}
        for position, word in enumerate(tokens.word_ids(0)):
            if word is not None:
                positions_of.setdefault(word, []).append(position)
        pieces = tokens["input_ids"][0]
        words = [self.tokenizer.decode(pieces[positions]).replace(" ", "") for positions in positions_of.values()]
        vectors = (
            np.stack([hidden[positions].mean(axis=0) for positions in positions_of.values()])
            if words
            else np.zeros((0, self.dimension), dtype=np.float32)
        )
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return pooled / max(float(np.linalg.norm(pooled)), 1e-12), words, vectors

    def encode_pair(self, first: str, second: str, max_tokens: int) -> np.ndarray:
        """The mean last hidden state of the two texts read as one input ("[CLS] first [SEP] second
        [SEP]", at most `max_tokens`, the longer cut first): every word of each is read in the
        context of the other, as a cross-encoder reads a pair (not normalised)."""
        tokens = self.tokenizer(
            [first], [second or "."], truncation="longest_first", max_length=max_tokens, return_tensors="np"
        )
        return self._hidden(tokens).mean(axis=0)


def _pooling_mode(model_dir: Path) -> str:
    config = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    if config.get("pooling_mode_mean_tokens"):
        return "mean"
    if config.get("pooling_mode_cls_token"):
        return "cls"
    raise ValueError(f"{model_dir}: only mean or CLS pooling is supported")


def _max_seq_length(model_dir: Path) -> int:
    config = model_dir / "sentence_bert_config.json"
    return json.loads(config.read_text()).get("max_seq_length", 256) if config.exists() else 256


def _converted_model(model_dir: Path, cache_dir: Path) -> Path:
    """The int8 ONNX file for `model_dir`, converting it if no process has yet."""
    import onnxruntime

    weights = next(p for p in (model_dir / "model.safetensors", model_dir / "pytorch_model.bin") if p.exists())
    stat = weights.stat()
    key = f"{weights.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{onnxruntime.__version__}|{CONVERSION_VERSION}"
    target = cache_dir / f"{model_dir.name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.int8.onnx"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache_dir) as work:
            exported = Path(work) / "model.onnx"
            quantised = Path(work) / "model.int8.onnx"
            _export(model_dir, exported)
            _quantise(exported, quantised)
            # Atomic: a process starting at the same moment sees no file or a whole one.
            os.replace(quantised, target)
    return target


def _export(model_dir: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(str(model_dir)).eval()
    sample = AutoTokenizer.from_pretrained(str(model_dir))(
        ["a sample sentence", "another"], padding=True, return_tensors="pt"
    )
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, *inputs):
            return self.model(**dict(zip(names, inputs))).last_hidden_state

    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "hidden"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing, which this model doesn't hit
        torch.onnx.export(
            LastHiddenState(),
            tuple(sample[n] for n in names),
            str(target),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def _quantise(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # quantize_dynamic advises shape pre-processing, which gains nothing here
    try:
        # Per channel: per-tensor int8 moved some vectors to a cosine of 0.91 with PyTorch's.
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)
