"""Generates reference_losses_metrics.txt: Keras 3's loss and metric formulas in NumPy (float64), on fixed data.

Run once: python3 reference_losses_metrics.py > reference_losses_metrics.txt
Formulas follow keras/src/losses/losses.py and keras/src/metrics/*.py (Keras 3.x); the build never needs Python.
"""
import numpy as np

EPS = 1e-7
rng = np.random.default_rng(20261202)
n, c = 8, 3
reg_true = np.round(rng.normal(0, 2, (n, c)), 3)
reg_pred = np.round(reg_true + rng.normal(0, 1.5, (n, c)), 3)
pos_true = np.round(np.abs(reg_true) + 0.1, 3)
pos_pred = np.round(np.abs(reg_pred) + 0.05, 3)
labels = np.array([0, 1, 2, 1, 0, 2, 2, 1])
onehot = np.eye(c)[labels]
logits = np.round(rng.normal(0, 1.5, (n, c)), 3)
probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)

out = {}
def emit(name, value):
    out[name] = float(value)

def mean_last(x):
    return np.mean(np.mean(x, axis=-1))

# ---- regression losses on (reg_true, reg_pred)
e = reg_pred - reg_true
emit("mean_absolute_error", mean_last(np.abs(e)))
emit("mean_absolute_percentage_error", mean_last(100 * np.abs((reg_true - reg_pred) / np.maximum(np.abs(reg_true), EPS))))
emit("huber", mean_last(np.where(np.abs(e) <= 1.0, 0.5 * e**2, 1.0 * np.abs(e) - 0.5)))
emit("huber_delta_2", mean_last(np.where(np.abs(e) <= 2.0, 0.5 * e**2, 2.0 * np.abs(e) - 2.0)))
emit("log_cosh", mean_last(np.log(np.cosh(e))))
emit("cosine_similarity", np.mean(-np.sum(reg_true / np.sqrt(np.maximum((reg_true**2).sum(-1, keepdims=True), EPS))
                                          * reg_pred / np.sqrt(np.maximum((reg_pred**2).sum(-1, keepdims=True), EPS)), -1)))
# hinge family: labels in {-1, 1} from the sign of reg_true
sign_true = np.where(reg_true > 0, 1.0, -1.0)
emit("hinge", mean_last(np.maximum(1 - sign_true * reg_pred, 0)))
emit("squared_hinge", mean_last(np.maximum(1 - sign_true * reg_pred, 0) ** 2))
bits = (reg_true > 0).astype(float)  # {0, 1} labels are mapped to {-1, 1} by Keras
emit("hinge_binary_labels", mean_last(np.maximum(1 - (2 * bits - 1) * reg_pred, 0)))
# positive-valued losses on (pos_true, pos_pred)
emit("mean_squared_logarithmic_error", mean_last((np.log(np.maximum(pos_pred, EPS) + 1) - np.log(np.maximum(pos_true, EPS) + 1)) ** 2))
emit("poisson", mean_last(pos_pred - pos_true * np.log(pos_pred + EPS)))
# ---- probabilistic losses on (onehot, probs)
emit("categorical_hinge", np.mean(np.maximum(np.max((1 - onehot) * probs, -1) - np.sum(onehot * probs, -1) + 1, 0)))
yt = np.clip(onehot, EPS, 1); yp = np.clip(probs, EPS, 1)
emit("kl_divergence", np.mean(np.sum(yt * np.log(yt / yp), -1)))
smooth = onehot * 0.9 + 0.1 / c
emit("categorical_crossentropy_smoothing_0.1", np.mean(-np.sum(smooth * np.log(probs), -1)))
emit("sparse_categorical_crossentropy_from_logits", np.mean(-np.log(probs[np.arange(n), labels])))
sig = 1 / (1 + np.exp(-logits))
bsmooth = onehot * 0.8 + 0.5 * 0.2
emit("binary_crossentropy_from_logits_smoothing_0.2", mean_last(-(bsmooth * np.log(sig) + (1 - bsmooth) * np.log(1 - sig))))

# ---- metrics on (onehot, probs), exact over all 8 samples
pred = (probs > 0.5).astype(float)
tp = np.sum(onehot * pred); fp = np.sum((1 - onehot) * pred); fn = np.sum(onehot * (1 - pred))
emit("precision", tp / (tp + fp) if tp + fp > 0 else 0.0)
emit("recall", tp / (tp + fn) if tp + fn > 0 else 0.0)
emit("root_mean_squared_error", np.sqrt(np.mean((reg_pred - reg_true) ** 2)))
num_t = 200
thresholds = np.array([-EPS] + [(i + 1) * 1.0 / (num_t - 1) for i in range(num_t - 2)] + [1 + EPS], dtype=np.float32).astype(np.float64)
y = onehot.reshape(-1); p = probs.astype(np.float32).astype(np.float64).reshape(-1)
above = p[None, :] > thresholds[:, None]
TP = (above * y).sum(1); FP = (above * (1 - y)).sum(1); TN = ((~above) * (1 - y)).sum(1); FN = ((~above) * y).sum(1)
def dnn(a, b):
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1, b))
recall = dnn(TP, TP + FN); fpr = dnn(FP, FP + TN)
emit("auc", np.sum((fpr[:-1] - fpr[1:]) * (recall[:-1] + recall[1:]) / 2))
dtp = TP[:-1] - TP[1:]; P = TP + FP; dp = P[:-1] - P[1:]
slope = dnn(dtp, np.maximum(dp, 0)); intercept = TP[1:] - slope * P[1:]
ratio = np.where((P[:-1] > 0) & (P[1:] > 0), dnn(P[:-1], np.maximum(P[1:], 0)), np.ones_like(P[1:]))
with np.errstate(divide="ignore", invalid="ignore"):
    emit("pr_auc", np.sum(dnn(slope * (dtp + intercept * np.log(ratio)), np.maximum(TP[1:] + FN[1:], 0))))
top = (probs >= probs.max(-1, keepdims=True)).astype(float)
ctp = (onehot * top).sum(0); cfp = ((1 - onehot) * top).sum(0); cfn = (onehot * (1 - top)).sum(0)
prec = ctp / (ctp + cfp + EPS); rec = ctp / (ctp + cfn + EPS)
f1 = 2 * prec * rec / (prec + rec + EPS)
emit("f1_score", np.mean(f1))
ranks = np.argsort(-probs, axis=-1)
emit("top_2_accuracy", np.mean([labels[i] in ranks[i, :2] for i in range(n)]))

def dump(name, a):
    print(name, " ".join(repr(float(v)) for v in np.asarray(a, dtype=np.float64).reshape(-1)))
dump("reg_true", reg_true); dump("reg_pred", reg_pred); dump("pos_true", pos_true); dump("pos_pred", pos_pred)
dump("onehot", onehot); dump("probs", probs.astype(np.float32)); dump("logits", logits)
for k, v in out.items():
    print(k, repr(v))
