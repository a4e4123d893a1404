# for over range with start, stop and step; sums of plain numbers
total = 0.0;
for i in range(5):
    total = total + i * 0.5
    print(i, total)
for i in range(10, 2, -3):
    print("down", i)
for i in range(2, 6):
    print(i * i)
