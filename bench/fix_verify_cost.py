#!/usr/bin/env python3
"""What --fix's verification costs: maptidy --fix on the projects of the
corpus (test/corpus), with --fix-verify=compile (the default) and with
--fix-verify=none, interleaved, the tree reset to its pristine sources
between runs. Prints the CPU seconds (the process and its workers) of each,
their medians over the runs, the extra CPU of verifying, and the number of
files fixed, as in docs/performance.md.

  bench/fix_verify_cost.py --maptidy build/bin/maptidy --projects ninja
"""

import argparse
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "test/corpus"))
from projects import BY_NAME  # noqa: E402
from run_cost import measure  # noqa: E402
from workspace import Workspace  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maptidy", required=True)
    parser.add_argument("--projects", nargs="+", default=["ninja"])
    parser.add_argument("--work", default=str(REPO / "build/test/corpus"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    print("| project | files | files fixed | --fix, verified (CPU s) | "
          "--fix-verify=none (CPU s) | extra CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in args.projects:
        workspace = Workspace(args.work, BY_NAME[name])
        workspace.prepare(args.jobs)
        files = workspace.own_files()
        cpu = {"compile": [], "none": []}
        fixed = 0
        for _ in range(args.runs):
            for mode in cpu:
                command = [args.maptidy, "-p", str(workspace.build),
                           "--checks=-*,maptidy-*", f"-j{args.jobs}", "--quiet",
                           "--fix", f"--fix-verify={mode}"] + files
                cpu[mode].append(measure(command, workspace.src)["cpu"])
                fixed = len(workspace.changed_files())
                workspace.reset()
        verified = statistics.median(cpu["compile"])
        blind = statistics.median(cpu["none"])
        print(f"| {name} | {len(files)} | {fixed} | {verified:.1f} | "
              f"{blind:.1f} | {100 * (verified / blind - 1):+.0f}% |")


if __name__ == "__main__":
    main()
