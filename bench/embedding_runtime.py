"""The embedding runtime against the original: PyTorch (sentence-transformers) and ONNX Runtime
with int8 weights (interviewer/engine/embedding.py), on the bundled MiniLM, one thread each.

    .venv/bin/python bench/embedding_runtime.py

Prints, for the sentences of 100 model answers from the question bank, the time to embed one
answer's sentences (median, CPU time of this thread) with each runtime, and the cosine between
the two runtimes' vectors of the same sentence (minimum, 1st percentile, median).
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import os
import time

import numpy as np
import torch

from interviewer.engine.bank import read_bank
from interviewer.engine.config import current_config
from interviewer.engine.embedding import Embedder
from interviewer.engine.similarity import embedding_model_dir, split_sentences

ANSWERS = 100


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.set_num_threads(1)
    from sentence_transformers import SentenceTransformer

    model_dir = embedding_model_dir()
    original = SentenceTransformer(model_dir, device="cpu")
    converted = Embedder(model_dir, cache_dir=current_config().model_cache_dir)
    answers = [split_sentences(q.model_answer) for d in read_bank() for q in d.questions][:ANSWERS]

    runtimes = {
        "pytorch": lambda texts: original.encode(texts, normalize_embeddings=True, show_progress_bar=False),
        "onnx_int8": converted.encode,
    }
    vectors = {}
    for name, encode in runtimes.items():
        timings, vectors[name] = [], []
        for sentences in answers:
            started = time.thread_time()
            vectors[name].append(encode(sentences))
            timings.append((time.thread_time() - started) * 1000)
        print(
            f"{name}_per_answer_cpu_median_ms={np.median(timings):.1f} "
            f"(sentences per answer: median {np.median([len(a) for a in answers]):.0f})"
        )
    cosines = np.concatenate([(a * b).sum(axis=1) for a, b in zip(vectors["pytorch"], vectors["onnx_int8"])])
    print(
        f"cosine_min={cosines.min():.4f} cosine_p1={np.percentile(cosines, 1):.4f} "
        f"cosine_median={np.median(cosines):.4f} sentences={len(cosines)}"
    )


if __name__ == "__main__":
    main()
