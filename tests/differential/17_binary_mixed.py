# binary operators with plain numbers on either side (radd, rsub, rmul, rtruediv)
a = Value(1.5); b = Value(-0.75);
exprs = [a + 2, 2 + a, a - 3, 3 - a, a * 4, 4 * a, a / 5, 5 / a, a ** 3, 2 ** a, a ** b, -a, a / b - b * a];
for t in exprs:
    a.grad = 0.0
    b.grad = 0.0
    t.backward()
    print(t.data, a.grad, b.grad)
