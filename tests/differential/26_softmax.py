# softmax cross-entropy over three logits
logits = [Value(1.0), Value(2.0), Value(-0.5)];
exps = [z.exp() for z in logits];
total = sum(exps);
probs = [t / total for t in exps];
loss = -probs[1].log();
loss.backward()
print([p.data for p in probs])
print(loss.data, [z.grad for z in logits])
