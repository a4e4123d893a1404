# list comprehensions with if, nested comprehensions
xs = [Value(v) for v in [1.5, -2.0, 0.25, 3.0, -0.5]];
pos = [x for x in xs if x.data > 0];
sq = [x * x for x in pos];
s = sum(sq);
s.backward()
print(len(pos), s.data)
print([x.grad for x in xs])
grid = [[i * j for j in range(3)] for i in range(3) if i != 1];
print(grid)
