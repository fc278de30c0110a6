#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs packages, builds,
# and runs lit (check tests through maptidy and the clang-tidy plugin, CLI
# tests), the LSP end-to-end test, the install test and the GoogleTest suites
# (including the ThreadSanitizer and AddressSanitizer stress tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/ci/build.sh"
ctest --test-dir "$root/build" --output-on-failure
