"""Encoders and vector/lexical indexes. Pure: no Flask, no database; objects are passed in."""
from .encoders import EmptyText, Encoder, encode_documents, load_encoder
from .lexical import LexicalIndex, Tokenizer
from .vector_index import IndexError_, ManifestMismatch, VectorIndex

__all__ = [
    "EmptyText",
    "Encoder",
    "IndexError_",
    "LexicalIndex",
    "ManifestMismatch",
    "Tokenizer",
    "VectorIndex",
    "encode_documents",
    "load_encoder",
]
