// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17 -I%maptidy_include
// A nested map declared through an alias: the flat map names the key and
// value types as its declaration can see them, or the fix is refused when a
// type has no name there.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

// Aliases of another namespace are qualified; the alias of the key is kept.
namespace geo {
using Region = std::string;
using Row = std::unordered_map<Region, double>;
} // namespace geo
static std::unordered_map<int, geo::Row> weights;
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'weights' nests maps only for point access; one map keyed by std::pair<int, geo::Region> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
// CHECK-FIXES: {{^}}static maptidy::flat_map<std::pair<int, geo::Region>, double> weights;{{$}}
static double weigh(int day, const geo::Region &region) {
  weights[day][region] += 0.5;
  // CHECK-FIXES: {{^}}  weights[{day, region}] += 0.5;{{$}}
  return weights[day][region];
  // CHECK-FIXES: {{^}}  return weights[{day, region}];{{$}}
}

// An alias local to the function, naming the nested template itself.
static int matrix() {
  using Matrix = std::map<int, std::map<int, int>>;
  Matrix cells;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'cells' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  std::map<std::pair<int, int>, int> cells;{{$}}
  cells[1][2] = 3;
  // CHECK-FIXES: {{^}}  cells[{1, 2}] = 3;{{$}}
  return cells[1][2];
  // CHECK-FIXES: {{^}}  return cells[{1, 2}];{{$}}
}

// A closure type has no name: reported, no fix.
static bool handled() {
  auto handler = [] {};
  using Registry = std::map<int, std::set<decltype(handler) *>>;
  Registry registry;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'registry' nests maps only for point access; one map keyed by std::pair<int, decltype(handler) *> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the key or value type of 'registry' cannot be named here: it involves a lambda's closure type, which has no name; no fix is offered
  registry[1].insert(&handler);
  return registry[1].count(&handler) != 0;
}

// A class local to another function cannot be named here: no fix.
static auto makeKey(int id) {
  struct Key {
    int id;
    bool operator<(const Key &other) const { return id < other.id; }
  };
  return Key{id};
}
using Table = std::map<int, std::map<decltype(makeKey(0)), int>>;
static int lookup() {
  Table table;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'table' nests maps only for point access; one map keyed by std::pair<int, decltype(makeKey(0))> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: the key or value type of 'table' cannot be named here: it involves 'Key', a class local to another function; no fix is offered
  table[1][makeKey(2)] = 3;
  return table[1][makeKey(2)];
}

int main() {
  std::printf("%.1f %d %d %d\n", weigh(1, "eu"), matrix(), handled(),
              lookup());
}
