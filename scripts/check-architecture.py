#!/usr/bin/env python3
"""Checks that Package.swift and the sources follow the graph in docs/architecture.md.

- every edge of the graph block in docs/architecture.md is a dependency in Package.swift and
  vice versa (library targets; tests and the test-support target are not drawn);
- the one-way rules: only TelexTerminal imports CNcursesw, only TelexFeeds imports CUchardet, only TelexArticles imports CHyphen, only TelexStore imports GRDB, only
  TelexFetch imports CCurl (libcurl), nothing imports FoundationNetworking, TelexUI imports no
  store/network/curses.
Prints "architecture: ok" or each mismatch, exit 1.
"""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
doc = open(os.path.join(root, "docs/architecture.md"), encoding="utf-8").read()
block = doc.split("Layers, each depending only on layers below it")[1].split("```")[1]
drawn = {}
for line in block.splitlines():
    m = re.match(r"\s*\d?\s*([\w-]+) ─*► (.*)$", line)
    if m:
        current = m.group(1)
        drawn[current] = {d.strip() for d in m.group(2).split(",") if d.strip()}
    elif line.startswith(" " * 20) and line.strip():
        drawn[current] |= {d.strip() for d in line.split(",") if d.strip()}

dump = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, capture_output=True, text=True, check=True).stdout)
problems = []
declared = {}
for t in dump["targets"]:
    if t["type"] in ("test",) or t["name"] == "TelexTestSupport" or t["type"] == "system":
        continue
    deps = set()
    for d in t["dependencies"]:
        if "byName" in d: deps.add(d["byName"][0])
        elif "target" in d: deps.add(d["target"][0])
        elif "product" in d: deps.add(d["product"][0])
    declared[t["name"]] = deps

for name, deps in declared.items():
    if not deps:
        continue
    if name not in drawn:
        problems.append(f"{name} is in Package.swift but not in the graph of docs/architecture.md")
        continue
    if deps != drawn[name]:
        problems.append(f"{name}: Package.swift has {sorted(deps)}, docs/architecture.md draws {sorted(drawn[name])}")
for name in drawn:
    if name not in declared:
        problems.append(f"{name} is drawn in docs/architecture.md but is not a target")

# telex itself never contains the test server: FlyingFox brings URLSession, libcurl and ~30 libraries
# into every start of the reader (docs/architecture.md, telex-fixture-server).
def closure(name, seen=None):
    seen = set() if seen is None else seen
    for d in declared.get(name, ()):
        if d not in seen:
            seen.add(d)
            closure(d, seen)
    return seen
for banned in ("TelexTestServer", "FlyingFox"):
    if banned in closure("telex"):
        problems.append(f"telex depends on {banned} (through {sorted(t for t in closure('telex') if banned in closure(t) or t == banned)}): only telex-fixture-server may")

# libcurl is TelexFetch's alone; nothing uses URLSession (FoundationNetworking) any more.
rules = {"CNcursesw": {"TelexTerminal"}, "CUchardet": {"TelexFeeds"}, "CHyphen": {"TelexArticles"}, "GRDB": {"TelexStore"}, "CCurl": {"TelexFetch"}, "CImageCodecs": {"TelexImages"}, "CChafa": set(), "FoundationNetworking": set()}
for module, allowed in rules.items():
    for target in os.listdir(os.path.join(root, "Sources")):
        for dirpath, _, files in os.walk(os.path.join(root, "Sources", target)):
            for f in files:
                if f.endswith(".swift") and re.search(rf"^\s*(@\w+\s+)*import\s+{module}\b", open(os.path.join(dirpath, f), encoding="utf-8").read(), re.M):
                    if target not in allowed:
                        problems.append(f"Sources/{target}/{f} imports {module}: only {sorted(allowed)} may")

for p in problems:
    print("architecture:", p)
print("architecture: ok" if not problems else f"architecture: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
