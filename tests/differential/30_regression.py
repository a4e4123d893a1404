# linear regression y = 2x - 1 fitted by a training loop
# (the loss is printed before the step: here loss.data would follow the
# parameters at once, the live nudge, while Python keeps the old value)
w = Value(0.0); b = Value(0.0);
data = [(x / 4, 2 * (x / 4) - 1) for x in range(-4, 5)];
for epoch in range(30):
    loss = sum((w * x + b - y) ** 2 for x, y in data) / len(data)
    for p in [w, b]:
        p.grad = 0.0
    loss.backward()
    if epoch % 5 == 4:
        print(epoch, loss.data, w.data, b.data)
    for p in [w, b]:
        p.data += -0.3 * p.grad
