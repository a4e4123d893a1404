# every unary op and its gradient, away from kinks
xs = [Value(0.7), Value(-1.3), Value(2.2)];
for x in xs:
    ops = [x.tanh(), x.exp(), x.relu(), x.sigmoid(), x.sin(), x.cos(), abs(x), (x * x + 1).sqrt(), (x * x).log()]
    for o in ops:
        x.grad = 0.0
        o.backward()
        print(o.data, x.grad)
