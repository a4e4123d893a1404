# recursion: factorial, fibonacci, and a recursive power of a Value
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def power(x, n):
    if n == 0:
        return 1.0
    return x * power(x, n - 1)
print(fact(10), fib(15))
x = Value(1.1);
p = power(x, 12);
p.backward()
print(p.data, x.grad)
