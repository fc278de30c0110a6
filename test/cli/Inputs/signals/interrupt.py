"""Interrupts maptidy with a signal and reports what it left behind.

Usage:
  interrupt.py analysis SIGNAL DIR MAPTIDY ARGS...
      Sends SIGNAL once maptidy's workers are analyzing (its scratch folder
      exists in DIR/tmp, the private TMPDIR of the run, and a worker runs).
  interrupt.py write SIGNAL DIR MARKER MAPTIDY ARGS...
      Sends SIGNAL once the file MARKER exists (created by slow_rename.so,
      preloaded by the caller, while a fixed file is being renamed into place).

Prints how maptidy ended, what is left in DIR/tmp and in DIR (temporary files
of --fix), and whether a worker outlived it.
"""

import os
import signal
import subprocess
import sys
import time


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, what):
    deadline = time.time() + 60
    while not condition():
        if time.time() > deadline:
            sys.exit("interrupt: timed out waiting for " + what)
        time.sleep(0.05)


def main():
    mode, name, directory = sys.argv[1:4]
    rest = sys.argv[4:]
    marker = rest.pop(0) if mode == "write" else None
    scratch_parent = os.path.join(directory, "tmp")
    os.makedirs(scratch_parent, exist_ok=True)
    env = dict(os.environ, TMPDIR=scratch_parent)
    run = subprocess.Popen(rest, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    workers = []
    if mode == "analysis":
        wait_for(lambda: os.listdir(scratch_parent) and children(run.pid),
                 "a worker")
        time.sleep(0.5)
        workers = children(run.pid)
    else:
        wait_for(lambda: os.path.exists(marker), "the marker file")
    run.send_signal(getattr(signal, name))
    try:
        run.wait(timeout=30)
    except subprocess.TimeoutExpired:
        run.kill()
        sys.exit("interrupt: maptidy did not end")
    ended = ("signal %s" % signal.Signals(-run.returncode).name
             if run.returncode < 0 else "exit %d" % run.returncode)
    print("ended: " + ended)
    print("scratch left: %s" % (sorted(os.listdir(scratch_parent)) or "none"))
    temporary = [f for f in os.listdir(directory) if ".maptidy-" in f]
    print("temporary files left: %s" % (sorted(temporary) or "none"))
    survivors = [pid for pid in workers if alive(pid)]
    print("workers: %d, alive: %d" % (len(workers), len(survivors)))
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
