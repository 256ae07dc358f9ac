"""The project's benchmark suite: ``python benchmarks/run.py`` (see ``benchmarks/README.md``).

A package so that the tests can import the data generator and the fake server; nothing here is
part of the installed library.
"""
