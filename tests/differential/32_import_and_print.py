# imports the lecture makes, print of several kinds of values
from micrograd.engine import Value
import math
a = Value(2.0, label='a');
print(math.exp(1), math.tanh(0.5), math.sqrt(2), math.log(8, 2), math.pi)
print(a)
print("loss", 0.25, True, False, None, [1.5, "x"], (2.5,), (1, 2))
print(1, 2, 3, sep=", ")
print("no newline", end="|")
print("after")
b = a * 3;
print(b.data, a.data)
