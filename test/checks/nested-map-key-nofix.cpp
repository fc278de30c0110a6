// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17
// Point access only, but the type cannot change here: warn with a note, no fix.
#include <functional>
#include <map>
#include <string>
#include <unordered_map>

// Visible to other translation units.
std::unordered_map<int, std::unordered_map<int, int>> sharedCounts;
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: 'sharedCounts' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
// CHECK-MESSAGES: :[[@LINE-2]]:55: note: 'sharedCounts' is visible outside this translation unit; no fix is offered
void bump(int a, int b) { ++sharedCounts[a][b]; }

// A parameter: the caller decides the type.
int lookup(const std::map<int, std::map<int, int>> &table, int a, int b) {
// CHECK-MESSAGES: :[[@LINE-1]]:53: warning: 'table' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
// CHECK-MESSAGES: :[[@LINE-2]]:53: note: 'table' is visible outside this translation unit; no fix is offered
  return table.at(a).at(b);
}

using Matrix = std::map<int, std::map<int, int>>;
int viaAuto() {
  auto matrix = Matrix();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'matrix' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: the type of 'matrix' is deduced from its initializer (auto); no fix is offered
  matrix[1][1] = 1;
  return matrix[1][1];
}

int initialized() {
  std::map<int, std::map<int, int>> seeded = {{1, {{2, 3}}}};
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'seeded' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: 'seeded' is initialized with contents; no fix is offered
  return seeded[1][2];
}

struct ReverseOrder {
  bool operator()(int a, int b) const { return a > b; }
};
int customOrder() {
  std::map<int, std::map<int, int, ReverseOrder>> byRank;
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: 'byRank' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:51: note: 'byRank' mixes container kinds or has its own hashing, ordering or allocator; no fix is offered
  byRank[1][2] = 3;
  return byRank[1][2];
}

int findThenFind() {
  std::unordered_map<int, std::unordered_map<int, int>> cache;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'cache' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE+2]]:14: note: this access cannot be rewritten for a single key; no fix is offered
  cache[1][2] = 3;
  auto row = cache.find(1);
  if (row == cache.end())
    return 0;
  auto cell = row->second.find(2);
  return cell == row->second.end() ? 0 : cell->second;
}

int typedIterator() {
  std::map<int, std::map<int, int>> byRow;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'byRow' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE+2]]:37: note: this access cannot be rewritten for a single key; no fix is offered
  byRow[1][2] = 3;
  std::map<int, int>::iterator it = byRow[1].find(2);
  return it->second;
}
