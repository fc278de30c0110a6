#!/usr/bin/env python3
"""maptidy-unsynchronized-map-access on the service idioms of this folder.

Each case starts with `// EXPECT: race` or `// EXPECT: clean`; racy cases
mark the racing line with `// RACE`, and `// FLAGS:` adds compile flags. A
racy case is found when a finding lands on a RACE line; any other finding
is a false positive. `// KNOWN: missed ...` or `// KNOWN: false positive ...`
records a limit of the check (see docs/checks/unsynchronized-map-access.md).
Prints one line per case, `UNEXPECTED` for an outcome other than the one
recorded, and the recall and precision.

  run_idioms.py --maptidy build/bin/maptidy --include include test/race-idioms
"""

import argparse
import re
import subprocess
from pathlib import Path


def outcome(case, args):
    text = case.read_text().splitlines()
    flags = ["-std=c++17", "-pthread", f"-I{args.include}"]
    for line in text[:4]:
        if line.startswith("// FLAGS:"):
            extra = line.split(":", 1)[1].split()
            if any(flag.startswith("-std=") for flag in extra):
                flags = flags[1:]
            flags += extra
    race_lines = {number for number, line in enumerate(text, 1) if "// RACE" in line}
    run = subprocess.run([args.maptidy, "--quiet", "--checks=-*,maptidy-unsynchronized-map-access", str(case),
                          "--"] + flags, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = run.stdout
    # Exit status 2: the file was not analyzed (whole), so silence proves nothing.
    if run.returncode not in (0, 1):
        return "BROKEN", output
    lines = {int(line) for line in re.findall(re.escape(str(case)) + r":(\d+):\d+: (?:warning|error): .*\[maptidy-", output)}
    found = bool(lines & race_lines)
    wrong = bool(lines - race_lines)
    return ("found" if found else "missed") + (" with a false positive" if wrong else ""), output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maptidy", required=True)
    parser.add_argument("--include", required=True, help="maptidy's include/ folder")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    counts = {"racy": 0, "found": 0, "clean": 0, "silent": 0, "false positives": 0}
    for case in sorted(args.folder.glob("*.cpp")):
        header = case.read_text().split("\n", 3)
        racy = "EXPECT: race" in header[0]
        known = next((line[len("// KNOWN: "):] for line in header if line.startswith("// KNOWN: ")), "")
        got, output = outcome(case, args)
        if not racy:
            got = {"missed": "silent", "missed with a false positive": "false positive"}.get(got, got)
        expected = known.split(":")[0] if known else ("found" if racy else "silent")
        counts["racy" if racy else "clean"] += 1
        counts["found"] += got.startswith("found")
        counts["silent"] += got == "silent"
        counts["false positives"] += "false positive" in got
        print(f"{'UNEXPECTED ' if got != expected else ''}{case.name}: {got}")
        if got == "BROKEN":
            print(output)
    racy, found, false_positives = counts["racy"], counts["found"], counts["false positives"]
    print(f"racy {racy}: found {found}; clean {counts['clean']}: silent {counts['silent']}; "
          f"cases with a false positive: {false_positives}")
    print(f"recall {round(100 * found / racy)}%, precision {round(100 * found / max(1, found + false_positives))}%")


if __name__ == "__main__":
    main()
