# functions with default arguments and keywords
def affine(x, w=2.0, b=-1.0):
    return x * w + b
x = Value(3.0, label='x');
y = affine(x);
z = affine(x, 0.5);
t = affine(x, b=4.0);
u = affine(w=-1.5, x=x);
L = y * z + t * u;
L.backward()
print(y.data, z.data, t.data, u.data, L.data)
print(x.grad)
