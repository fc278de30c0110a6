#!/usr/bin/env bash
# Installs the Debian 12 packages maptidy needs. Idempotent: does nothing
# when everything is installed.
#   ci/setup.sh                    building maptidy and running its tests
#   ci/setup.sh --tools            building the tools only (CI jobs of projects)
#   ci/setup.sh --runtime          running an installed maptidy only
#   ci/setup.sh --bench            building and running the benchmarks only
#   ci/setup.sh --corpus PKG...    adds a deb-src entry (apt-get source), dpkg-dev
#                                  and the packages named (test/corpus)
set -euo pipefail

# An installed maptidy: its shared libraries, a C++ standard library's headers
# for the code it reads, and git for --diff-base. Clang's builtin headers
# (stddef.h, ...) are installed with maptidy.
runtime=(libz3-4 zlib1g libzstd1 g++ git ca-certificates)
# Building maptidy, maptidy-clangd and the plugin, their man page and .deb.
tools=(
  cmake ninja-build g++ pkg-config git help2man dpkg-dev
  clang-tidy-22 clangd-22 libclang-22-dev llvm-22-dev
  zlib1g-dev libzstd-dev libgrpc++-dev libprotobuf-dev
)
# The benchmarks' driver and the peers Debian packages (the others come
# from MAPTIDY_PEERS_DIR, see bench/CMakeLists.txt).
bench=(libbenchmark-dev libtbb-dev libcuckoo-dev libcds-dev libabsl-dev libboost1.81-dev)
# The test suite; it also compiles the benchmarks. libedit-dev makes
# LLVM's CMake package probe it with a C compiler (cmake/LLVM.cmake), as on
# machines that have it.
tests=(
  python3 clang-22 llvm-22-tools libclang-rt-22-dev
  libgtest-dev libgmock-dev libfmt-dev pre-commit neovim nodejs libedit-dev
  "${bench[@]}"
)
case "${1:-}" in
  --runtime) packages=("${runtime[@]}") ;;
  --tools) packages=("${tools[@]}") ;;
  --bench) packages=(cmake ninja-build g++ "${bench[@]}") ;;
  *) packages=("${tools[@]}" "${tests[@]}") ;;
esac
# The SARIF schema test installs its npm modules itself; npm comes with some
# nodejs builds and is a package of its own in Debian's.
if [[ ${1:-} != --runtime && ${1:-} != --tools && ${1:-} != --bench ]] && ! command -v npm > /dev/null; then
  packages+=(npm)
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
update_needed=false
case "${1:-}" in
  --corpus)
    shift
    packages+=(dpkg-dev "$@")
    # Source packages come from the same archive as the binary ones; the
    # entry lives in a file of its own, the system's lists stay untouched.
    source_list=/etc/apt/sources.list.d/maptidy-corpus-src.sources
    if [[ ! -e "$source_list" ]]; then
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
        "${sudo[@]}" tee "$source_list" > /dev/null
      update_needed=true
    fi
    ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  if $update_needed; then
    "${sudo[@]}" apt-get update -qq
  fi
  exit 0
fi

echo "maptidy setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
