"""Matching: suggestions for needs and achievements, explained, from a hybrid dense + BM25 engine."""
