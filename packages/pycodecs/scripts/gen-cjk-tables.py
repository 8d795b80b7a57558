#!/usr/bin/env python3
"""Writes src/cjk/tables/<codec>.json: the multi-byte codecs of seed 000, read from CPython itself.

Run from packages/pycodecs: python3 scripts/gen-cjk-tables.py
Nothing here is typed in by hand: every entry is what CPython's codec returned when probed, so the
page decodes and encodes as `bytes.decode` / `str.encode` do. Encoding is stored as the differences
from "the first byte sequence that decodes to this character", which keeps the files small.
"""
import json, os

# Sentinels are noncharacters U+FDD0.., which no codec decodes to (checked in unit()).
ILL1, ILL2, ILL3, LEAD, MULTI, DEEPER, GB4 = '\ufdd0', '\ufdd1', '\ufdd2', '\ufdd3', '\ufdd4', '\ufdd5', '\ufdd6'
ILL = {1: ILL1, 2: ILL2, 3: ILL3}

def probe(data, codec, at=0):
    try:
        return ('ok', data.decode(codec))
    except UnicodeDecodeError as e:
        assert e.start == at, (codec, data.hex(), e)
        if e.reason == 'incomplete multibyte sequence':
            return ('more', None)
        return ('ill', e.end - e.start)

def unit(kind, val, key, multi):
    if kind == 'ill':
        return ILL[val]
    assert not any(0xfdd0 <= ord(ch) <= 0xfdef for ch in val), (key)
    if len(val) == 1 and ord(val) < 0x10000:
        return val
    multi[key] = val
    return MULTI

def stateless(codec, gb18030=False):
    multi, leads, deep = {}, {}, {}
    single = []
    for a in range(256):
        kind, val = probe(bytes([a]), codec)
        single.append(LEAD if kind == 'more' else unit(kind, val, bytes([a]).hex(), multi))
        if kind != 'more':
            continue
        row = []
        for b in range(256):
            k2, v2 = probe(bytes([a, b]), codec)
            if k2 == 'more' and gb18030 and 0x30 <= b <= 0x39:
                row.append(GB4)
            elif k2 == 'more':
                row.append(DEEPER)
                sub = []
                for c in range(256):
                    k3, v3 = probe(bytes([a, b, c]), codec)
                    assert k3 != 'more', (codec, a, b, c)
                    sub.append(unit(k3, v3, bytes([a, b, c]).hex(), multi))
                deep[bytes([a, b]).hex()] = ''.join(sub)
            else:
                row.append(unit(k2, v2, bytes([a, b]).hex(), multi))
        leads[f'{a:02x}'] = ''.join(row)
    table = {'kind': 'stateless', 'single': ''.join(single), 'leads': leads, 'deep': deep, 'multi': multi}
    if gb18030:
        table['gb4'] = gb4_ranges()
    # The encoder the TS side runs: a pair of code points first, then the first sequence (in byte
    # order) that decodes to the character, then (gb18030) the four-byte ranges. Store what differs.
    inverse, pairs = {}, {}
    def visit(seq, u):
        if u in (ILL1, ILL2, ILL3, LEAD, DEEPER, GB4):
            return
        s = multi[seq.hex()] if u == MULTI else u
        if len(s) == 1:
            inverse.setdefault(ord(s), seq)
        elif len(s) == 2:
            pairs.setdefault(s, seq)
    for a, u in enumerate(table['single']):
        visit(bytes([a]), u)
    for lead in sorted(leads):
        for b, u in enumerate(leads[lead]):
            visit(bytes.fromhex(lead) + bytes([b]), u)
            if u == DEEPER:
                for c, u3 in enumerate(deep[lead + f'{b:02x}']):
                    visit(bytes.fromhex(lead) + bytes([b, c]), u3)
    enc = {}
    top = 0x10000 if gb18030 else 0x30000
    for cp in range(0, top):
        try:
            actual = chr(cp).encode(codec)
        except UnicodeEncodeError:
            actual = None
        predicted = inverse.get(cp)
        if predicted is None and gb18030:
            predicted = gb4_encode(cp, table['gb4'])
        if actual != predicted:
            enc[f'{cp:x}'] = actual.hex() if actual is not None else None
    table['pairs'] = {f'{ord(s[0]):x} {ord(s[1]):x}': seq.hex() for s, seq in pairs.items() if s.encode(codec) == seq}
    table['enc'] = enc
    return table

