# Sourced by the install tests: runs an installed maptidy on a loop that
# fills a vector and checks that it reports the finding.

# expect_append_finding SCRATCH WHAT COMMAND...: writes SCRATCH/loop.cpp,
# runs COMMAND... loop.cpp -- -std=c++17 in SCRATCH, output in SCRATCH/out.txt.
expect_append_finding() {
  local scratch=$1 what=$2
  shift 2
  cat > "$scratch/loop.cpp" <<'CPP'
#include <stddef.h>
#include <vector>
std::vector<size_t> f() {
  std::vector<size_t> v;
  for (size_t i = 0; i < 4; ++i)
    v.push_back(i);
  return v;
}
CPP
  local status=0
  (cd "$scratch" && "$@" loop.cpp -- -std=c++17) > "$scratch/out.txt" 2>&1 || status=$?
  if [ "$status" -ne 1 ] || ! grep -q "loop.cpp:6:.*maptidy-unreserved-append" "$scratch/out.txt"; then
    echo "$what did not report the finding (status $status):"
    cat "$scratch/out.txt"
    exit 1
  fi
}
