// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// A reserve() at the top of a try block counts: the code asks for the
// capacity there and handles its failure (libzmq's ctx_t::start). One in a
// handler runs only after an exception and does not.
#include <cstdio>
#include <new>
#include <stdexcept>
#include <vector>

class Context {
public:
  bool start(int maxSockets, int ioThreads) {
    const int slotCount = maxSockets + ioThreads + 2;
    try {
      slots_.reserve(slotCount);
      emptySlots_.reserve(slotCount - 2);
    } catch (const std::bad_alloc &) {
      return false;
    }
    slots_.resize(2);
    for (int i = 2; i != ioThreads + 2; i++)
      slots_.push_back(i);
    for (int i = slotCount - 1; i >= ioThreads + 2; i--)
      emptySlots_.push_back(i);
    return true;
  }
  size_t size() const { return slots_.size() + emptySlots_.size(); }

private:
  std::vector<int> slots_;
  std::vector<int> emptySlots_;
};

static std::vector<int> nestedTry(int n) {
  std::vector<int> out;
  try {
    try {
      out.reserve(n);
    } catch (const std::length_error &) {
      return {};
    }
  } catch (const std::bad_alloc &) {
    return {};
  }
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  return out;
}

static std::vector<int> reservedInHandler(int n) {
  std::vector<int> out;
  try {
    out.assign(1, 0);
  } catch (const std::bad_alloc &) {
    out.reserve(n);
  }
  out.clear();
  for (int i = 0; i < n; ++i)
    out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  out.reserve(out.size() + std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < n; ++i){{$}}
  return out;
}

static std::vector<int> tryInBranch(bool early, int n) {
  std::vector<int> out;
  if (early) {
    try {
      out.reserve(n);
    } catch (const std::bad_alloc &) {
      return {};
    }
  }
  for (int i = 0; i < n; ++i)
    out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  out.reserve(std::max(n, 0));{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < n; ++i){{$}}
  return out;
}

int main() {
  Context context;
  const bool started = context.start(5, 1);
  std::printf("%d %zu %zu %zu %zu\n", started, context.size(), nestedTry(4).size(),
              reservedInHandler(3).size(), tryInBranch(true, 2).size());
  return 0;
}
