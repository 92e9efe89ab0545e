"""Benchmarks against human gold (``python -m benchmarks``); data read from a folder, never shipped."""
