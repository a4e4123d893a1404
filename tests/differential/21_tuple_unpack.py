# tuple unpacking in assignments, swaps and returned tuples
def divmod_like(a, b):
    return a // b, a % b
q, r = divmod_like(17, 5);
print(q, r)
a, b = 1.5, -2.5;
a, b = b, a;
print(a, b)
(x, y), z = (1, 2), 3;
print(x, y, z)
pairs = [(1, 2.0), (3, 4.0)];
for n, v in pairs:
    print(n * v)
