// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// A local std::unordered_map whose order is relied on through a copy becomes
// a maptidy::skiplist_map where it can: that remedy wins over inserting a
// sort, which the check would then report as a copy sorted every call.
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

// The copy is the body of an if: no sort could go after it anyway.
std::vector<std::string> names(bool wanted) {
  std::unordered_map<std::string, int> counts;
  // CHECK-FIXES: {{^}}#include <maptidy/skiplist_map.hpp>{{$}}
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<std::string, int> counts;{{$}}
  counts["b"] = 2;
  counts["a"] = 1;
  std::vector<std::string> out;
  if (wanted)
    for (const auto &entry : counts)
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+3]]:10: note: the order is relied on here
    // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'counts' becomes a maptidy::skiplist_map, which iterates in key order
      out.push_back(entry.first);
  return out;
}

// A sort could follow the copy; the ordered map is still the fix, and the
// sort is not inserted.
static void printed() {
  std::unordered_map<int, double> totals;
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<int, double> totals;{{$}}
  totals[3] = 1.5;
  totals[1] = 0.5;
  std::vector<int> ids;
  for (const auto &[id, total] : totals)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ids' takes the iteration order of 'totals', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+5]]:17: note: the order is relied on here
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: 'totals' becomes a maptidy::skiplist_map, which iterates in key order
  // CHECK-FIXES: {{^}}    ids.push_back(id);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int id : ids){{$}}
    ids.push_back(id);
  for (int id : ids)
    std::printf("%d\n", id);
}

// The map is also used inside a lambda of the same function: those uses
// count too, and one the skip list lacks (bucket_count) blocks the
// container change; the sort is inserted instead.
static std::vector<int> keys() {
  std::unordered_map<int, int> seen;
  seen[2] = 1;
  seen[1] = 1;
  auto buckets = [&] { return seen.bucket_count(); };
  std::printf("%d\n", buckets() > 0);
  std::vector<int> out;
  for (const auto &entry : seen)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out' takes the iteration order of 'seen', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+4]]:10: note: the order is relied on here
  // CHECK-FIXES: {{^}}    out.push_back(entry.first);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::sort(out.begin(), out.end());{{$}}
    out.push_back(entry.first);
  return out;
}

int main() {
  for (const std::string &name : names(true))
    std::printf("%s\n", name.c_str());
  printed();
  for (int key : keys())
    std::printf("%d\n", key);
}
