// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- --fix-notes -- -std=c++17 -I%maptidy_include
#include <string>
#include <unordered_map>
#include <vector>

// The copy is the body of an if: no sort can be inserted after it, so the
// only fix is the note's, keeping the map ordered (applied with --fix-notes).
std::vector<std::string> names(bool wanted) {
  std::unordered_map<std::string, int> counts;
  counts["b"] = 2;
  counts["a"] = 1;
  std::vector<std::string> out;
  if (wanted)
    for (const auto &entry : counts)
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+5]]:10: note: the order is relied on here
    // CHECK-MESSAGES: :[[@LINE-3]]:30: note: alternatively, keep 'counts' ordered: maptidy::skiplist_map iterates in key order
    // CHECK-FIXES: {{^}}#include <maptidy/skiplist_map.hpp>{{$}}
    // CHECK-FIXES: {{^}}  maptidy::skiplist_map<std::string, int> counts;{{$}}
      out.push_back(entry.first);
  return out;
}
