#!/usr/bin/env python3
"""Reference predictions of the shared SavedModel fixture (byom/savedmodel_lstm_stock_tf2), without TensorFlow
and without Keras4J.

1. keras_metadata.pb (Keras's SavedMetadata protobuf) is decoded from the wire format; the node 'root' holds the
   model's class_name/config JSON (tuples as {"class_name": "__tuple__", "items": [...]}, turned into lists).
2. variables/variables.index is TensorFlow's tensor bundle index: a LevelDB-format table (footer with the index
   block handle, blocks of prefix-compressed keys, 5-byte block trailers) whose values are BundleEntryProto
   (dtype=1, shape=2, shard_id=3, offset=4, size=5); the raw little-endian float32 data sits in
   variables.data-00000-of-00001 at 'offset'. TF keys each variable by the first path its breadth-first walk of
   the object graph meets: layer_with_weights-<k>/[cell/]<name> (here the Dense's) or the root's list
   variables/<i>, i following model.variables (layer order, each layer's weights in Keras order: LSTM kernel,
   recurrent_kernel, bias; Dense kernel, bias).
3. The config and those arrays are written as a Keras 2 legacy .h5 (h5py), which /work/shared/tools/
   keras_numpy_forward.py runs in NumPy on the input below; the output goes to savedmodel_reference.json.

Run once: python3 generate_savedmodel_reference.py /work/shared/fixtures/keras/byom/savedmodel_lstm_stock_tf2
(Debian python3-numpy, python3-h5py). The build never runs it.
"""
import json, math, os, subprocess, sys, tempfile
import numpy as np
import h5py

here = os.path.dirname(os.path.abspath(__file__))
sm = sys.argv[1]
tool = sys.argv[2] if len(sys.argv) > 2 else '/work/shared/tools/keras_numpy_forward.py'


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return r, i


def fields(b):
    i = 0
    while i < len(b):
        k, i = varint(b, i); f, t = k >> 3, k & 7
        if t == 0:
            v, i = varint(b, i)
        elif t == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        elif t == 5:
            v = b[i:i + 4]; i += 4
        elif t == 1:
            v = b[i:i + 8]; i += 8
        else:
            raise ValueError('wire type %d' % t)
        yield f, t, v


def untuple(v):
    if isinstance(v, dict):
        if v.get('class_name') == '__tuple__' and 'items' in v:
            return [untuple(x) for x in v['items']]
        return {k: untuple(x) for k, x in v.items()}
    if isinstance(v, list):
        return [untuple(x) for x in v]
    return v


meta = open(os.path.join(sm, 'keras_metadata.pb'), 'rb').read()
root = None
for f, t, v in fields(meta):
    if f == 1:
        node = {ff: vv for ff, tt, vv in fields(v)}
        if node.get(3) == b'root':
            root = json.loads(node[5].decode('utf-8'))
model_config = {'class_name': root['class_name'], 'config': untuple(root['config'])}


def block_entries(data, off, size):
    blk = data[off:off + size]
    nrest = int.from_bytes(blk[-4:], 'little')
    end = len(blk) - 4 - 4 * nrest
    i, key = 0, b''
    while i < end:
        shared, i = varint(blk, i); nonshared, i = varint(blk, i); vlen, i = varint(blk, i)
        key = key[:shared] + blk[i:i + nonshared]; i += nonshared
        yield key, blk[i:i + vlen]; i += vlen


index = open(os.path.join(sm, 'variables', 'variables.index'), 'rb').read()
footer = index[-48:]
assert footer[-8:] == (0xdb4775248b80fb57).to_bytes(8, 'little'), 'not a LevelDB table'
_, j = varint(footer, 0); _, j = varint(footer, j)  # metaindex handle
idx_off, j = varint(footer, j); idx_size, j = varint(footer, j)
entries = {}
for _, handle in block_entries(index, idx_off, idx_size):
    off, k = varint(handle, 0); size, k = varint(handle, k)
    for key, value in block_entries(index, off, size):
        entries[key.decode()] = value
data = open(os.path.join(sm, 'variables', 'variables.data-00000-of-00001'), 'rb').read()


def tensor(key):
    e = {}
    shape = []
    for f, t, v in fields(entries[key]):
        if f == 2:
            for ff, tt, vv in fields(v):
                if ff == 2:
                    shape.append(dict((a, b) for a, _, b in fields(vv)).get(1, 0))
        else:
            e[f] = v
    assert e.get(1) == 1, key + ': not float32'
    off, size = e.get(4, 0), e[5]
    return np.frombuffer(data[off:off + size], dtype='<f4').reshape(shape)


layers = model_config['config']['layers']
names = {'LSTM': ['kernel', 'recurrent_kernel', 'bias'], 'Dense': ['kernel', 'bias']}
h5path = os.path.join(tempfile.mkdtemp(), 'savedmodel_as_keras2.h5')
v = k = 0
with h5py.File(h5path, 'w') as f:
    f.attrs['keras_version'] = '2.12.0'
    f.attrs['backend'] = 'tensorflow'
    f.attrs['model_config'] = json.dumps(model_config)
    mw = f.create_group('model_weights')
    layer_names = [l['config']['name'] for l in layers if l['class_name'] != 'InputLayer']
    mw.attrs['layer_names'] = [n.encode() for n in layer_names]
    for l in layers:
        if l['class_name'] == 'InputLayer':
            continue
        g = mw.create_group(l['config']['name'])
        wn = []
        for w in names.get(l['class_name'], []):
            # TF names each variable by the first path its breadth-first walk meets: the layer attribute
            # (layer_with_weights-k/[cell/]name) or the root's list of model.variables (variables/<i>).
            direct = 'layer_with_weights-%d/%s%s/.ATTRIBUTES/VARIABLE_VALUE' % (
                k, 'cell/' if l['class_name'] == 'LSTM' else '', w)
            arr = tensor(direct if direct in entries else 'variables/%d/.ATTRIBUTES/VARIABLE_VALUE' % v)
            v += 1
            sub = 'lstm_cell' if l['class_name'] == 'LSTM' else None
            path = '%s/%s%s:0' % (l['config']['name'], (sub + '/') if sub else '', w)
            g.create_dataset(path, data=arr)
            wn.append(path.encode())
        g.attrs['weight_names'] = wn
        k += 1 if wn else 0
assert 'variables/%d/.ATTRIBUTES/VARIABLE_VALUE' % v not in entries, 'unused variables left'

x = np.zeros((2, 100, 1), dtype=np.float32)
for i in range(100):
    x[0, i, 0] = math.sin(i / 10.0) * 0.5 + 0.5
    x[1, i, 0] = i / 100.0
xin = os.path.join(os.path.dirname(h5path), 'x.npy')
yout = os.path.join(os.path.dirname(h5path), 'y.npy')
np.save(xin, x)
subprocess.run([sys.executable, tool, h5path, xin, yout], check=True)
y = np.load(yout)
json.dump({'input': 'x[0,i,0] = sin(i/10)*0.5+0.5 (as float32), x[1,i,0] = i/100, i < 100',
           'output_shape': list(y.shape), 'output': y.reshape(2, -1).astype(float).tolist(),
           'variables_used': v},
          open(os.path.join(here, 'savedmodel_reference.json'), 'w'), indent=1)
print('wrote', y.shape, 'from', v, 'variables')
