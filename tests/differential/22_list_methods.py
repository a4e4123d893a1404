# list building: append, extend, pop, +, *, len, in
xs = [];
for i in range(6):
    xs.append(i * 1.5)
xs.extend([100, 200])
last = xs.pop();
first = xs.pop(0);
print(xs, last, first, len(xs))
ys = xs + [7] * 3;
print(ys, 7 in ys, 8 in ys, 4.5 not in ys)
