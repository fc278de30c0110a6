#!/usr/bin/env python3
"""Measures what each maptidy check adds to clangd's parse of a file, as
clangd measures its own checks to decide which are fast enough to run by
default (clangd --check --check-tidy-time: the AST build with one check
against without, as a percentage; clangd counts a check as fast up to 8%).

usage: clangd_check_time.py <maptidy-clangd> <compile_commands dir> FILE...

Prints, per check, the overhead on each file and the median, and whether
the median is within clangd's budget. The list of fast checks in
driver/ClangdMain.cpp and the table in docs/editors.md come from this.
"""
import re
import statistics
import subprocess
import sys

FAST_THRESHOLD = 8  # percent, clangd's own threshold for fast checks
LINE = re.compile(r"^\S+\s+(maptidy-[a-z-]+) = (-?\d+)%$")


def overheads(clangd, database, path):
    result = subprocess.run(
        [clangd, "--compile-commands-dir=" + database, "--check=" + path,
         "--check-tidy-time=maptidy-*", "--check-locations=0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    found = {}
    for line in result.stdout.splitlines():
        match = LINE.match(line.strip())
        if match:
            found[match.group(1)] = int(match.group(2))
    return found


def main():
    clangd, database, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    table = {}
    for path in files:
        for check, percent in overheads(clangd, database, path).items():
            table.setdefault(check, []).append(percent)
        print(f"measured {path}", file=sys.stderr)
    print("| check | overhead per file (%) | median | fast (<= 8%) |")
    print("|---|---|---:|---|")
    for check in sorted(table):
        values = table[check]
        median = statistics.median(values)
        print(f"| {check} | {' '.join(map(str, values))} | {median:g}% | "
              f"{'yes' if median <= FAST_THRESHOLD else 'no'} |")


if __name__ == "__main__":
    main()
