// RUN: %check_maptidy %s maptidy-concatenated-map-key %t -- -- -std=c++17 -I%maptidy_include
// The key type names each part's type as the declaration (and each emplace)
// can see it: member typedefs of other classes and aliases local to another
// function are looked through, aliases of other namespaces are qualified,
// aliases visible there are kept.
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

// Parts read from a container have its member typedef as type
// (std::vector<int>::value_type), which the map's scope cannot name.
static std::map<std::string, int> pairs;
static void addPairs(const std::vector<int> &xs) {
  for (std::size_t i = 0; i + 1 < xs.size(); ++i)
    pairs[std::to_string(xs[i]) + "-" + std::to_string(xs[i + 1])] += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the key of 'pairs' is concatenated from 2 parts on every access; key it by std::pair<int, int> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-FIXES: {{^}}#include <utility>{{$}}
  // CHECK-FIXES: {{^}}static std::map<std::pair<int, int>, int> pairs;{{$}}
  // CHECK-FIXES: {{^}}    pairs[{xs[i], xs[i + 1]}] += 1;{{$}}
}

// An alias local to the function that builds the key: the global map sees
// the type it stands for.
static std::map<std::string, int> cells;
static void addCell(int row, int column) {
  using Index = long;
  const Index r = row, c = column;
  ++cells[std::to_string(r) + ":" + std::to_string(c)];
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the key of 'cells' is concatenated from 2 parts on every access; key it by std::pair<long, long> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-FIXES: {{^}}static std::map<std::pair<long, long>, int> cells;{{$}}
  // CHECK-FIXES: {{^}}  ++cells[{r, c}];{{$}}
}

// An alias of another namespace: qualified at the global declaration, as
// written inside the namespace at the emplace.
namespace net {
using Port = unsigned short;
} // namespace net
static std::unordered_map<std::string, int> routes;
// CHECK-FIXES: {{^}}static maptidy::flat_map<std::pair<std::string, net::Port>, int> routes;{{$}}
namespace net {
static void route(const std::string &host, Port port, int weight) {
  routes.emplace(host + ":" + std::to_string(port), weight);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: the key of 'routes' is concatenated from 2 parts on every access; key it by std::pair<std::string, net::Port> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-FIXES: {{^}}  routes.emplace(std::pair<std::string, Port>(host, port), weight);{{$}}
}
} // namespace net
static int weightOf(const std::string &host, net::Port port) {
  auto it = routes.find(host + ":" + std::to_string(port));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the key of 'routes' is concatenated from 2 parts on every access; key it by std::pair<std::string, net::Port> to avoid building a string each time [maptidy-concatenated-map-key]
  // CHECK-FIXES: {{^}}  auto it = routes.find({host, port});{{$}}
  return it == routes.end() ? 0 : it->second;
}

// A typedef of the class that owns the map is kept.
class Shards {
public:
  using Slot = unsigned;
  void put(const std::string &table, Slot slot) {
    owners_[table + "#" + std::to_string(slot)] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the key of 'owners_' is concatenated from 2 parts on every access; key it by std::pair<std::string, Slot> to avoid building a string each time [maptidy-concatenated-map-key]
    // CHECK-FIXES: {{^}}    owners_[{table, slot}] = 1;{{$}}
  }
  std::size_t size() const { return owners_.size(); }

private:
  std::map<std::string, int> owners_;
  // CHECK-FIXES: {{^}}  std::map<std::pair<std::string, Slot>, int> owners_;{{$}}
};

int main() {
  addPairs({3, 1, 3, 1});
  addCell(2, 5);
  addCell(2, 5);
  net::route("db", 5432, 7);
  Shards shards;
  shards.put("users", 3);
  std::printf("%zu %zu %d %zu\n", pairs.size(), cells.size(),
              weightOf("db", 5432), shards.size());
}
