#!/usr/bin/env python3
"""Runs one check test through maptidy and through clang-tidy --load.

usage: check_maptidy.py [--tsan] [--check-suffix=S] <test.cpp> <check-name>
                        <temp-prefix>
                        [-- <extra maptidy options> [-- <compile flags>]]

With --check-suffix=S, the CHECK-MESSAGES-S and CHECK-FIXES-S lines apply
besides the unsuffixed ones, as in clang-tidy's check_clang_tidy.py: one test
file runs with several configurations.

For each tool the test file (CHECK lines blanked, so line numbers stay) is
copied and fixed with --fix, then:
  * the diagnostics must match the CHECK-MESSAGES lines, and no other warning
    or error may appear;
  * the fixed file must match the CHECK-FIXES lines, or equal the input when
    there are none;
  * the input and the fixed file must compile (clang++ -fsyntax-only);
  * when the test has a main(), both are built and run, and must print the
    same and exit the same.
Both tools must produce the same fixed file. Then, with maptidy's JSON report,
  * each finding's fix-it applied alone to the input must compile, and build
    and behave as the input where the test has a main() (an editor's quick
    fix, or --line-filter, applies one fix-it without the others);
  * the fixed file analyzed again must report only findings that were not
    fixed (a fix never creates a finding), and a second --fix must not change
    it (fixes converge).

Compiles and builds (at -O0: behaviour is compared, not speed) use a PCH of
the #include lines that open the test whenever the text compiled keeps them
all (Preamble); the ThreadSanitizer builds do not.

With --tsan, for threaded programs: the reference is the input program run
with every thread start executed to completion on the spot (pthread_create
interposed through LD_PRELOAD), so that its racy accesses run one after the
other; the fixed program is built with -fsanitize=thread, runs its threads
for real, and must print and exit the same with no ThreadSanitizer report.
"""
import json
import os
import re
import shutil
import subprocess
import sys

CHECK_LINE = re.compile(r"//\s*CHECK-[A-Z0-9-]+:[^\r\n]*")


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


def fail(message, output=""):
    sys.stderr.write(message + "\n")
    if output:
        sys.stderr.write(output + "\n")
    sys.exit(1)


def split_args(argv):
    parts, current = [], []
    for arg in argv:
        if arg == "--" and len(parts) < 2:
            parts.append(current)
            current = []
        else:
            current.append(arg)
    parts.append(current)
    while len(parts) < 3:
        parts.append([])
    return parts


def filecheck(prefixes, input_file, test_file, strict=False):
    cmd = ["FileCheck", "-input-file=" + input_file, test_file,
           "-check-prefixes=" + ",".join(prefixes), "-allow-unused-prefixes"]
    if strict:
        cmd.append("-strict-whitespace")
    else:
        cmd.append("-implicit-check-not={{warning|error}}:")
    result = run(cmd)
    if result.returncode != 0:
        fail(f"FileCheck {','.join(prefixes)} failed on {input_file}",
             result.stdout)


def build_and_run(source, flags, exe, what=None):
    # -O0: behaviour is compared, not speed, and it builds fastest.
    result = run([os.environ["MAPTIDY_CLANGXX"], "-O0", "-o", exe, source] + flags)
    if result.returncode != 0:
        fail(what or f"building {source} failed", result.stdout)
    program = subprocess.run([exe], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=120)
    return program.returncode, program.stdout


# Runs each started thread to completion inside pthread_create.
SEQUENTIAL_THREADS = r"""
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
static uintptr_t started;
static void **results;
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg) {
  (void)attr;
  results = realloc(results, (started + 2) * sizeof *results);
  *thread = (pthread_t)++started;
  results[started] = start(arg);
  return 0;
}
int pthread_join(pthread_t thread, void **result) {
  if (result)
    *result = results[(uintptr_t)thread];
  return 0;
}
int pthread_detach(pthread_t thread) {
  (void)thread;
  return 0;
}
"""


def chosen_fix(finding, fix_notes):
    """The fix-it --fix takes for a finding, as clang-tidy's getFixIt picks it:
    the finding's own, else with --fix-notes the only note that has one."""
    if finding["fix"]:
        return finding["fix"]
    if not fix_notes:
        return []
    fixes = [note["fix"] for note in finding["notes"] if note["fix"]]
    return fixes[0] if len(fixes) == 1 else []


def apply_edits(text, edits):
    data = text.encode()
    for edit in sorted(edits, key=lambda e: (e["offset"], e["length"]),
                       reverse=True):
        start = edit["offset"]
        data = (data[:start] + edit["replacement"].encode() +
                data[start + edit["length"]:])
    return data.decode()


def finding_key(finding):
    # Counts in a message ("3 of 6 accesses hold it") change when a fix adds
    # a lock; the finding is the same, as for maptidy's fingerprints.
    return (finding["check"], re.sub(r"[0-9]+", "#", finding["message"]))


def json_findings(path):
    with open(path) as f:
        return json.load(f)["findings"]


