# while with break and continue
def count():
    n = 0
    seen = []
    while True:
        n = n + 1
        if n % 2 == 0:
            continue
        if n > 9:
            break
        seen.append(n)
    print(seen, n)
    k = 10.0
    while k > 1:
        k = k / 3
    print(k)
count()
