#!/usr/bin/env python3
"""What the WASM's code is made of: bytes of code per crate (or per function), read from the
name section of a build that keeps it. After `scripts/dev.sh build` (the lean release build
leaves its WASM, before bindgen, in target/), name what dist/ holds:

    wasm-bindgen --target web --keep-debug --out-dir /tmp/wb target/wasm32-unknown-unknown/release/shizhong-map.wasm
    wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        /tmp/wb/shizhong-map_bg.wasm -o /tmp/named.wasm
    tools/wasm-sizes.py /tmp/named.wasm            # the 40 largest crates
    tools/wasm-sizes.py /tmp/named.wasm 'flt2dec'  # every function whose name matches

Sizes are of the optimised code before compression (gzip takes it to about 0.4). wasm-opt's
features are index.html's (`data-wasm-opt-params`): with `--all-features` it writes the
imports in an encoding this reader (and twiggy) misread, and every name lands on the wrong
function.
"""
import collections
import re
import sys


def leb(data, p):
    value = shift = 0
    while True:
        b = data[p]
        p += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, p


def functions(data):
    """(size, name) of every function body, and the byte count of each section."""
    pos, imported, sizes, names, sections = 8, 0, [], {}, collections.Counter()
    while pos < len(data):
        sid = data[pos]
        size, pos = leb(data, pos + 1)
        end = pos + size
        if sid == 2:  # imports: functions among them shift the indices of the bodies
            n, p = leb(data, pos)
            for _ in range(n):
                for _ in range(2):
                    length, p = leb(data, p)
                    p += length
                kind = data[p]
                p += 1
                if kind == 0:
                    _, p = leb(data, p)
                    imported += 1
                elif kind == 1:
                    p += 1
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 2:
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 3:
                    p += 2
        elif sid == 10:
            n, p = leb(data, pos)
            for _ in range(n):
                length, q = leb(data, p)
                sizes.append(length + q - p)
                p = q + length
        elif sid == 0:
            length, p = leb(data, pos)
            custom = data[p:p + length].decode()
            p += length
            if custom == "name":
                while p < end:
                    sub = data[p]
                    sub_len, p = leb(data, p + 1)
                    if sub == 1:
                        n, q = leb(data, p)
                        for _ in range(n):
                            index, q = leb(data, q)
                            length, q = leb(data, q)
                            names[index] = data[q:q + length].decode("utf-8", "replace")
                            q += length
                    p += sub_len
            sid = f"custom {custom}"
        sections[sid] += size
        pos = end
    rows = [(s, names.get(i + imported, f"function {i}")) for i, s in enumerate(sizes)]
    return rows, sections


def crate(name):
    """The crate a function's name starts with (generic impls count for the trait's crate)."""
    name = re.sub(r"^[<&*]+|^(dyn|impl|mut) ", "", name)
    name = re.sub(r"^[A-Z_][A-Za-z0-9_]* as ", "", name)  # <T as tachys::…>, <_ as …>: generic impls
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::", name)
    return m.group(1) if m else name[:40]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rows, sections = functions(open(sys.argv[1], "rb").read())
    if not any(not n.startswith("function ") for _, n in rows):
        sys.exit(f"{sys.argv[1]} has no function names: build it as the text above says")
    total = sum(s for s, _ in rows)
    if len(sys.argv) > 2:
        pattern = re.compile(sys.argv[2])
        matching = sorted((r for r in rows if pattern.search(r[1])), reverse=True)
        for size, name in matching:
            print(f"{size:8d}  {name[:160]}")
        print(f"{sum(s for s, _ in matching):8d}  in {len(matching)} functions")
        return
    print(f"code {total} bytes in {len(rows)} functions; data {sections[11]} bytes")
    by_crate, count = collections.Counter(), collections.Counter()
    for size, name in rows:
        by_crate[crate(name)] += size
        count[crate(name)] += 1
    for name, size in by_crate.most_common(40):
        print(f"{size:8d} {100 * size / total:5.1f}% {count[name]:5d}  {name}")


if __name__ == "__main__":
    main()
