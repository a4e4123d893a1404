# a two-layer net from functions: layers of neurons over lists of weights
def neuron(ws, b, xs):
    return (sum(w * x for w, x in zip(ws, xs)) + b).tanh()
def layer(weights, biases, xs):
    return [neuron(ws, b, xs) for ws, b in zip(weights, biases)]
W1 = [[Value(0.1), Value(-0.2), Value(0.3)], [Value(-0.4), Value(0.5), Value(0.6)]];
B1 = [Value(0.01), Value(-0.02)];
W2 = [[Value(0.7), Value(-0.8)]];
B2 = [Value(0.05)];
h = layer(W1, B1, [2.0, 3.0, -1.0]);
out = layer(W2, B2, h)[0];
loss = (out - 1.0) ** 2;
loss.backward()
print(out.data, loss.data)
for row in W1:
    print([w.grad for w in row])
print([b.grad for b in B1], W2[0][0].grad, W2[0][1].grad, B2[0].grad)
