"""Benchmarks of Dilemmaspel: run on demand with ``python -m bench``; they print figures, never pass or fail."""
