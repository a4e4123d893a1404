"""A lecture-style scalar autograd `Value` (Karpathy's micrograd engine.py),
kept beside tests/differential.rs, which runs the same programs here and in
the micrograd binary and compares every printed number.

Differences from the lecture's class, all to match the tool's engine:
data and grad are floats (the engine keeps f64); an exponent may be a Value
too; tanh, exp, log, relu, sigmoid, sin, cos, sqrt and abs exist as methods;
kinks follow PyTorch as the engine does: relu'(0) = 0, abs'(0) = 0,
d(x**y)/dx = 0 where y = 0, d(x**y)/dy = 0 at x = 0 with y >= 0.

`install()` makes what the tool has built in available as Python built-ins
(the math functions called as functions, `pi`, `e`), so a program in the
tool's pure subset runs here unchanged. `from micrograd.engine import Value`
works because this file's folder holds a `micrograd` package shim.
"""

import builtins
import math


def _ln(x):
    if x > 0:
        return math.log(x)
    if x == 0:
        return -math.inf
    return math.nan


class Value:
    def __init__(self, data, _children=(), _op='', label=''):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        x, y = self.data, other.data
        out = Value(x ** y, (self, other), '**')

        def _backward():
            if y != 0:
                self.grad += y * x ** (y - 1) * out.grad
            if not (x == 0 and y >= 0):
                other.grad += out.data * _ln(x) * out.grad
        out._backward = _backward
        return out

    def __rpow__(self, other):
        return Value(other) ** self

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def __rtruediv__(self, other):
        return other * self ** -1

    def _unary(self, value, slope, op):
        out = Value(value, (self,), op)

        def _backward():
            self.grad += slope(out.data) * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        return self._unary(math.tanh(self.data), lambda t: 1 - t * t, 'tanh')

    def exp(self):
        return self._unary(math.exp(self.data), lambda t: t, 'exp')

    def log(self):
        x = self.data
        return self._unary(_ln(x), lambda t: 1 / x, 'log')

    def relu(self):
        x = self.data
        return self._unary(x if x > 0 else 0.0, lambda t: 1.0 if t > 0 else 0.0, 'ReLU')

    def sigmoid(self):
        x = self.data
        if x >= 0:
            s = 1 / (1 + math.exp(-x))
        else:
            z = math.exp(x)
            s = z / (1 + z)
        return self._unary(s, lambda t: t * (1 - t), 'sigmoid')

    def sin(self):
        x = self.data
        return self._unary(math.sin(x), lambda t: math.cos(x), 'sin')

    def cos(self):
        x = self.data
        return self._unary(math.cos(x), lambda t: -math.sin(x), 'cos')

    def sqrt(self):
        return self._unary(math.sqrt(self.data), lambda t: 0.5 / t, 'sqrt')

    def __abs__(self):
        x = self.data
        sign = 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)
        return self._unary(abs(x), lambda t: sign, 'abs')

    def abs(self):
        return abs(self)

    def zero_grad(self):
        for v in self._topo():
            v.grad = 0.0

    def _topo(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        return topo

    def backward(self):
        self.grad = 1.0
        for v in reversed(self._topo()):
            v._backward()


def _function(name):
    def apply(x):
        if isinstance(x, Value):
            return getattr(x, name)()
        if name == 'relu':
            return x if x > 0 else 0.0
        if name == 'sigmoid':
            return Value(x).sigmoid().data
        return getattr(math, name)(x)
    apply.__name__ = name
    return apply


def install():
    """The tool's built-ins as Python built-ins."""
    for name in ('tanh', 'exp', 'log', 'relu', 'sigmoid', 'sin', 'cos', 'sqrt'):
        setattr(builtins, name, _function(name))
    builtins.pi = math.pi
    builtins.e = math.e
    builtins.Value = Value
