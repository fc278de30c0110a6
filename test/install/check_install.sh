#!/usr/bin/env bash
# Installs the build tree into a scratch prefix and checks the result:
# maptidy runs from there with the prefix's own builtin headers, the plugin,
# maptidy-clangd, the documentation, the man page and the shell completions
# are present, and find_package(maptidy) works for a consumer.
set -euo pipefail
build=$1
scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/expect_finding.sh"
rm -rf "$scratch"
mkdir -p "$scratch"
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" > "$scratch/install.log"

test -x "$prefix/bin/maptidy-clangd"
test -f "$prefix/lib/MaptidyPlugin.so"
test -f "$prefix/include/maptidy/composite_key.hpp"
test -f "$prefix/include/maptidy/sharded_map.hpp"
test -f "$prefix/include/maptidy/skiplist_map.hpp"
test -f "$prefix/include/maptidy/flat_map.hpp"
test -f "$prefix/include/maptidy/detail/flat_table.hpp"
for file in share/doc/maptidy/README.md share/doc/maptidy/LICENSE \
    share/doc/maptidy/docs/cli.md share/man/man1/maptidy.1 \
    share/bash-completion/completions/maptidy share/zsh/site-functions/_maptidy; do
  if [ ! -f "$prefix/$file" ]; then
    echo "not installed: $file"
    exit 1
  fi
done

# The man page renders, and is the one of this maptidy.
page=$prefix/share/man/man1/maptidy.1
if command -v man > /dev/null; then
  MANWIDTH=80 man -l "$page" > "$scratch/man.txt" 2> "$scratch/man.err"
else
  groff -man -Tascii "$page" > "$scratch/man.txt" 2> "$scratch/man.err"
fi
if ! grep -q -- "--checks" "$scratch/man.txt" || [ -s "$scratch/man.err" ]; then
  echo "the man page does not render with the options of maptidy:"
  cat "$scratch/man.err"
  exit 1
fi

expect_append_finding "$scratch" "installed maptidy" "$prefix/bin/maptidy"

# The builtin headers come from the prefix, not from the clang maptidy was
# built with, so that the system's copy may be missing.
"$prefix/bin/maptidy" "$scratch/loop.cpp" --extra-arg=-v -- -std=c++17 \
  > "$scratch/search.txt" 2>&1 || true
if ! grep -q "^ $prefix/lib/clang/[0-9]*/include\$" "$scratch/search.txt"; then
  echo "installed maptidy does not search $prefix/lib/clang/<major>/include:"
  sed -n '/search starts here/,/End of search list/p' "$scratch/search.txt"
  exit 1
fi

cmake -S "$here/consumer" -B "$scratch/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" > "$scratch/consumer.log"
cmake --build "$scratch/consumer" >> "$scratch/consumer.log"
"$scratch/consumer/consumer"
echo "install tree OK"
