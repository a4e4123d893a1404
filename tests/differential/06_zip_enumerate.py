# zip and enumerate, tuple unpacking in for
ws = [Value(0.5), Value(-1.0), Value(2.0)];
xs = [1.0, 2.0, 3.0];
acc = Value(0.0);
for i, pair in enumerate(zip(ws, xs)):
    w, x = pair
    acc = acc + w * x
    print(i, acc.data)
acc.backward()
for i, w in enumerate(ws, 1):
    print(i, w.grad)
for a, b in zip([1, 2, 3], [10, 20]):
    print(a + b)
