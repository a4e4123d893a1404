# generator expressions as the only argument of sum, min, max
xs = [0.5, -1.5, 2.0, 3.5];
print(sum(x * x for x in xs), min(x - 1 for x in xs), max(abs(x) for x in xs))
ws = [Value(x) for x in xs];
L = sum(w ** 2 for w in ws if w.data > 0);
L.backward()
print(L.data, [w.grad for w in ws])
