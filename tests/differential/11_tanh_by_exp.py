# tanh written with exp, as in the lecture, against the built-in tanh
x1 = Value(2.0); x2 = Value(0.0); w1 = Value(-3.0); w2 = Value(1.0);
b = Value(6.8813735870195432);
n = x1 * w1 + x2 * w2 + b;
t = (2 * n).exp();
o = (t - 1) / (t + 1);
o.backward()
print(o.data, x1.grad, w1.grad, x2.grad, w2.grad)
m = x1 * w1 + x2 * w2 + b;
o2 = m.tanh();
o2.backward()
print(o2.data, x1.grad, w1.grad)
