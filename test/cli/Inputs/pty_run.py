#!/usr/bin/env python3
"""Runs a command with a pseudo-terminal as its stdout and stderr, and prints
what it wrote with carriage returns and erase-line codes made visible.

usage: pty_run.py <command> [<argument> ...]
"""
import os
import pty
import subprocess
import sys


def main():
    leader, follower = pty.openpty()
    process = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command closed the terminal.
            break
        if not chunk:
            break
        output += chunk
    status = process.wait()
    text = output.decode("utf-8", "replace")
    sys.stdout.write(text.replace("\r\x1b[K", "<EL>").replace("\r", ""))
    sys.exit(status)


if __name__ == "__main__":
    main()
