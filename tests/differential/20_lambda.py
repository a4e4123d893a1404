# lambda values, passed to functions
square = lambda v: v * v;
def apply_twice(f, v):
    return f(f(v))
x = Value(1.25);
y = apply_twice(square, x) + apply_twice(lambda v: v + 1, x);
y.backward()
print(y.data, x.grad)
print((lambda a, b=2: a * b)(5))
