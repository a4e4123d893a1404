"""The lecture's engine module: its Value."""
from value import Value  # noqa: F401
