#!/usr/bin/env bash
# Installs the Debian 12 packages maptidy needs to build and test. Idempotent:
# does nothing when everything is installed. Pass --bench to add the peer
# libraries of the benchmarks.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config python3
  clang-22 clang-tidy-22 clangd-22 libclang-22-dev llvm-22-dev llvm-22-tools
  libgrpc++-dev libprotobuf-dev
  libgtest-dev libgmock-dev libfmt-dev
  git pre-commit neovim nodejs
)
# The SARIF schema test installs its npm modules itself; npm comes with some
# nodejs builds and is a package of its own in Debian's.
if ! command -v npm > /dev/null; then
  packages+=(npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libbenchmark-dev libtbb-dev libcuckoo-dev libcds-dev libabsl-dev libboost1.81-dev)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
echo "maptidy setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
