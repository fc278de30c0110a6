#!/usr/bin/env python3
"""Runs maptidy-unsynchronized-map-access on each idiom case and tabulates.

A case's first line says `// EXPECT: race` or `// EXPECT: clean`; a
`// FLAGS:` line adds compile flags; racy cases mark the racing line with
`// RACE`. A racy case is found when a finding lands on a RACE line; any
other finding is a false positive.
"""
import os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
maptidy = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "bin", "maptidy")
include = os.path.join(here, "..", "include")
rows, tp, fp, miss, clean_ok = [], 0, 0, 0, 0
for name in sorted(f for f in os.listdir(here) if f.endswith(".cpp")):
    path = os.path.join(here, name)
    text = open(path).read().splitlines()
    expect = "race" if "EXPECT: race" in text[0] else "clean"
    flags = ["-std=c++17", "-pthread", "-I" + include]
    for line in text[:3]:
        if line.startswith("// FLAGS:"):
            extra = line.split(":", 1)[1].split()
            flags = [f for f in flags if not (f.startswith("-std=") and any(e.startswith("-std=") for e in extra))] + extra
    race_lines = {i + 1 for i, l in enumerate(text) if "// RACE" in l}
    out = subprocess.run([maptidy, "--quiet", "--checks=-*,maptidy-unsynchronized-map-access", path, "--"] + flags,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    found = [int(m.group(1)) for m in re.finditer(re.escape(path) + r":(\d+):\d+: (?:warning|error): .*\[maptidy-unsynchronized", out)]
    if "error:" in out and not found and "[maptidy" not in out:
        print("COMPILE PROBLEM", name, out[:2000])
    hit = any(l in race_lines for l in found)
    wrong = [l for l in found if l not in race_lines]
    if expect == "race":
        verdict = "TP" if hit else "MISS"
        tp += hit; miss += not hit
    else:
        verdict = "FP" if found else "ok"
        clean_ok += not found
    fp += len(wrong) > 0
    if wrong and expect == "race":
        verdict += "+FP"
    rows.append((name, expect, verdict, found))
for name, expect, verdict, found in rows:
    print(f"{name:45} {expect:6} {verdict:8} {found}")
racy = sum(1 for r in rows if r[1] == "race")
print(f"racy {racy}: found {tp}, missed {miss}; clean {len(rows)-racy}: silent {clean_ok}; cases with a false positive: {fp}")
print(f"recall {tp}/{racy} = {100.0*tp/racy:.0f}%; precision {tp}/{tp+fp} = {100.0*tp/max(1,tp+fp):.0f}%")
