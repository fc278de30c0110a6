#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs packages, builds,
# and runs lit (check tests through maptidy and the clang-tidy plugin, CLI
# tests, the race corpus), the LSP end-to-end test, the install test, the
# GoogleTest suites (including the ThreadSanitizer and AddressSanitizer stress
# tests), the ninja slice of the corpus run (Debian's ninja sources, fetched
# with apt-get source) and a build of the benchmarks.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/ci/build.sh"
# The SARIF schema test's npm modules, installed here with the caller's
# environment (registry access may need its proxy or CA settings).
"$root/test/cli/install_node_modules.sh" "$root/build/test/npm"
ctest --test-dir "$root/build" --output-on-failure
