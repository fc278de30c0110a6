#!/usr/bin/env python3
"""Runs the race corpus: ThreadSanitizer at run time against maptidy statically.

usage: run_corpus.py --maptidy BIN --clangxx CLANGXX --include DIR --work DIR
                     [CORPUS_DIR]

Every program in racy/ and race-free/ is built with -fsanitize=thread and
run. A racy program must make ThreadSanitizer report a data race (it is run
up to three times), a race-free one must not. Then
maptidy --checks=-*,maptidy-unsynchronized-map-access counts its findings on
the program. The run fails when a racy program has no finding or a race-free
one has any. For the racy programs the fixes are applied too: the fixed
program must build and run with no ThreadSanitizer report.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

CHECK = "maptidy-unsynchronized-map-access"
# The thread pool of racy/thread-pool-submit.cpp and its race-free twin.
CONFIG = ("{CheckOptions: {%s.ThreadLaunchers: '::corpus::ThreadPool::submit'}}"
          % CHECK)
STD = "-std=c++20"
FINDING = re.compile(r": (warning|error): .*\[" + re.escape(CHECK) + r"\]")


def run(cmd, env=None, timeout=300):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=env, timeout=timeout)


def build(args, source, exe):
    # -O0: the programs are small, and unoptimized code keeps every access.
    result = run([args.clangxx, STD, "-O0", "-g", "-fsanitize=thread",
                  "-I", args.include, "-o", exe, source])
    if result.returncode != 0:
        sys.exit(f"building {source} failed:\n{result.stdout}{result.stderr}")


def races(exe, attempts):
    """Whether ThreadSanitizer reports a data race in any of the runs."""
    env = dict(os.environ, TSAN_OPTIONS="halt_on_error=1 exitcode=66")
    for _ in range(attempts):
        try:
            result = run([exe], env=env, timeout=120)
        except subprocess.TimeoutExpired:
            continue
        if "WARNING: ThreadSanitizer: data race" in result.stderr:
            return True
    return False


def maptidy(args, source, fix=False):
    cmd = [args.maptidy, "--checks=-*," + CHECK, "--config=" + CONFIG]
    if fix:
        cmd.append("--fix")
    cmd += [source, "--", STD, "-I", args.include]
    result = run(cmd)
    output = result.stdout + result.stderr
    if result.returncode not in (0, 1) or "Stack dump" in output:
        sys.exit(f"maptidy failed on {source}:\n{output}")
    return len(FINDING.findall(output))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maptidy", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("corpus", nargs="?",
                        default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    failures = []
    # Programs, programs with findings, findings.
    counts = {"racy": [0, 0, 0], "race-free": [0, 0, 0]}
    fixed = [0, 0]  # fixed programs, TSan-clean after the fix
    for kind in ("racy", "race-free"):
        folder = os.path.join(args.corpus, kind)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".cpp"):
                continue
            source = os.path.join(folder, name)
            stem = os.path.join(args.work, kind + "-" + name[:-4])
            racy = kind == "racy"
            build(args, source, stem + ".exe")
            tsan = races(stem + ".exe", 5 if racy else 1)
            findings = maptidy(args, source)
            counts[kind][0] += 1
            counts[kind][1] += findings > 0
            counts[kind][2] += findings
            line = f"{kind:9} {name:36} tsan={'race' if tsan else 'none':4}" \
                   f" findings={findings}"
            if tsan != racy:
                failures.append(f"{kind}/{name}: ThreadSanitizer "
                                f"{'found no race' if racy else 'found a race'}")
            if racy and findings == 0:
                failures.append(f"{kind}/{name}: not found statically")
            if not racy and findings:
                failures.append(f"{kind}/{name}: {findings} findings")
            if racy and findings:
                copy = stem + ".fixed.cpp"
                shutil.copyfile(source, copy)
                maptidy(args, copy, fix=True)
                if open(copy).read() != open(source).read():
                    fixed[0] += 1
                    build(args, copy, stem + ".fixed.exe")
                    clean = not races(stem + ".fixed.exe", 3)
                    fixed[1] += clean
                    line += " fixed=" + ("tsan-clean" if clean else "RACES")
                    if not clean:
                        failures.append(f"{kind}/{name}: the fixed program "
                                        "still races")
            print(line)

    racy, race_free = counts["racy"], counts["race-free"]
    print(f"found {racy[1]} of {racy[0]} racy programs statically")
    print(f"{race_free[2]} findings on {race_free[0]} race-free programs")
    print(f"fixed {fixed[0]} racy programs, {fixed[1]} free of races under "
          "ThreadSanitizer after the fix")
    # On stderr too: lit shows stderr when the run fails, not what FileCheck read.
    for failure in failures:
        print("FAIL: " + failure)
        print("FAIL: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
