# a node used twice accumulates; a second backward adds onto the leaves
# (only leaves straight under the root here: the lecture's Value would also
# send its inner nodes' old gradients down again, which PyTorch, and this
# tool, do not; so deeper graphs are zeroed before a second backward, and
# the root's own gradient, which PyTorch also accumulates, is not printed)
a = Value(3.0);
b = a + a;
c = a * a * a;
d = b * c;
d.backward()
print(a.grad)
d.zero_grad()
d.backward()
print(a.grad, d.grad)
x = Value(2.0); y = Value(-4.0);
z = x * y;
z.backward()
z.backward()
print(x.grad, y.grad)