INCLUDE_LINE = re.compile(r"#\s*include\b.*")
PREAMBLE_LINE = re.compile(r"\s*(//.*|#\s*include\b.*)?")


class Preamble:
    """The #include lines that open the test, precompiled with its flags. A
    text that keeps every one of them compiles the same with the PCH as
    without it, only faster: the PCH holds nothing else."""

    def __init__(self, source, flags, temp):
        self.lines, self.pch = [], None
        for line in source.splitlines():
            if not PREAMBLE_LINE.fullmatch(line):
                break
            if INCLUDE_LINE.fullmatch(line):
                self.lines.append(line)
        if not self.lines:
            return
        header, pch = temp + ".preamble.h", temp + ".preamble.pch"
        with open(header, "w") as f:
            f.write("\n".join(self.lines) + "\n")
        result = run([os.environ["MAPTIDY_CLANGXX"], "-x", "c++-header", "-o",
                      pch, header] + [f for f in flags if not f.startswith("-l")])
        if result.returncode == 0:
            self.pch = pch

    def flags_for(self, text, flags):
        """\p flags, with the PCH when \p text keeps the included lines."""
        kept = set(text.splitlines())
        if self.pch and all(line in kept for line in self.lines):
            return ["-include-pch", self.pch] + flags
        return flags


def check_fixes_alone(findings, cleaned, fixed_text, flags, preamble, temp,
                      fix_notes, runnable, reference):
    """Each finding's fix-it applied on its own compiles (and runs the same).
    A text already checked (the whole fix, or another finding's fix-it alone)
    is not checked again."""
    clangxx = os.environ["MAPTIDY_CLANGXX"]
    checked = {fixed_text}
    for index, finding in enumerate(findings):
        edits = chosen_fix(finding, fix_notes)
        if not edits:
            continue
        where = f"{finding['check']} at line {finding['line']}"
        if any(edit["file"] != finding["file"] for edit in edits):
            fail(f"the fix-it of {where} edits another file")
        text = apply_edits(cleaned, edits)
        if text in checked:
            continue
        checked.add(text)
        alone = f"{temp}.alone{index}.cpp"
        with open(alone, "w") as f:
            f.write(text)
        alone_flags = preamble.flags_for(text, flags)
        if runnable:
            after = build_and_run(
                alone, alone_flags, f"{temp}.alone{index}.exe",
                f"the fix-it of {where}, applied alone, does not build")
            if after != reference:
                fail(f"the fix-it of {where}, applied alone, changes what the "
                     "program does",
                     f"before: {reference}\nafter: {after}")
            continue
        result = run([clangxx, "-fsyntax-only", alone] + alone_flags)
        if result.returncode != 0:
            fail(f"the fix-it of {where}, applied alone, does not compile",
                 result.stdout)


def check_convergence(findings, fixed, tool_args, check, flags, temp):
    """Analyzing the fixed file again finds only what was not fixed, and a
    second --fix changes nothing."""
    unfixed = [finding_key(f) for f in findings if not f["fixed"]]
    again = f"{temp}.again.cpp"
    shutil.copyfile(fixed, again)
    report = f"{temp}.again.json"
    cmd = [os.environ["MAPTIDY_BIN"], "--checks=-*," + check, "--fix",
           "--format=json", "--output=" + report] + tool_args + \
        [again, "--"] + flags
    result = run(cmd)
    if result.returncode not in (0, 1):
        fail(f"maptidy failed on the fixed file ({result.returncode})",
             result.stdout)
    for finding in json_findings(report):
        key = finding_key(finding)
        if key not in unfixed:
            fail("a fix created a finding: the fixed file has "
                 f"'{finding['message']}' [{finding['check']}] at line "
                 f"{finding['line']}", result.stdout)
        unfixed.remove(key)
    if open(again).read() != open(fixed).read():
        diff = run(["diff", "-u", fixed, again]).stdout
        fail("a second --fix changed the fixed file", diff)


def run_program(exe, env=None):
    program = subprocess.run([exe], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, timeout=120,
                             env=env)
    return program.returncode, program.stdout, program.stderr


def check_under_tsan(source, fixed, flags, temp):
    """The fixed program under ThreadSanitizer against a sequential run."""
    clangxx = os.environ["MAPTIDY_CLANGXX"]
    shim = temp + ".sequential.so"
    with open(temp + ".sequential.c", "w") as f:
        f.write(SEQUENTIAL_THREADS)
    result = run([clangxx, "-x", "c", "-shared", "-fPIC", "-O1", "-o", shim,
                  temp + ".sequential.c"])
    if result.returncode != 0:
        fail("building the sequential-threads shim failed", result.stdout)
    result = run([clangxx, "-O1", "-o", temp + ".orig.exe", source] + flags)
    if result.returncode != 0:
        fail(f"building {source} failed", result.stdout)
    result = run([clangxx, "-O1", "-g", "-fsanitize=thread", "-o",
                  temp + ".tsan.exe", fixed] + flags)
    if result.returncode != 0:
        fail(f"building {fixed} with -fsanitize=thread failed", result.stdout)
    env = dict(os.environ, LD_PRELOAD=os.path.abspath(shim))
    before = run_program(temp + ".orig.exe", env)
    env = dict(os.environ, TSAN_OPTIONS="halt_on_error=1 exitcode=66")
    after = run_program(temp + ".tsan.exe", env)
    if "ThreadSanitizer" in after[2]:
        fail("ThreadSanitizer reports on the fixed program", after[2])
    if before[:2] != after[:2]:
        fail("the fixed program behaves differently from the sequential "
             "reference",
             f"before: {before[:2]}\nafter: {after[:2]}\n{after[2]}")


