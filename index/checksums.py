"""SHA-256 checksums of files and model directories (index manifests record them)."""

from __future__ import annotations

import hashlib
from pathlib import Path

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".onnx")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def directory_weights_sha256(folder: Path) -> str:
    """One checksum over every weight file in a model directory (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in WEIGHT_SUFFIXES:
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(file_sha256(path).encode())
    return digest.hexdigest()
