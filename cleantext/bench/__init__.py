"""Benchmarks against human gold (``python -m cleantext.bench``); data read from a folder, never shipped."""