def main():
    args = sys.argv[1:]
    tsan = False
    suffixes = [""]
    while args and (args[0] == "--tsan" or
                    args[0].startswith("--check-suffix=")):
        if args[0] == "--tsan":
            tsan = True
        else:
            suffixes.append("-" + args[0].split("=", 1)[1])
        args = args[1:]
    positional, tool_args, compile_flags = split_args(args)
    test_file, check, temp = positional
    text = open(test_file).read()
    cleaned = CHECK_LINE.sub("//", text)
    message_prefixes = ["CHECK-MESSAGES" + s for s in suffixes]
    fix_prefixes = ["CHECK-FIXES" + s for s in suffixes]
    has_messages = any(p + ":" in text for p in message_prefixes)
    has_fixes = any(p + ":" in text for p in fix_prefixes)
    clangxx = os.environ["MAPTIDY_CLANGXX"]

    source = temp + ".orig.cpp"
    with open(source, "w") as f:
        f.write(cleaned)
    preamble = Preamble(cleaned, compile_flags, temp)
    result = run([clangxx, "-fsyntax-only", source] +
                 preamble.flags_for(cleaned, compile_flags))
    if result.returncode != 0:
        fail("the test input does not compile", result.stdout)

    tools = {
        "maptidy": [os.environ["MAPTIDY_BIN"]],
        "plugin": [os.environ["MAPTIDY_CLANG_TIDY"],
                   "--load=" + os.environ["MAPTIDY_PLUGIN"]],
    }
    report = f"{temp}.maptidy.json"
    fixed_texts = {}
    for name, command in tools.items():
        fixed = f"{temp}.{name}.cpp"
        shutil.copyfile(source, fixed)
        if name == "maptidy":
            command = command + ["--format=json", "--output=" + report]
        cmd = command + ["--checks=-*," + check, "--fix"] + tool_args + \
            [fixed, "--"] + compile_flags
        result = run(cmd)
        if result.returncode not in (0, 1) or "Stack dump" in result.stdout:
            fail(f"{name} failed ({result.returncode}): {' '.join(cmd)}",
                 result.stdout)
        messages = f"{temp}.{name}.msg"
        with open(messages, "w") as f:
            f.write(result.stdout)
        if has_messages:
            filecheck(message_prefixes, messages, test_file)
        elif re.search(r"(warning|error):", result.stdout):
            fail(f"{name}: unexpected diagnostics", result.stdout)
        if has_fixes:
            filecheck(fix_prefixes, fixed, test_file, strict=True)
        elif open(fixed).read() != cleaned:
            diff = run(["diff", "-u", source, fixed]).stdout
            fail(f"{name}: the file changed but the test has no CHECK-FIXES",
                 diff)
        fixed_texts[name] = open(fixed).read()
        result = run([clangxx, "-fsyntax-only", fixed] +
                     preamble.flags_for(fixed_texts[name], compile_flags))
        if result.returncode != 0:
            fail(f"{name}: the fixed file does not compile", result.stdout)

    if fixed_texts["maptidy"] != fixed_texts["plugin"]:
        fail("maptidy and the clang-tidy plugin fixed the file differently")

    has_main = re.search(r"\bint\s+main\s*\(", cleaned) is not None
    reference = None
    if has_main and tsan:
        check_under_tsan(source, f"{temp}.maptidy.cpp", compile_flags, temp)
    elif has_main:
        reference = build_and_run(source,
                                  preamble.flags_for(cleaned, compile_flags),
                                  temp + ".orig.exe")
        after = build_and_run(
            f"{temp}.maptidy.cpp",
            preamble.flags_for(fixed_texts["maptidy"], compile_flags),
            temp + ".fixed.exe")
        if reference != after:
            fail("the fixed program behaves differently",
                 f"before: {reference}\nafter: {after}")

    findings = json_findings(report)
    check_fixes_alone(findings, cleaned, fixed_texts["maptidy"], compile_flags,
                      preamble, temp, "--fix-notes" in tool_args,
                      reference is not None, reference)
    check_convergence(findings, f"{temp}.maptidy.cpp", tool_args, check,
                      compile_flags, temp)


if __name__ == "__main__":
    main()
