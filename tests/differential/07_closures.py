# nested functions and closures over an enclosing function's names
def make_scaler(k):
    def scale(v):
        return v * k
    return scale
double = make_scaler(2.0);
triple = make_scaler(3.0);
x = Value(1.5);
y = double(x) + triple(x) * double(x);
y.backward()
print(y.data, x.grad)
def outer():
    n = 3
    def inner(m):
        return n * m + 1
    return inner(4) + inner(5)
print(outer())
