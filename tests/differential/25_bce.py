# binary cross-entropy with sigmoid and log
def bce(z, y):
    p = z.sigmoid()
    return -(y * p.log() + (1 - y) * (1 - p).log())
zs = [Value(0.4), Value(-1.2), Value(2.5)];
ys = [1.0, 0.0, 1.0];
L = sum(bce(z, y) for z, y in zip(zs, ys));
L.backward()
print(L.data)
print([z.grad for z in zs])
