#!/usr/bin/env python3
"""Generates Sources/TelexArticles/Layout/LineBreakTable.swift from the Unicode Character Database.

Why generated, and why not ICU: the line breaker needs every code point's Line_Break class
(UAX #14). The system ICU (libicu-dev) has them, but its headers clash with the ICU that
Foundation bundles (see /work/shared/docs/platform-notes.md and Sources/CLibXML2/shim.h), and
Foundation exposes no line-break API on Linux. Hand-picked lists go stale and miss scripts. So the
classes are taken once from the UCD files Debian ships in the `unicode-data` package
(/usr/share/unicode, Unicode 15.0 in Debian 12), like WidthTable.swift is taken from glibc.
Rerun after a `unicode-data` upgrade:  scripts/gen-linebreak-table.py > Sources/TelexArticles/Layout/LineBreakTable.swift

What the table holds, per range of code points, is the class after UAX #14's rule LB1 and a few
splits the pair rules need, all decided here from data:
- LB1: AI, SG and XX resolve to AL; SA to CM when the character is a mark (Mn, Mc), else AL;
  CJ to NS (the "strict" line breaking of Japanese kinsoku: small kana and the prolonged sound
  mark ー never start a line).
- Unlisted code points take the defaults LineBreak.txt's header gives (ID for unassigned CJK and
  plane 1 pictographic ranges, PR for unassigned currency symbols), then LB1.
- QU splits into QUPi and QUPf by General_Category (Pi / Pf), for LB15a and LB15b of Unicode 15.1
  (no break after an opening quote and its spaces, nor before a closing one: French « » with
  ordinary spaces).
- OP and CP split into OPWide and CPWide when East_Asian_Width is F, W or H (LB30 applies only to
  the others).
- Unassigned Extended_Pictographic code points of class ID become EB: LB30b lets them take an
  emoji modifier, and EB and ID behave alike in every other rule.
"""
import os, re, sys

UCD = os.environ.get("UCD_DIR", "/usr/share/unicode")

def ranges(path):
    """(first, last, value, comment) for each data line of a UCD file."""
    for line in open(path, encoding="utf-8"):
        data, _, comment = line.partition("#")
        data = data.strip()
        if not data:
            continue
        cps, value = [f.strip() for f in data.split(";")[:2]]
        a, _, b = cps.partition("..")
        yield int(a, 16), int(b or a, 16), value, comment.strip()

N = 0x110000
# General categories (UnicodeData.txt; ranges are given as First/Last pairs).
category = ["Cn"] * N
pending = None
for line in open(os.path.join(UCD, "UnicodeData.txt"), encoding="utf-8"):
    f = line.split(";")
    cp, name, gc = int(f[0], 16), f[1], f[2]
    if name.endswith(", First>"):
        pending = cp
        continue
    if name.endswith(", Last>") and pending is not None:
        for c in range(pending, cp + 1):
            category[c] = gc
        pending = None
        continue
    category[cp] = gc

lb = [None] * N
for a, b, v, _ in ranges(os.path.join(UCD, "LineBreak.txt")):
    for c in range(a, b + 1):
        lb[c] = v
# Defaults for unlisted code points (LineBreak.txt's header).
defaults = [((0x3400, 0x4DBF), "ID"), ((0x4E00, 0x9FFF), "ID"), ((0xF900, 0xFAFF), "ID"),
            ((0x20000, 0x2FFFD), "ID"), ((0x30000, 0x3FFFD), "ID"),
            ((0x1F000, 0x1FAFF), "ID"), ((0x1FC00, 0x1FFFD), "ID"), ((0x20A0, 0x20CF), "PR")]
for (a, b), v in defaults:
    for c in range(a, b + 1):
        if lb[c] is None:
            lb[c] = v

wide = [False] * N
for a, b, v, _ in ranges(os.path.join(UCD, "EastAsianWidth.txt")):
    if v in ("F", "W", "H"):
        for c in range(a, b + 1):
            wide[c] = True

pictographic = [False] * N
for a, b, v, _ in ranges(os.path.join(UCD, "emoji", "emoji-data.txt")):
    if v == "Extended_Pictographic":
        for c in range(a, b + 1):
            pictographic[c] = True

def resolve(c):
    v = lb[c] or "XX"
    if v in ("AI", "SG", "XX"):
        return "AL"
    if v == "SA":
        return "CM" if category[c] in ("Mn", "Mc") else "AL"
    if v == "CJ":
        return "NS"
    if v == "QU":
        return {"Pi": "QUPi", "Pf": "QUPf"}.get(category[c], "QU")
    if v in ("OP", "CP") and wide[c]:
        return v + "Wide"
    if v == "ID" and pictographic[c] and category[c] == "Cn":
        return "EB"
    return v

# The classes, in the order of UAX #14's table of classes; the derived ones last.
classes = ["BK", "CR", "LF", "NL", "SP", "ZW", "WJ", "GL", "CM", "ZWJ",
           "OP", "CL", "CP", "QU", "BA", "BB", "B2", "HY", "EX", "IS", "NS", "IN", "NU", "PR", "PO", "SY",
           "AL", "HL", "ID", "EB", "EM", "H2", "H3", "JL", "JV", "JT", "RI", "CB",
           "QUPi", "QUPf", "OPWide", "CPWide"]
index = {name: i for i, name in enumerate(classes)}

starts, values = [], []
previous = None
for c in range(N):
    v = resolve(c)
    if v != previous:
        starts.append(c)
        values.append(index[v])
        previous = v

version = re.search(r"LineBreak-([\d.]+)\.txt", open(os.path.join(UCD, "LineBreak.txt"), encoding="utf-8").readline())
out = sys.stdout
out.write("// Generated by scripts/gen-linebreak-table.py from the Unicode Character Database "
          f"{version.group(1) if version else ''} (Debian's unicode-data). Do not edit.\n")
out.write("// Why a generated table rather than ICU: see the script's header.\n\n")
out.write("/// UAX #14 line-break classes, after rule LB1 (AI, SG, XX, SA, CJ resolved), with QU, OP and CP\n")
out.write("/// split where rules LB15a/b and LB30 need General_Category or East_Asian_Width.\n")
out.write("enum LineBreakClass: UInt8, Sendable {\n")
out.write("    case " + ", ".join(classes) + "\n")
out.write("}\n\n")
out.write("enum LineBreakTable {\n")
out.write(f"    /// First code point of each run of one class ({len(starts)} runs); a run ends where the next begins.\n")
out.write("    static let starts: [UInt32] = [\n")
for i in range(0, len(starts), 10):
    out.write("        " + ", ".join(f"0x{s:X}" for s in starts[i:i + 10]) + ",\n")
out.write("    ]\n\n")
out.write("    /// The class of each run (`LineBreakClass` raw values).\n")
out.write("    static let classes: [UInt8] = [\n")
for i in range(0, len(values), 24):
    out.write("        " + ", ".join(str(v) for v in values[i:i + 24]) + ",\n")
out.write("    ]\n")
out.write("}\n")
