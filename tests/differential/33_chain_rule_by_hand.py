# the lecture's first graph, with gradients read one by one
a = Value(2.0, label='a'); b = Value(-3.0, label='b'); c = Value(10.0, label='c');
e = a * b; d = e + c; f = Value(-2.0, label='f');
L = d * f;
L.backward()
for v in [a, b, c, e, d, f, L]:
    print(v.data, v.grad)
