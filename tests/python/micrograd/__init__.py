"""`from micrograd.engine import Value` in a differential program."""
