#!/usr/bin/env bash
# Builds the Debian package from the build tree, installs it with dpkg,
# runs maptidy from PATH on a file with a finding, then removes the package
# and checks that the command is gone. Needs root; skipped (77) without it.
set -euo pipefail
build=$1
scratch=$2
. "$(dirname "$0")/expect_finding.sh"
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing a .deb needs root"
  exit 77
fi
if dpkg-query -W -f='${Status}' maptidy 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIP: a maptidy package is installed already; the test would remove it"
  exit 77
fi
rm -rf "$scratch"
mkdir -p "$scratch"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch" > "$scratch/cpack.log"
package=$(ls "$scratch"/maptidy_*.deb)

trap 'dpkg -r maptidy > /dev/null 2>&1 || true' EXIT
if ! dpkg -i "$package" > "$scratch/dpkg.log" 2>&1; then
  echo "dpkg -i $package failed:"
  cat "$scratch/dpkg.log"
  exit 1
fi

# On PATH through /usr/bin, with the package's own builtin headers.
expect_append_finding "$scratch" "the packaged maptidy" \
  env PATH=/usr/bin:/bin maptidy --extra-arg=-v
if ! grep -q "^ /opt/maptidy/lib/clang/[0-9]*/include$" "$scratch/out.txt"; then
  echo "the packaged maptidy does not search /opt/maptidy/lib/clang/<major>/include"
  exit 1
fi
if command -v man > /dev/null && ! man -w maptidy > /dev/null; then
  echo "man does not find maptidy(1)"
  exit 1
fi

dpkg -r maptidy > "$scratch/dpkg.log" 2>&1
for file in /usr/bin/maptidy /usr/bin/maptidy-clangd /opt/maptidy/bin/maptidy; do
  if [ -e "$file" ] || [ -L "$file" ]; then
    echo "dpkg -r maptidy left $file behind"
    exit 1
  fi
done
echo "Debian package OK"
