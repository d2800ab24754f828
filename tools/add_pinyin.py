#!/usr/bin/env python3
"""Add or refresh `name_pinyin` on the hand-written geodata files, for pinyin search.

Needs `pip install pypinyin` (phrase-aware, so 重汽 is zhong qi and 长清 is chang qing).
Only a development helper: nothing at build, run or test time depends on it. Derived files
(boundaries, zones, belt) get their pinyin from the Rust tools that write them.

    python3 tools/add_pinyin.py geodata/projects.geojson geodata/axis.geojson ...
"""
import json
import re
import sys

from pypinyin import lazy_pinyin

def pinyin(name):
    # Drop everything but Chinese characters and letters/digits (brackets, quotes, punctuation).
    core = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", name)
    return " ".join(s for s in lazy_pinyin(core) if re.fullmatch(r"[a-zA-Z]+", s))

for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    out = []
    for line in lines:
        m = re.match(r'^(\{"type":"Feature","properties":)(\{.*?\})(,"geometry":.*)$', line)
        if not m:
            out.append(line)
            continue
        props = json.loads(m.group(2))
        py = pinyin(props["name_zh"])
        items = [(k, v) for k, v in props.items() if k != "name_pinyin"]
        at = [k for k, _ in items].index("name_en") + 1
        items.insert(at, ("name_pinyin", py))
        body = ",".join(json.dumps(k, ensure_ascii=False) + ":" + json.dumps(v, ensure_ascii=False) for k, v in items)
        out.append(m.group(1) + "{" + body + "}" + m.group(3))
    open(path, "w", encoding="utf-8").write("\n".join(out))
