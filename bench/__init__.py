"""Benchmarks and accuracy runs: `make bench` or `python -m bench.NAME`."""
