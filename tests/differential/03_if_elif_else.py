# if / elif / else and the conditional expression
def sign(x):
    if x > 0:
        return 1.0
    elif x < 0:
        return -1.0
    else:
        return 0.0
for v in [-2.5, 0.0, 3.25]:
    print(v, sign(v), "big" if abs(v) > 3 else "small")
a = Value(0.5);
if a.data > 0.25 and not a.data > 1:
    print("between", a.data)
