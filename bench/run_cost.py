#!/usr/bin/env python3
"""The cost of a maptidy run, measured on the corpus of test/corpus.

For every translation unit, with the flags of the project's compilation
database, one after the other in one run:
  parse    clang++-22 -fsyntax-only (the physical floor)
  peer     clang-tidy-22 --checks=-*,performance-inefficient-vector-operation
  maptidy  maptidy with all maptidy checks
  check    maptidy with the one check named by --check, if given
each timed (CPU seconds of the process and its children, and wall seconds)
with its peak resident memory. Then the whole-project wall time of maptidy
with -j1 and -j2. Writes cost.json (raw) and cost.md (the tables of
docs/performance.md).

  bench/run_cost.py                        # the whole corpus
  bench/run_cost.py --projects ninja       # one project
  bench/run_cost.py --check maptidy-unsynchronized-map-access  # and one check alone
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "test/corpus"))
from projects import BY_NAME  # noqa: E402
from workspace import Workspace, install_build_depends, log  # noqa: E402

PEER_CHECKS = "-*,performance-inefficient-vector-operation"


def measure(command, cwd):
    """(CPU seconds, wall seconds, peak RSS in MiB, exit status) of a command
    and the processes it waits for."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall,
            "rss_mib": usage.ru_maxrss / 1024, "status": process.returncode}


def compiler_arguments(entry):
    """The entry's compile command turned into a syntax-only one."""
    arguments = entry.get("arguments") or shlex.split(entry["command"])
    kept = []
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif argument == "-o":
            skip = True
        elif argument != "-c":
            kept.append(argument)
    return kept


