// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector,maptidy-unreserved-append %t -- -- -std=c++17
// Boost.Unordered declares its containers in boost::unordered and exports
// them to boost: the checks know them by the exported names.
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered_map.hpp>
#include <cstdio>
#include <vector>

// CHECK-FIXES: {{^}}#include <algorithm>{{$}}
std::vector<int> keysOf(const boost::unordered_map<int, int> &m) {
  std::vector<int> keys;
  // CHECK-FIXES: {{^}}  keys.reserve(m.size());{{$}}
  for (const auto &[k, v] : m)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: {{warning|error}}: 'keys' takes the iteration order of 'm', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    keys.push_back(k);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: {{warning|error}}: 'keys' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  std::sort(keys.begin(), keys.end());{{$}}
  return keys;
}

std::vector<int> valuesOf(const boost::unordered_flat_map<int, int> &m) {
  std::vector<int> values;
  // CHECK-FIXES: {{^}}  values.reserve(m.size());{{$}}
  for (const auto &[k, v] : m)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: {{warning|error}}: 'values' takes the iteration order of 'm', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    values.push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: {{warning|error}}: 'values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  std::sort(values.begin(), values.end());{{$}}
  return values;
}

int main() {
  boost::unordered_map<int, int> a{{1, 10}, {3, 30}};
  boost::unordered_flat_map<int, int> b{{2, 20}, {4, 40}};
  for (int k : keysOf(a))
    std::printf("%d ", k);
  for (int v : valuesOf(b))
    std::printf("%d ", v);
  std::printf("\n");
}
