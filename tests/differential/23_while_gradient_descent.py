# gradient descent on one weight with while, stopping on a tolerance
w = Value(5.0);
steps = 0;
while steps < 200:
    loss = (w * 2.0 - 3.0) ** 2
    if loss.data < 1e-10:
        break
    w.grad = 0.0
    loss.backward()
    w.data += -0.05 * w.grad
    steps += 1
print(steps, w.data, loss.data)
