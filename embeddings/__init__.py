"""Encoders and vector/lexical indexes. Pure: no Flask, no database; objects are passed in."""
from .encoders import EmptyText, Encoder, encode_documents, load_encoder
from .lexical import LexicalIndex, Tokenizer
from .snapshot import Snapshot, SnapshotStore
from .vector_index import IndexError_, ManifestMismatch, VectorIndex, set_threads

__all__ = [
    "EmptyText",
    "Encoder",
    "IndexError_",
    "LexicalIndex",
    "ManifestMismatch",
    "Snapshot",
    "SnapshotStore",
    "Tokenizer",
    "VectorIndex",
    "encode_documents",
    "load_encoder",
    "set_threads",
]
