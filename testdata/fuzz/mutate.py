#!/usr/bin/env python3
"""mutate.py - deterministic mutants of the ELF fixtures, for hostile-input tests.

usage: mutate.py SEED COUNT OUTDIR INPUT...

Writes OUTDIR/s<SEED>-<NNN>: each a copy of one INPUT with 1..20 random
edits (a byte overwritten, mostly within the first 4 KiB where the headers
are; the file cut short; a few random bytes inserted).  Only Python's
seeded `random` is used, so the same SEED and inputs give the same files.
"""
import os
import random
import sys


def mutate(rng, data):
    for _ in range(rng.randint(1, 20)):
        kind = rng.random()
        if kind < 0.7 and data:
            limit = min(len(data), 4096) if rng.random() < 0.7 else len(data)
            data[rng.randrange(limit)] = rng.randrange(256)
        elif kind < 0.85:
            del data[rng.randrange(len(data) + 1):]
        else:
            at = rng.randrange(len(data) + 1)
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return data


def main():
    seed, count, outdir, inputs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    rng = random.Random(seed)
    for n in range(count):
        source = inputs[rng.randrange(len(inputs))]
        with open(source, 'rb') as f:
            data = mutate(rng, bytearray(f.read()))
        with open(os.path.join(outdir, 's%d-%03d' % (seed, n)), 'wb') as f:
            f.write(data)


main()
