# the lecture's neuron written with def and zip
def neuron(xs, ws, b):
    act = sum(w * x for w, x in zip(ws, xs)) + b
    return act.tanh()
x1 = Value(2.0, label='x1'); x2 = Value(0.0, label='x2');
w1 = Value(-3.0, label='w1'); w2 = Value(1.0, label='w2');
b = Value(6.8813735870195432, label='b');
o = neuron([x1, x2], [w1, w2], b);
o.backward()
print(o.data)
print(x1.grad, x2.grad, w1.grad, w2.grad, b.grad)
