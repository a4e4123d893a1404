# the lecture's 3-4-4-1 tanh network built from functions and trained
# (the loss is printed before the step: here loss.data would follow the
# parameters at once, the live nudge, while Python keeps the old value)
def neuron(ws, b, xs):
    return (sum(w * x for w, x in zip(ws, xs)) + b).tanh()
def make_layer(nin, nout, start):
    weights = []
    for j in range(nout):
        weights.append([Value(((start + 7 * j + 3 * i) % 11 - 5) / 10) for i in range(nin)])
    biases = [Value(((start + j) % 5 - 2) / 10) for j in range(nout)]
    return weights, biases
def forward(net, x):
    for weights, biases in net:
        x = [neuron(ws, b, x) for ws, b in zip(weights, biases)]
    return x[0]
net = [make_layer(3, 4, 1), make_layer(4, 4, 2), make_layer(4, 1, 3)];
params = [];
for weights, biases in net:
    for ws in weights:
        params.extend(ws)
    params.extend(biases)
print(len(params))
xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
ys = [1.0, -1.0, -1.0, 1.0];
for k in range(20):
    ypred = [forward(net, x) for x in xs]
    loss = sum((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred))
    for p in params:
        p.grad = 0.0
    loss.backward()
    print(k, loss.data)
    final = [y.data for y in ypred]
    for p in params:
        p.data += -0.1 * p.grad
print(final)
