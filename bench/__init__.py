"""Benchmarks of the notai SDK against the sandbox over loopback HTTP; `python -m bench --help`."""
