// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++20 -I%maptidy_include
// The std::ranges forms of a copy into a vector, and algorithms of other
// namespaces, which the check does not know.
#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <vector>

std::vector<int> copied(const std::unordered_set<int> &ids) {
  std::vector<int> listed;
  std::ranges::copy(ids, std::back_inserter(listed));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'listed' takes the iteration order of 'ids', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(listed.begin(), listed.end());{{$}}
  return listed;
}

int transformed(const std::unordered_map<int, int> &m) {
  std::vector<int> values;
  std::ranges::transform(m, std::back_inserter(values),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'values' takes the iteration order of 'm', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::sort(values.begin(), values.end());{{$}}
                         [](const auto &e) { return e.second; });
  return values[0];
}

namespace mine {
template <class Range, class Out> Out copy(const Range &range, Out out) {
  for (const auto &x : range)
    *out++ = x;
  return out;
}
} // namespace mine

// Not a standard algorithm: silent.
std::vector<int> own(const std::unordered_set<int> &ids) {
  std::vector<int> listed;
  mine::copy(ids, std::back_inserter(listed));
  return listed;
}
