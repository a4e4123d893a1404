# indexing with negative positions, assignment into lists
xs = [10.0, 20.0, 30.0, 40.0];
print(xs[-1], xs[-2], xs[0], xs[len(xs) - 1])
xs[-1] = 4.5;
xs[1] += 0.25;
print(xs)
nested = [[1, 2], [3, 4, 5]];
print(nested[-1][-3], nested[0][-1])
r = range(3, 30, 4);
print(r[-1], r[2], len(r))
