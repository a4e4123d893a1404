# min, max and sum over lists of numbers and of nodes
xs = [3.5, -1.25, 8.0, 0.5];
print(min(xs), max(xs), sum(xs), sum(xs, 10))
print(min(4, 2, 9), max(-1.5, -2.5))
vs = [Value(v) for v in xs];
best = vs[2];
low = vs[1];
s = best * low + sum(vs);
s.backward()
print(best.data, low.data, s.data)
print([v.grad for v in vs])
