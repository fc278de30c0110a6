// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// Copies sorted by key on every call: the source becomes a maptidy::skiplist_map
// and the sort goes away; the program prints the same.
#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// Copied and sorted by key on every report: the map can keep that order.
static std::vector<std::pair<std::string, double>> report() {
  std::unordered_map<std::string, double> totals;
  totals["latency"] += 12.5;
  totals["errors"] += 1;
  totals["hits"] += 42;
  std::vector<std::pair<std::string, double>> rows;
  for (const auto &entry : totals)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' copies 'totals' and sorts the copy by key every time (O(n log n)); keeping 'totals' ordered gives that order without sorting [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: sorted here
  // CHECK-FIXES: {{^}}#include <maptidy/skiplist_map.hpp>{{$}}
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<std::string, double> totals;{{$}}
    rows.push_back(entry);
  std::sort(rows.begin(), rows.end());
  return rows;
}

static std::vector<int> keys() {
  std::unordered_map<int, int> seen;
  for (int i = 5; i > 0; --i)
    seen[i * 3] = i;
  std::vector<int> ids;
  for (const auto &[id, count] : seen)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ids' copies 'seen' and sorts the copy by key every time (O(n log n)); keeping 'seen' ordered gives that order without sorting [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: sorted here
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<int, int> seen;{{$}}
    ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

static std::vector<std::pair<int, int>> byKeyLambda() {
  std::unordered_map<int, int> m;
  m[2] = 20;
  m[1] = 10;
  std::vector<std::pair<int, int>> rows(m.begin(), m.end());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' copies 'm' and sorts the copy by key every time (O(n log n)); keeping 'm' ordered gives that order without sorting [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: sorted here
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<int, int> m;{{$}}
  std::sort(rows.begin(), rows.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  return rows;
}

// The source is a parameter, which cannot become an ordered container: the
// copy and the sort are the remedy for an order relied on (the fix of the
// escape case inserts exactly this sort). Silent.
static std::vector<int> sortedKeys(const std::unordered_map<int, int> &m) {
  std::vector<int> out;
  for (const auto &entry : m)
    out.push_back(entry.first);
  std::sort(out.begin(), out.end());
  return out;
}

// Sorted through std::begin and std::end, as through the members.
static std::vector<int> freeIterators() {
  std::unordered_map<int, int> seen;
  for (int i = 4; i > 0; --i)
    seen[i * 7] = i;
  std::vector<int> ids;
  for (const auto &[id, count] : seen)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ids' copies 'seen' and sorts the copy by key every time (O(n log n)); keeping 'seen' ordered gives that order without sorting [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: sorted here
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<int, int> seen;{{$}}
    ids.push_back(id);
  std::sort(std::begin(ids), std::end(ids));
  // CHECK-FIXES: {{^}}    ids.push_back(id);{{$}}
  // CHECK-FIXES-NOT: std::sort
  // CHECK-FIXES: {{^}}  return ids;{{$}}
  return ids;
}

int main() {
  for (const auto &row : report())
    std::printf("%s %.1f\n", row.first.c_str(), row.second);
  for (int id : keys())
    std::printf("%d ", id);
  for (int id : freeIterators())
    std::printf("%d ", id);
  for (const auto &row : byKeyLambda())
    std::printf("%d:%d ", row.first, row.second);
  std::unordered_map<int, int> m = {{1, 1}};
  std::printf("%zu\n", sortedKeys(m).size());
}
