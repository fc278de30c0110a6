// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17 -I%maptidy_include
// Nested maps used only for point access become one pair-keyed map.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

// Point access only: a flat map keyed by the pair does the same work.
static int routing() {
  std::unordered_map<std::string, std::unordered_map<int, double>> weights;
  // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: 'weights' nests maps only for point access; one map keyed by std::pair<std::string, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}#include <maptidy/flat_map.hpp>{{$}}
  // CHECK-FIXES: {{^}}#include <maptidy/flat_set.hpp>{{$}}
  // CHECK-FIXES: {{^}}#include <tuple>{{$}}
  // CHECK-FIXES: {{^}}#include <utility>{{$}}
  // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<std::string, int>, double> weights;{{$}}
  // CHECK-FIXES: {{^}}  weights[{"eu", 1}] = 0.5;{{$}}
  // CHECK-FIXES: {{^}}  weights[{"us", 2}] += 1.5;{{$}}
  // CHECK-FIXES: {{^}}  double total = weights[{"eu", 1}] + weights.at({"us", 2});{{$}}
  // CHECK-FIXES: {{^}}  if (weights.count({"eu", 3}) == 0){{$}}
  // CHECK-FIXES: {{^}}    weights.try_emplace({"eu", 3}, 2.0);{{$}}
  // CHECK-FIXES: {{^}}  auto hit = weights.find({"us", 2});{{$}}
  // CHECK-FIXES: {{^}}  if (hit != weights.end()){{$}}
  weights["eu"][1] = 0.5;
  weights["us"][2] += 1.5;
  double total = weights["eu"][1] + weights.at("us").at(2);
  if (weights["eu"].count(3) == 0)
    weights["eu"].emplace(3, 2.0);
  auto hit = weights["us"].find(2);
  if (hit != weights["us"].end())
    total += hit->second;
  weights["eu"].erase(1);
  return static_cast<int>(total * 10);
}

// Ordered maps stay ordered: pairs compare lexicographically.
static int ordered() {
  std::map<int, std::map<int, int>> grid;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'grid' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  weights.erase({"eu", 1});{{$}}
  // CHECK-FIXES: {{^}}  std::map<std::pair<int, int>, int> grid;{{$}}
  for (int x = 0; x < 3; ++x)
    grid[x][x * 2] = x;
  grid[1].insert({5, 7});
  return grid[2][4] + grid[1][5];
}

// A 2-D membership table.
static int membership() {
  std::unordered_map<int, std::unordered_set<int>> edges;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'edges' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}    grid[{x, x * 2}] = x;{{$}}
  // CHECK-FIXES: {{^}}  grid.insert({{[{][{]}}1, 5}, 7});{{$}}
  // CHECK-FIXES: {{^}}  return grid[{2, 4}] + grid[{1, 5}];{{$}}
  // CHECK-FIXES: {{^}}  maptidy::flat_set<std::pair<int, int>> edges;{{$}}
  // CHECK-FIXES: {{^}}  edges.insert({1, 2});{{$}}
  // CHECK-FIXES: {{^}}  edges.insert({2, 3});{{$}}
  // CHECK-FIXES: {{^}}  edges.emplace(2, 4);{{$}}
  // CHECK-FIXES: {{^}}  return static_cast<int>(edges.count({1, 2}) + edges.count({2, 1}));{{$}}
  edges[1].insert(2);
  edges[2].insert(3);
  edges[2].emplace(4);
  return static_cast<int>(edges[1].count(2) + edges[2].count(1));
}

// Three levels become a tuple key.
static int deep() {
  std::map<int, std::map<int, std::map<int, int>>> cube;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'cube' nests maps only for point access; one map keyed by std::tuple<int, int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  std::map<std::tuple<int, int, int>, int> cube;{{$}}
  // CHECK-FIXES: {{^}}  cube[{1, 2, 3}] = 6;{{$}}
  // CHECK-FIXES: {{^}}  return cube[{1, 2, 3}];{{$}}
  cube[1][2][3] = 6;
  return cube[1][2][3];
}

class Sessions {
public:
  void open(const std::string &user, int id) { active_[user][id] = true; }
  bool isOpen(const std::string &user, int id) {
    return active_[user].count(id) != 0;
  }

private:
  std::unordered_map<std::string, std::unordered_map<int, bool>> active_;
  // CHECK-MESSAGES: :[[@LINE-1]]:66: warning: 'active_' nests maps only for point access; one map keyed by std::pair<std::string, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  void open(const std::string &user, int id) { active_[{user, id}] = true; }{{$}}
  // CHECK-FIXES: {{^}}    return active_.count({user, id}) != 0;{{$}}
  // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<std::string, int>, bool> active_;{{$}}
};

int main() {
  Sessions sessions;
  sessions.open("ann", 7);
  std::printf("%d %d %d %d %d\n", routing(), ordered(), membership(), deep(),
              sessions.isOpen("ann", 7) ? 1 : 0);
}
