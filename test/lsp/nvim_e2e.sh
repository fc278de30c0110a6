#!/usr/bin/env bash
# End-to-end test of maptidy-clangd with Neovim's built-in LSP client (see
# nvim_e2e.lua) on a scratch workspace.
#
# usage: nvim_e2e.sh <maptidy-clangd>
set -euo pipefail
server=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
workspace=$(mktemp -d "${TMPDIR:-/tmp}/maptidy-nvim-XXXXXX")
trap 'rm -rf "$workspace"' EXIT

cat > "$workspace/squares.cpp" <<'CPP'
#include <vector>

std::vector<int> squares() {
  std::vector<int> out;
  for (int i = 0; i < 16; ++i)
    out.push_back(i * i);
  return out;
}
CPP
sed 's/^  for (int i = 0;/  out.reserve(16);\n&/' "$workspace/squares.cpp" > "$workspace/expected.cpp"
echo '-std=c++17' > "$workspace/compile_flags.txt"
echo "Checks: '-*,maptidy-*'" > "$workspace/.clang-tidy"
printf 'Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n' > "$workspace/.clangd"

cd "$workspace"
env HOME="$workspace" XDG_CONFIG_HOME="$workspace/config" \
  XDG_DATA_HOME="$workspace/data" XDG_STATE_HOME="$workspace/state" \
  MAPTIDY_CLANGD="$server" MAPTIDY_ROOT="$workspace" \
  MAPTIDY_FIXED="$workspace/expected.cpp" \
  timeout 120 nvim --headless -n -u NONE -i NONE squares.cpp \
  -c "luafile $here/nvim_e2e.lua"
