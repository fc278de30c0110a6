#!/usr/bin/env python3
"""End-to-end test of maptidy-clangd over the Language Server Protocol.

Starts the server on a scratch workspace, opens a file, and checks that:
  * the server names maptidy in its serverInfo;
  * a maptidy diagnostic is published for it, with a link to its page;
  * the code action carrying its fix-it is offered and, applied, gives the
    expected text;
  * clangd's refactoring tweaks are still offered (stock clangd parity).
Once in a workspace that configures the checks (.clang-tidy, .clangd), once
in one with no configuration at all, where maptidy's checks run by default.

usage: lsp_e2e.py <maptidy-clangd>
"""
import json
import os
import select
import subprocess
import sys
import tempfile
import time

SOURCE = """#include <vector>

std::vector<int> squares() {
  std::vector<int> out;
  for (int i = 0; i < 16; ++i)
    out.push_back(i * i);
  auto count = out.size();
  (void)count;
  return out;
}
"""

FIXED = SOURCE.replace("  for (int i = 0;", "  out.reserve(16);\n  for (int i = 0;", 1)


class Server:
    def __init__(self, command, cwd, env):
        self.process = subprocess.Popen(command, cwd=cwd, env=env,
                                        stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.buffer = b""

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=60):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method,
                   "params": params})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m,
                         timeout)["result"]

    def read_message(self, deadline):
        while b"\r\n\r\n" not in self.buffer:
            self._fill(deadline)
        header, rest = self.buffer.split(b"\r\n\r\n", 1)
        length = int([line.split(b":")[1] for line in header.split(b"\r\n")
                      if line.lower().startswith(b"content-length")][0])
        while len(rest) < length:
            self.buffer = header + b"\r\n\r\n" + rest
            self._fill(deadline)
            header, rest = self.buffer.split(b"\r\n\r\n", 1)
        self.buffer = rest[length:]
        return json.loads(rest[:length])

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from the server")
        ready, _, _ = select.select([self.process.stdout], [], [], remaining)
        if ready:
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError("the server exited")
            self.buffer += chunk

    def wait(self, predicate, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            message = self.read_message(deadline)
            if message.get("method") == "window/workDoneProgress/create":
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if predicate(message):
                return message


def apply_edits(text, edits):
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position):
        return offsets[position["line"]] + position["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]),
                       reverse=True):
        start = offset(edit["range"]["start"])
        end = offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def fail(message):
    sys.stderr.write("FAIL: " + message + "\n")
    sys.exit(1)


def main():
    server_binary = os.path.abspath(sys.argv[1])
    for configured in (True, False):
        with tempfile.TemporaryDirectory(prefix="maptidy-lsp-") as workspace:
            run(server_binary, workspace, configured)


def run(server_binary, workspace, configured):
    path = os.path.join(workspace, "squares.cpp")
    with open(path, "w") as f:
        f.write(SOURCE)
    with open(os.path.join(workspace, "compile_flags.txt"), "w") as f:
        f.write("-std=c++17\n")
    if configured:
        with open(os.path.join(workspace, ".clang-tidy"), "w") as f:
            f.write("Checks: '-*,maptidy-*'\n")
        with open(os.path.join(workspace, ".clangd"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n")
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(workspace, "config"),
               HOME=workspace)
    uri = "file://" + path

    server = Server([server_binary, "--log=error", "--background-index=false"],
                    workspace, env)
    try:
        initialized = server.request("initialize", {
            "processId": os.getpid(), "rootUri": "file://" + workspace,
            "capabilities": {"textDocument": {
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix", "refactor"]}}},
                "publishDiagnostics": {"codeDescriptionSupport": True}}}})
        version = initialized.get("serverInfo", {}).get("version", "")
        if not version.startswith("maptidy-clangd "):
            fail("serverInfo does not name maptidy-clangd: %s" % initialized)
        server.notify("initialized", {})
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": SOURCE}})

        published = server.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and m["params"]["diagnostics"])
        diagnostics = [d for d in published["params"]["diagnostics"]
                       if d.get("code") == "maptidy-unreserved-append"]
        if not diagnostics:
            fail("no maptidy diagnostic: %s" % published["params"]["diagnostics"])
        diagnostic = diagnostics[0]
        if diagnostic["range"]["start"]["line"] != 5:
            fail("diagnostic on the wrong line: %s" % diagnostic)
        href = diagnostic.get("codeDescription", {}).get("href", "")
        if not href.endswith("/checks/unreserved-append.md") or \
                not os.path.isfile(href[len("file://"):]):
            fail("the diagnostic does not link to the check's page: %s" % href)

        actions = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}})
        quickfixes = [a for a in actions if a.get("kind") == "quickfix"
                      and "edit" in a]
        if not quickfixes:
            fail("no quick fix offered: %s" % actions)
        edits = quickfixes[0]["edit"]["changes"][uri]
        if apply_edits(SOURCE, edits) != FIXED:
            fail("the quick fix gives:\n" + apply_edits(SOURCE, edits))

        # "Expand auto type" and other tweaks on `auto` (line 7).
        tweaks = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 6, "character": 3},
                      "end": {"line": 6, "character": 3}},
            "context": {"diagnostics": []}})
        if not any(a.get("kind", "").startswith("refactor") for a in tweaks):
            fail("no refactoring tweak offered: %s" % tweaks)

        server.request("shutdown", None)
        server.notify("exit", None)
        server.process.wait(timeout=30)
    finally:
        if server.process.poll() is None:
            server.process.kill()
    print("PASS: diagnostic, quick fix and tweaks from maptidy-clangd (%s)"
          % ("configured" if configured else "no configuration"))


if __name__ == "__main__":
    main()
