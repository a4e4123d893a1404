# a training loop: zero with p.grad = 0.0, step with p.data += -lr * p.grad
# (the loss is printed before the step: here loss.data would follow the
# parameters at once, the live nudge, while Python keeps the old value)
def neuron(ws, b, xs):
    return (sum(w * x for w, x in zip(ws, xs)) + b).tanh()
ws = [Value(0.3), Value(-0.1), Value(0.2)];
b = Value(0.0);
params = ws + [b];
xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
ys = [1.0, -1.0, -1.0, 1.0];
for k in range(15):
    ypred = [neuron(ws, b, x) for x in xs]
    loss = sum((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred))
    for p in params:
        p.grad = 0.0
    loss.backward()
    print(k, loss.data)
    for p in params:
        p.data += -0.05 * p.grad
print([p.data for p in params])
