# losses written by hand: squared error, mean, a hinge with relu
ys = [1.0, -1.0, 1.0];
preds = [Value(0.8), Value(-0.3), Value(-0.2)];
mse = sum((p - y) ** 2 for p, y in zip(preds, ys)) / len(ys);
hinge = sum((1 + -y * p).relu() for p, y in zip(preds, ys)) * (1.0 / len(ys));
total = mse + hinge;
total.backward()
print(mse.data, hinge.data, total.data)
print([p.grad for p in preds])