def measure_unit(workspace, entry, args):
    path = str(Path(entry["directory"], entry["file"]).resolve())
    compile_command = compiler_arguments(entry)
    commands = {
        "parse": compile_command + ["-fsyntax-only"],
        "peer": [args.clang_tidy, "-p", str(workspace.build), f"--checks={PEER_CHECKS}", "--quiet", path],
        "maptidy": [args.maptidy, "-p", str(workspace.build), "--checks=-*,maptidy-*", "--quiet", path],
    }
    if args.check:
        commands["check"] = [args.maptidy, "-p", str(workspace.build), f"--checks=-*,{args.check}", "--quiet", path]
    preprocessed = subprocess.run(compile_command + ["-E", "-P"], cwd=entry["directory"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    unit = {"project": workspace.project.name, "file": os.path.relpath(path, workspace.root),
            "preprocessed_kib": len(preprocessed) / 1024}
    for tool, command in commands.items():
        runs = [measure(command, entry["directory"]) for _ in range(args.repeat)]
        best = min(runs, key=lambda run: run["cpu"])
        unit[tool] = best
    return unit


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ratio_row(name, values):
    return (f"| {name} | {statistics.median(values):.2f} | {percentile(values, 0.9):.2f} "
            f"| {min(values):.2f} | {max(values):.2f} |")


def report(units, projects, check=None):
    def ratios(numerator, denominator, key="cpu"):
        return [u[numerator][key] / u[denominator][key] for u in units
                if numerator in u and u[denominator][key] > 0]

    lines = [f"{len(units)} translation units of {len(projects)} projects.", "",
             "| per-file ratio | median | 90th percentile | min | max |", "|---|---:|---:|---:|---:|",
             ratio_row("maptidy / parse (CPU time)", ratios("maptidy", "parse")),
             ratio_row("maptidy / peer (CPU time)", ratios("maptidy", "peer")),
             ratio_row("peer / parse (CPU time)", ratios("peer", "parse")),
             ratio_row("maptidy / parse (wall time)", ratios("maptidy", "parse", "wall")),
             ratio_row("maptidy / parse (peak memory)", ratios("maptidy", "parse", "rss_mib")),
             ratio_row("maptidy / peer (peak memory)", ratios("maptidy", "peer", "rss_mib"))]
    if check:
        lines.append(ratio_row(f"{check} alone / parse (CPU time)", ratios("check", "parse")))
    lines.append("")

    lines += ["| tool | total CPU s | median s per file | peak memory (MiB), largest file |",
              "|---|---:|---:|---:|"]
    for tool in ("parse", "peer", "maptidy") + (("check",) if check else ()):
        measured = [u[tool] for u in units if tool in u]
        lines.append(f"| {tool} | {sum(m['cpu'] for m in measured):.1f} "
                     f"| {statistics.median(m['cpu'] for m in measured):.2f} "
                     f"| {max(m['rss_mib'] for m in measured):.0f} |")
    lines.append("")

    lines += ["How time grows with the size of a file (preprocessed, quartiles):", "",
              "| preprocessed size | files | parse s (median) | maptidy s (median) | maptidy / parse (median) |",
              "|---|---:|---:|---:|---:|"]
    by_size = sorted(units, key=lambda u: u["preprocessed_kib"])
    quarter = max(1, len(by_size) // 4)
    for start in range(0, len(by_size), quarter):
        group = by_size[start:start + quarter]
        if len(group) < quarter // 2 and start:
            continue
        lines.append(f"| {group[0]['preprocessed_kib'] / 1024:.1f}-{group[-1]['preprocessed_kib'] / 1024:.1f} MiB "
                     f"| {len(group)} | {statistics.median(u['parse']['cpu'] for u in group):.2f} "
                     f"| {statistics.median(u['maptidy']['cpu'] for u in group):.2f} "
                     f"| {statistics.median(u['maptidy']['cpu'] / u['parse']['cpu'] for u in group):.2f} |")
    lines.append("")

    lines += ["Whole projects, maptidy wall time:", "",
              "| project | files | -j1 s | -j2 s | speed-up |", "|---|---:|---:|---:|---:|"]
    for project in projects:
        lines.append(f"| {project['name']} | {project['files']} | {project['j1']:.1f} | {project['j2']:.1f} "
                     f"| {project['j1'] / project['j2']:.2f}x |")
    return "\n".join(lines) + "\n"


def whole_project(workspace, args, jobs):
    command = [args.maptidy, "-p", str(workspace.build), "--checks=-*,maptidy-*", f"-j{jobs}", "--quiet"]
    command += workspace.own_files()
    return measure(command, workspace.build)["wall"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", default=",".join(BY_NAME), help="comma-separated names (default: all)")
    parser.add_argument("--work", default=str(REPO / "build-corpus"), help="where the projects are built")
    parser.add_argument("--maptidy", default=str(REPO / "build/bin/maptidy"))
    parser.add_argument("--clang-tidy", default="/usr/lib/llvm-22/bin/clang-tidy")
    parser.add_argument("--repeat", type=int, default=1, help="runs per file and tool; the fastest counts")
    parser.add_argument("--out", help="output directory (default: WORK/cost)")
    parser.add_argument("--check", help="also time maptidy running this check alone")
    parser.add_argument("--add", action="store_true",
                        help="add these projects to the figures already in the output directory")
    args = parser.parse_args()

    names = args.projects.split(",")
    unknown = [name for name in names if name not in BY_NAME]
    if unknown:
        raise SystemExit(f"cost: error: unknown project '{unknown[0]}'; known: {', '.join(BY_NAME)}")
    out_dir = Path(args.out or Path(args.work) / "cost").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    install_build_depends([BY_NAME[name] for name in names])

    units, projects = [], []
    if args.add and (out_dir / "cost.json").is_file():
        with open(out_dir / "cost.json") as previous:
            earlier = json.load(previous)
        units = [u for u in earlier["units"] if u["project"] not in names]
        projects = [p for p in earlier["projects"] if p["name"] not in names]
    for name in names:
        workspace = Workspace(args.work, BY_NAME[name])
        workspace.prepare(jobs=2)
        # One entry per file: a file built into two targets is measured once.
        entries = {}
        for entry in workspace.translation_units():
            entries.setdefault(str(Path(entry["directory"], entry["file"]).resolve()), entry)
        own = workspace.own_files()
        entries = [entries[path] for path in own]
        log(f"{name}: measuring {len(entries)} files")
        for index, entry in enumerate(entries):
            units.append(measure_unit(workspace, entry, args))
            if index % 20 == 19:
                log(f"{name}: {index + 1}/{len(entries)}")
        projects.append({"name": name, "files": len(own),
                         "j1": whole_project(workspace, args, 1), "j2": whole_project(workspace, args, 2)})

    with open(out_dir / "cost.json", "w") as raw:
        json.dump({"units": units, "projects": projects, "check": args.check}, raw, indent=1)
    text = report(units, projects, args.check)
    (out_dir / "cost.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
