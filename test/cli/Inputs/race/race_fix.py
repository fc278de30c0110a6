"""Two `maptidy --fix` runs over the same files at once.

Usage: race_fix.py MAPTIDY DIR

Writes 12 files into DIR (each slow to analyze, with one fix-it that adds an
include at the top and a reserve() call before a loop), starts a run, starts
an identical second run while the first is still analyzing, and checks the
outcome: one run applies every fix-it, the other refuses the files the first
changed (exit status 2) or finds nothing left to fix. The files themselves are
checked by the test (they must compile and carry each fix once).
"""

import json
import os
import subprocess
import sys
import time

SOURCE = """#include <vector>

// Makes the analysis of the file take a while.
constexpr long spin(long N) {{
  long Sum = 0;
  for (long I = 0; I < N; ++I)
    Sum += I % 7;
  return Sum;
}}
static_assert(spin(250000) > 0, "");

std::vector<int> squares{index}(int n) {{
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i * {index});
  return out;
}}
"""
FILES = 12


def main():
    maptidy, directory = sys.argv[1:]
    commands = []
    for index in range(FILES):
        name = "file%02d.cpp" % index
        with open(os.path.join(directory, name), "w") as f:
            f.write(SOURCE.format(index=index))
        commands.append({
            "directory": directory, "file": name,
            "arguments": ["c++", "-std=c++17", "-fconstexpr-steps=2147483647",
                          "-c", name]})
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(commands, f)

    command = [maptidy, "-p", directory, "--fix", "-j2", "--quiet"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    time.sleep(0.7)
    second = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    runs = []
    for run in (first, second):
        errors = run.communicate()[1]
        runs.append((run.returncode, errors))
        print("exit %d\n%s" % (run.returncode, errors))

    winners = [r for r in runs if r[0] == 0 and
               "maptidy applied %d of %d" % (FILES, FILES) in r[1]]
    if len(winners) != 1:
        sys.exit("race: expected exactly one run to apply every fix-it")
    loser = runs[1] if winners[0] is runs[0] else runs[0]
    refused = loser[0] == 2 and "changed since it was analyzed" in loser[1]
    idle = loser[0] == 0 and "maptidy applied" not in loser[1]
    if not (refused or idle):
        sys.exit("race: the other run neither refused nor found nothing to do")
    print("race: one run fixed every file, the other %s" %
          ("refused the files it saw change" if refused else "had nothing to do"))


if __name__ == "__main__":
    main()
