# the math functions called as functions, on nodes and plain numbers
x = Value(0.3);
y = tanh(x) + exp(x) * sigmoid(x) - relu(x) + sin(x) * cos(x) + sqrt(x) + log(x);
y.backward()
print(y.data, x.grad)
print(tanh(0.5), exp(1.0), sigmoid(-2.0), relu(-3.0), sqrt(2.0), log(10.0))
print(pi, e)
