#!/usr/bin/env bash
# The main job: builds maptidy, configures the example service in examples/
# (which exports compile_commands.json) and runs maptidy over all of it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/ci/build.sh"
cmake -S "$root/examples" -B "$root/build/examples" -G Ninja > /dev/null
status=0
"$root/build/bin/maptidy" -p "$root/build/examples" --header-filter="$root/examples/.*" "$@" || status=$?
echo "maptidy exit status: $status (0 clean, 1 findings, 2 could not run)"
# Findings are the expected outcome on the example project.
[[ $status -le 1 ]]
