# PyTorch peer for LayerLab's benchmark: same models, random data, Adam; prints the median samples/s last.
import statistics
import sys
import time

import torch
from torch import nn

kind, batch, batches, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(2)
torch.manual_seed(1)


def model():
    if kind == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 20, 5), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))


shape = (batch, 784) if kind == "mlp" else (batch, 1, 28, 28)
data = [(torch.rand(shape), torch.randint(0, 10, (batch,))) for _ in range(batches)]
loss_fn = nn.CrossEntropyLoss()
speeds = []
for r in range(rounds + 1):
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    t0 = time.perf_counter()
    for x, y in data:
        opt.zero_grad()
        loss_fn(net(x), y).backward()
        opt.step()
    if r > 0:  # the first round warms up
        speeds.append(batch * batches / (time.perf_counter() - t0))
print(statistics.median(speeds))
