# a 2-2-1 sigmoid network built from scalars, trained three steps
# (the loss is printed before the step: here loss.data would follow the
# parameters at once, the live nudge, while Python keeps the old value)
def unit(ws, b, xs):
    return (sum(w * x for w, x in zip(ws, xs)) + b).sigmoid()
h_ws = [[Value(0.5), Value(-0.5)], [Value(0.25), Value(0.75)]];
h_bs = [Value(0.1), Value(-0.1)];
o_ws = [Value(1.0), Value(-1.0)];
o_b = Value(0.2);
params = [w for ws in h_ws for w in ws] + h_bs + o_ws + [o_b];
data = [([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0), ([0.0, 0.0], 0.0)];
for step in range(3):
    loss = Value(0.0)
    for xs, y in data:
        h = [unit(ws, b, xs) for ws, b in zip(h_ws, h_bs)]
        o = unit(o_ws, o_b, h)
        loss = loss + (o - y) ** 2
    for p in params:
        p.grad = 0.0
    loss.backward()
    print(step, loss.data)
    for p in params:
        p.data -= 1.0 * p.grad
print([p.data for p in params])
