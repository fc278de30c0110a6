"""Fails unless every line of each file named ends with CRLF."""

import sys

for path in sys.argv[1:]:
    data = open(path, "rb").read()
    if data.count(b"\n") != data.count(b"\r\n"):
        sys.exit("%s: a line ends with LF alone: %r" % (path, data))
    print("%s: CRLF only, %d lines" % (path, data.count(b"\n")))
