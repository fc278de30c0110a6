#!/usr/bin/env python3
"""The corpus run: maptidy on real projects nobody here wrote.

For each project: analyze every file with all maptidy checks (a crash or a
file over the time limit fails the run), apply every fix-it, rebuild with the
project's own build (every recompiled file must compile), run the project's
tests before and after (no test may start failing), and analyze the fixed
tree again (no fix-it may come back for a finding already fixed). Writes a
report a person can review, and the summary table of docs/quality.md.

  test/corpus/run_corpus.py                      # the whole corpus
  test/corpus/run_corpus.py --projects ninja     # one project (the CI slice)
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import BY_NAME  # noqa: E402
from workspace import REPO, Workspace, install_build_depends, log  # noqa: E402

CHECKS = [
    "maptidy-nested-map-key",
    "maptidy-concatenated-map-key",
    "maptidy-unreserved-append",
    "maptidy-unsorted-map-to-vector",
    "maptidy-unsynchronized-map-access",
]


def analyze(workspace, args, output, fix):
    src = re.escape(str(workspace.src))
    # `-*` first: the project's .clang-tidy may enable other checks.
    command = [args.maptidy, "-p", str(workspace.build), "--checks=-*,maptidy-*", f"-j{args.jobs}",
               f"--timeout={args.timeout}",
               "--quiet", "--format=json", f"--output={output}", f"--source-root={workspace.src}",
               f"--header-filter=^{src}/"]
    if workspace.project.vendored:
        command.append(f"--exclude-header-filter=^{src}/({'|'.join(workspace.project.vendored)})/")
    if fix:
        command.append("--fix")
    started = time.monotonic()
    result = subprocess.run(command + workspace.own_files(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    if result.returncode not in (0, 1, 2) or not Path(output).is_file():
        raise SystemExit(f"corpus: error: maptidy exited with status {result.returncode}:\n{result.stderr[-4000:]}")
    with open(output) as report:
        return json.load(report), seconds


def run_tests(workspace, args):
    """Names of the failing tests, or None when the project has no suite."""
    if not workspace.project.has_tests:
        return None
    failed_log = workspace.build / "Testing/Temporary/LastTestsFailed.log"
    failed_log.unlink(missing_ok=True)
    command = ["ctest", "--test-dir", str(workspace.build), f"-j{args.jobs}", "--timeout", "900", "--quiet"]
    if workspace.project.skip_tests:
        command += ["-E", workspace.project.skip_tests]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not failed_log.is_file():
        return set()
    return {line.split(":", 1)[1] for line in failed_log.read_text().splitlines() if ":" in line}


def still_failing(workspace, names, attempts=2):
    """The tests of \p names that fail again when rerun alone: a test that
    passes on a rerun is flaky (leveldb's compaction tests depend on timing),
    not broken by the fixes."""
    failing = []
    for name in names:
        for _ in range(attempts):
            rerun = subprocess.run(["ctest", "--test-dir", str(workspace.build), "--timeout", "900",
                                    "-R", f"^{re.escape(name)}$"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
            if rerun.returncode == 0:
                break
        else:
            failing.append(name)
    return failing


def problems_of(report):
    """maptidy's failures (crashes, time-outs) and files clang cannot compile."""
    failures = [p for p in report["problems"] if "does not compile" not in p["message"]]
    uncompilable = [p for p in report["problems"] if "does not compile" in p["message"]]
    return failures, uncompilable


def run_project(workspace, args, out_dir):
    project = workspace.project
    log(f"{project.name}: preparing")
    workspace.prepare(args.jobs)
    files = len(workspace.own_files())
    tests_before = run_tests(workspace, args)

    log(f"{project.name}: analyzing and fixing {files} files")
    first, seconds = analyze(workspace, args, out_dir / f"{project.name}-findings.json", fix=True)
    (out_dir / f"{project.name}-fixes.diff").write_text(workspace.diff())
    changed = workspace.changed_files()

    log(f"{project.name}: rebuilding after {sum(f['fixed'] for f in first['findings'])} fixes")
    rebuild = workspace.compile(args.jobs, keep_going=True)
    recompiled = len(workspace.compiled_files(rebuild.stdout))
    broken = workspace.failed_targets(rebuild.stdout)
    if rebuild.returncode != 0 and not broken:
        broken = ["(the build failed; see the log)"]
    if broken:
        (out_dir / f"{project.name}-rebuild.log").write_text(rebuild.stdout)
    if broken:
        tests_after = None
    else:
        tests_after = run_tests(workspace, args) if changed else tests_before

    log(f"{project.name}: analyzing the fixed tree")
    second, _ = analyze(workspace, args, out_dir / f"{project.name}-second-run.json", fix=False)
    fixed = {f["fingerprint"] for f in first["findings"] if f["fixed"]}
    refixed = [f for f in second["findings"] if f["fix"] and f["fingerprint"] in fixed]

    new_test_failures = None
    flaky = []
    if tests_before is not None and tests_after is not None:
        new_test_failures = still_failing(workspace, sorted(tests_after - tests_before))
        flaky = sorted(set(tests_after - tests_before) - set(new_test_failures))
    workspace.reset()
    failures, uncompilable = problems_of(first)
    return {
        "project": project.name,
        "package": project.package,
        "domain": project.domain,
        "files": files,
        "seconds": round(seconds, 1),
        "findings": first["findings"],
        "failures": failures,
        "uncompilable": uncompilable,
        "fixed": sum(f["fixed"] for f in first["findings"]),
        "changed_files": changed,
        "recompiled": recompiled,
        "broken": broken,
        "tests_before": None if tests_before is None else sorted(tests_before),
        "tests_after": None if tests_after is None else sorted(tests_after),
        "new_test_failures": new_test_failures,
        "flaky_tests": flaky,
        "refixed": refixed,
    }


def verdict(result):
    """What makes a project fail the corpus run."""
    reasons = []
    if result["failures"]:
        reasons.append(f"{len(result['failures'])} files crashed or timed out")
    if result["broken"]:
        reasons.append(f"{len(result['broken'])} files do not compile after the fixes")
    if result["changed_files"] and result["tests_before"] is not None and result["tests_after"] is None:
        reasons.append("the tests could not run after the fixes")
    if result["new_test_failures"]:
        reasons.append(f"tests fail after the fixes: {', '.join(result['new_test_failures'])}")
    if result["refixed"]:
        reasons.append(f"{len(result['refixed'])} fix-its proposed again on the fixed tree")
    return reasons


def tests_cell(result):
    if result["tests_before"] is None:
        return "no suite"
    if result["tests_after"] is None:
        return "not run"
    if result["new_test_failures"]:
        return f"{len(result['new_test_failures'])} new failures"
    flaky = result.get("flaky_tests") or []
    return "no new failure" + (f" ({', '.join(flaky)} flaky: failed once, passed on a rerun)" if flaky else "")


def summary_table(results):
    short = [check.removeprefix("maptidy-") for check in CHECKS]
    lines = ["| project | domain | files | " + " | ".join(short) + " | fixed | recompiled (failed) | tests | crashes, time-outs | fixes again |",
             "|---|---|---:|" + "---:|" * len(short) + "---:|---|---|---:|---:|"]
    for r in results:
        counts = [sum(f["check"] == check for f in r["findings"]) for check in CHECKS]
        lines.append(f"| {r['project']} | {r['domain']} | {r['files']} | " + " | ".join(map(str, counts))
                     + f" | {r['fixed']} | {r['recompiled']} ({len(r['broken'])}) | {tests_cell(r)}"
                     + f" | {len(r['failures'])} | {len(r['refixed'])} |")
    return "\n".join(lines) + "\n"


def findings_report(results):
    """Every finding, grouped by check, for a person to review."""
    out = ["# maptidy corpus run: findings", "", summary_table(results)]
    for check in CHECKS:
        found = [(r["project"], f) for r in results for f in r["findings"] if f["check"] == check]
        out += [f"## {check}: {len(found)}", ""]
        for project, f in found:
            state = "fixed" if f["fixed"] else ("fix not applied" if f["fix"] else "no fix")
            out.append(f"- {project}/{f['file']}:{f['line']}: {f['message']} ({state})")
        out.append("")
    for r in results:
        for p in r["failures"] + r["uncompilable"]:
            out.append(f"- problem: {r['project']}/{p['file']}: {p['message']}")
        for name in r["broken"]:
            out.append(f"- does not compile after the fixes: {r['project']}: {name}")
        for f in r["refixed"]:
            out.append(f"- fix-it again: {r['project']}/{f['file']}:{f['line']}: {f['message']}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", default=",".join(BY_NAME),
                        help="comma-separated names (default: all): " + ", ".join(BY_NAME))
    parser.add_argument("--work", default=str(REPO / "build-corpus"), help="where the projects are built")
    parser.add_argument("--maptidy", default=str(REPO / "build/bin/maptidy"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=300, help="seconds one file's analysis may take")
    parser.add_argument("--out", help="report directory (default: WORK/report)")
    parser.add_argument("--add", action="store_true",
                        help="add these projects to the results already in the report directory")
    args = parser.parse_args()

    unknown = [name for name in args.projects.split(",") if name not in BY_NAME]
    if unknown:
        raise SystemExit(f"corpus: error: unknown project '{unknown[0]}'; known: {', '.join(BY_NAME)}")
    if not Path(args.maptidy).is_file():
        raise SystemExit(f"corpus: error: no maptidy at '{args.maptidy}'; build it or pass --maptidy")
    projects = [BY_NAME[name] for name in args.projects.split(",")]
    out_dir = Path(args.out or Path(args.work) / "report").resolve()
    earlier = []
    if args.add and (out_dir / "results.json").is_file():
        with open(out_dir / "results.json") as previous:
            earlier = [r for r in json.load(previous) if r["project"] not in args.projects.split(",")]
    else:
        shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)

    install_build_depends(projects)
    results = earlier + [run_project(Workspace(args.work, project), args, out_dir) for project in projects]

    (out_dir / "report.md").write_text(findings_report(results))
    (out_dir / "summary.md").write_text(summary_table(results))
    with open(out_dir / "results.json", "w") as raw:
        json.dump(results, raw, indent=1)
    print(summary_table(results))
    print(f"report: {out_dir / 'report.md'}")
    failed = False
    for result in results:
        for reason in verdict(result):
            print(f"corpus: FAIL {result['project']}: {reason}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
