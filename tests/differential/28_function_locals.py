# locals shadow globals; reads fall back to the session's names
rate = 0.5;
def step(x):
    y = x * rate
    rate2 = rate * 2
    return y + rate2
def shadow(x):
    rate = 10.0
    return x * rate
x = Value(2.0);
a = step(x);
b = shadow(x);
c = a * b;
c.backward()
print(a.data, b.data, c.data, x.grad, rate)
