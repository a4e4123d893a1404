# nested loops with break out of the inner one and continue in the outer
found = [];
for i in range(1, 6):
    if i == 3:
        continue
    for j in range(1, 6):
        if i * j > 8:
            break
        found.append(i * j)
print(found, len(found))