def gb4_ranges():
    """[lseq, first code point] where a run of four-byte sequences maps to consecutive characters."""
    runs, prev = [], None
    for lseq in range(39420):
        c4 = lseq % 10; c3 = lseq // 10 % 126; c2 = lseq // 1260 % 10; c1 = lseq // 12600
        cp = ord(bytes([c1 + 0x81, c2 + 0x30, c3 + 0x81, c4 + 0x30]).decode('gb18030'))
        if prev is None or cp - lseq != prev:
            runs.append([lseq, cp])
            prev = cp - lseq
    return runs

def gb4_encode(cp, runs):
    for i, (base, first) in enumerate(runs):
        end = runs[i + 1][0] if i + 1 < len(runs) else 39420
        if first <= cp < first + (end - base):
            t = base + cp - first
            return bytes([t // 12600 + 0x81, t // 1260 % 10 + 0x30, t // 10 % 126 + 0x81, t % 10 + 0x30])
    return None

def grid(codec, prefix):
    """A 94x94 double-byte set as the stateful codec decodes it after `prefix` switches to it."""
    out = []
    for a in range(0x21, 0x7f):
        for b in range(0x21, 0x7f):
            if codec == 'hz' and a == 0x7e:  # '~' is HZ's escape even in GB mode; GB 2312 has no row 0x7e
                out.append(ILL2)
                continue
            kind, val = probe(prefix + bytes([a, b]), codec, len(prefix))
            assert not (kind == 'ok' and 0xfdd0 <= ord(val[0]) <= 0xfdef)
            out.append(val if kind == 'ok' and len(val) == 1 else ILL2)
    return ''.join(out)

def stateful(codec, kind, prefix, shift_in, suffix):
    g = grid(codec, prefix)
    inverse = {}
    for i, u in enumerate(g):
        if u != ILL2:
            inverse.setdefault(ord(u), bytes([0x21 + i // 94, 0x21 + i % 94]))
    enc = {}
    for cp in range(0x80, 0x30000):
        try:
            raw = chr(cp).encode(codec)
        except UnicodeEncodeError:
            raw = None
        code = None
        if raw is not None and raw.startswith(shift_in) and raw.endswith(suffix) and len(raw) == len(shift_in) + 2 + len(suffix):
            code = raw[len(shift_in):len(shift_in) + 2]
        elif raw is not None:
            code = b'other:' + raw
        if code != inverse.get(cp):
            enc[f'{cp:x}'] = None if raw is None else code.hex() if not code.startswith(b'other:') else 'raw:' + raw.hex()
    return {'kind': kind, 'grid': g, 'enc': enc}

# Names and labels for the page live in src/cjk/multibyte.ts.
CODECS = [
    ('shift_jis', lambda: stateless('shift_jis')),
    ('iso2022_jp', lambda: stateful('iso2022_jp', 'iso2022_jp', b'\x1b$B', b'\x1b$B', b'\x1b(B')),
    ('euc_jp', lambda: stateless('euc_jp')),
    ('shift_jisx0213', lambda: stateless('shift_jisx0213')),
    ('big5', lambda: stateless('big5')),
    ('big5hkscs', lambda: stateless('big5hkscs')),
    ('cp950', lambda: stateless('cp950')),
    ('iso2022_kr', lambda: stateful('iso2022_kr', 'iso2022_kr', b'\x1b$)C\x0e', b'\x1b$)C\x0e', b'\x0f')),
    ('cp949', lambda: stateless('cp949')),
    ('gb2312', lambda: stateless('gb2312')),
    ('hz', lambda: stateful('hz', 'hz', b'~{', b'~{', b'~}')),
    ('gb18030', lambda: stateless('gb18030', gb18030=True)),
]

if __name__ == '__main__':
    import sys
    os.makedirs('src/cjk/tables', exist_ok=True)
    only = sys.argv[1:]
    for name, build in CODECS:
        if only and name not in only:
            continue
        table = build()
        with open(f'src/cjk/tables/{name}.json', 'w', encoding='utf-8') as f:
            json.dump(table, f, ensure_ascii=False, separators=(',', ':'))
        print(name, os.path.getsize(f'src/cjk/tables/{name}.json'), len(table.get('enc', {})), 'encoding differences')
