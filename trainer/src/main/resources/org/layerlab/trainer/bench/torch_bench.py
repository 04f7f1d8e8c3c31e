# PyTorch peer for LayerLab's benchmark: the same models on random data, Adam, under PyTorch's own
# settings (the caller sets OPENBLAS_NUM_THREADS=1, OMP_WAIT_POLICY=ACTIVE and glibc's malloc thresholds
# as LayerLab sets its own; torch uses 2 threads).
# Prints which BLAS library the process loaded, then one warm-up pass and the samples/s of each timed
# pass, the last line being their median.
import ctypes
import os
import statistics
import sys
import time

import torch
from torch import nn

kind, batch, batches, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
threads = int(os.environ.get("LAYERLAB_TORCH_THREADS", "2"))
torch.set_num_threads(threads)
torch.manual_seed(1)
VOCAB = 83


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c), nn.ReLU(),
                               nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c))

    def forward(self, x):
        return torch.relu(x + self.a(x))


class Recurrent(nn.Module):
    def __init__(self, cell, features, units, outputs, every_step):
        super().__init__()
        self.rnn = cell(features, units, batch_first=True)
        self.out = nn.Linear(units, outputs)
        self.every_step = every_step

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.out(h if self.every_step else h[:, -1])


def model():
    if kind == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    if kind == "lenet":
        return nn.Sequential(nn.Conv2d(1, 20, 5), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))
    if kind == "rescnn":
        return nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), Residual(16),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))
    if kind == "charlstm":
        return Recurrent(nn.LSTM, VOCAB, 128, VOCAB, True)
    if kind == "gru":
        return Recurrent(nn.GRU, 16, 64, 10, False)
    raise SystemExit("unknown model " + kind)


shapes = {"mlp": (batch, 784), "lenet": (batch, 1, 28, 28), "rescnn": (batch, 3, 32, 32),
          "charlstm": (batch, 50, VOCAB), "gru": (batch, 50, 16)}
classes = VOCAB if kind == "charlstm" else 10
label_shape = (batch, 50) if kind == "charlstm" else (batch,)
data = [(torch.rand(shapes[kind]), torch.randint(0, classes, label_shape)) for _ in range(batches)]
loss_fn = nn.CrossEntropyLoss()

torch.mm(torch.rand(64, 64), torch.rand(64, 64))
with open("/proc/self/maps") as maps:
    libs = sorted({os.path.realpath(line.split()[-1]) for line in maps
                   if len(line.split()) >= 6 and ("blas" in line.lower() or "mkl" in line.lower())})
print("blas: " + (";".join(libs) if libs else "none loaded (torch's own)"))
kernel = "unknown"
for lib in libs:
    if "openblas" in lib:
        try:
            corename = ctypes.CDLL(lib).openblas_get_corename
            corename.restype = ctypes.c_char_p
            kernel = "OpenBLAS " + corename().decode()
        except (OSError, AttributeError):
            pass
print("kernel: " + kernel)
print("torch: %s, %d threads, OMP_WAIT_POLICY=%s OPENBLAS_NUM_THREADS=%s; malloc: %s" % (torch.__version__,
      torch.get_num_threads(), os.environ.get("OMP_WAIT_POLICY"), os.environ.get("OPENBLAS_NUM_THREADS"),
      " ".join("%s=%s" % (k, os.environ[k]) for k in sorted(os.environ) if k.startswith("MALLOC_")) or "glibc's defaults"))

net = model()
opt = torch.optim.Adam(net.parameters(), lr=1e-3)


def one_pass():
    t0 = time.perf_counter()
    for x, y in data:
        opt.zero_grad()
        out = net(x)
        loss = loss_fn(out.reshape(-1, classes), y.reshape(-1))
        loss.backward()
        opt.step()
    return batch * batches / (time.perf_counter() - t0)


one_pass()  # warm-up
speeds = [one_pass() for _ in range(rounds)]
for s in speeds:
    print("pass: %.1f" % s)
print(statistics.median(speeds))
