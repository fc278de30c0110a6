// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// Declarators sharing one written type are not retyped apart: the source
// map cannot become a maptidy::skiplist_map alone, so the copy is sorted.
#include <cstdio>
#include <unordered_map>
#include <utility>
#include <vector>

static void print(const std::vector<std::pair<int, int>> &rows) {
  for (const auto &[key, value] : rows)
    std::printf("%d=%d\n", key, value);
}

static void siblings() {
  std::unordered_map<int, int> counts, buckets;
  counts[3] = 1;
  counts[1] = 2;
  buckets.rehash(16);
  std::vector<std::pair<int, int>> rows(counts.begin(), counts.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: the order is relied on here
  // CHECK-FIXES: {{^}}  std::vector<std::pair<int, int>> rows(counts.begin(), counts.end());{{$}}
  // CHECK-FIXES: {{^}}  std::sort(rows.begin(), rows.end());{{$}}
  print(rows);
}

int main() { siblings(); }
