"""Runs a differential program (tests/differential/*.py) in Python with the
lecture-style Value of value.py: python3 tests/python/run.py PROGRAM."""

import os
import runpy
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.setrecursionlimit(10000)

import value  # noqa: E402

value.install()
runpy.run_path(sys.argv[1], run_name="__main__")
