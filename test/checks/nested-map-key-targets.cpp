// RUN: %check_maptidy --check-suffix=STD %s maptidy-nested-map-key %t-std -- --config="{CheckOptions: {maptidy-nested-map-key.UnorderedMapTarget: 'std::unordered_map'}}" -- -std=c++17 -I%maptidy_include
// RUN: %check_maptidy --check-suffix=ABSL %s maptidy-nested-map-key %t-absl -- --config="{CheckOptions: {maptidy-nested-map-key.UnorderedMapTarget: 'absl::flat_hash_map'}}" -- -std=c++17 -I%maptidy_include -labsl_hash -labsl_city -labsl_low_level_hash -labsl_raw_hash_set -labsl_throw_delegate
// RUN: %check_maptidy --check-suffix=BOOST %s maptidy-nested-map-key %t-boost -- --config="{CheckOptions: {maptidy-nested-map-key.UnorderedMapTarget: 'boost::unordered_flat_map'}}" -- -std=c++17 -I%maptidy_include
// REQUIRES: absl, boost-unordered-flat
// Each UnorderedMapTarget other than the default (nested-map-key.cpp and
// nested-map-key-invalidation.cpp): the unordered rewrites use its map and
// set; a flat map gives no fix where a reference outlives an insertion.
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>

static double routing() {
  std::unordered_map<std::string, std::unordered_map<int, double>> weights;
  // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: 'weights' nests maps only for point access; one map keyed by std::pair<std::string, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES-STD: {{^}}#include <maptidy/composite_key.hpp>{{$}}
  // CHECK-FIXES-STD: {{^}}  std::unordered_map<std::pair<std::string, int>, double, maptidy::hash<std::pair<std::string, int>>> weights;{{$}}
  // CHECK-FIXES-ABSL: {{^}}#include <absl/container/flat_hash_map.h>{{$}}
  // CHECK-FIXES-ABSL: {{^}}#include <absl/container/flat_hash_set.h>{{$}}
  // CHECK-FIXES-ABSL: {{^}}  absl::flat_hash_map<std::pair<std::string, int>, double> weights;{{$}}
  // CHECK-FIXES-BOOST: {{^}}#include <boost/unordered/unordered_flat_map.hpp>{{$}}
  // CHECK-FIXES-BOOST: {{^}}#include <boost/unordered/unordered_flat_set.hpp>{{$}}
  // CHECK-FIXES-BOOST: {{^}}  boost::unordered_flat_map<std::pair<std::string, int>, double> weights;{{$}}
  // CHECK-FIXES: {{^}}    weights.try_emplace({"eu", 3}, 2.0);{{$}}
  // CHECK-FIXES: {{^}}  return weights[{"eu", 1}] + weights.at({"us", 2}) + weights[{"eu", 3}];{{$}}
  weights["eu"][1] = 0.5;
  weights["us"][2] += 1.5;
  if (weights["eu"].count(3) == 0)
    weights["eu"].emplace(3, 2.0);
  return weights["eu"][1] + weights.at("us").at(2) + weights["eu"][3];
}

static int membership() {
  std::unordered_map<int, std::unordered_set<int>> edges;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'edges' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES-STD: {{^}}  std::unordered_set<std::pair<int, int>, maptidy::hash<std::pair<int, int>>> edges;{{$}}
  // CHECK-FIXES-ABSL: {{^}}  absl::flat_hash_set<std::pair<int, int>> edges;{{$}}
  // CHECK-FIXES-BOOST: {{^}}  boost::unordered_flat_set<std::pair<int, int>> edges;{{$}}
  // CHECK-FIXES: {{^}}  edges.insert({1, 2});{{$}}
  edges[1].insert(2);
  edges[2].insert(3);
  return static_cast<int>(edges[1].count(2) + edges[2].count(1));
}

static int cube() {
  std::unordered_map<int, std::unordered_map<int, std::unordered_map<int, int>>> voxels;
  // CHECK-MESSAGES: :[[@LINE-1]]:82: warning: 'voxels' nests maps only for point access; one map keyed by std::tuple<int, int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES-STD: {{^}}  std::unordered_map<std::tuple<int, int, int>, int, maptidy::hash<std::tuple<int, int, int>>> voxels;{{$}}
  // CHECK-FIXES-ABSL: {{^}}  absl::flat_hash_map<std::tuple<int, int, int>, int> voxels;{{$}}
  // CHECK-FIXES-BOOST: {{^}}  boost::unordered_flat_map<std::tuple<int, int, int>, int> voxels;{{$}}
  // CHECK-FIXES: {{^}}    voxels[{i, i + 1, i + 2}] = i;{{$}}
  for (int i = 0; i < 50; ++i)
    voxels[i][i + 1][i + 2] = i;
  return voxels[10][11][12];
}

// A reference to a cell, used after other cells are inserted.
static int keptReference() {
  std::unordered_map<int, std::unordered_map<int, int>> grid;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'grid' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES-STD: {{^}}  std::unordered_map<std::pair<int, int>, int, maptidy::hash<std::pair<int, int>>> grid;{{$}}
  // CHECK-FIXES-STD: {{^}}  int &origin = grid[{0, 0}];{{$}}
  // CHECK-FIXES-ABSL: {{^}}  std::unordered_map<int, std::unordered_map<int, int>> grid;{{$}}
  // CHECK-FIXES-BOOST: {{^}}  std::unordered_map<int, std::unordered_map<int, int>> grid;{{$}}
  int &origin = grid[0][0];
  // CHECK-MESSAGES-ABSL: :[[@LINE-1]]:17: note: a reference or iterator from this access is used after an insertion, which may move the elements of absl::flat_hash_map; no fix is offered
  // CHECK-MESSAGES-BOOST: :[[@LINE-2]]:17: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_map; no fix is offered
  for (int i = 1; i < 100; ++i)
    grid[i][i] = i;
  origin += 5;
  return origin + grid[3][3];
}

// An iterator into a row set, compared after other members are inserted:
// node-based sets keep it valid, flat ones may move it.
static int keptSetIterator() {
  std::unordered_map<int, std::unordered_set<int>> members;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'members' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES-STD: {{^}}  std::unordered_set<std::pair<int, int>, maptidy::hash<std::pair<int, int>>> members;{{$}}
  // CHECK-FIXES-STD: {{^}}  auto hit = members.find({1, 2});{{$}}
  // CHECK-FIXES-ABSL: {{^}}  std::unordered_map<int, std::unordered_set<int>> members;{{$}}
  // CHECK-FIXES-BOOST: {{^}}  std::unordered_map<int, std::unordered_set<int>> members;{{$}}
  members[1].insert(2);
  auto hit = members[1].find(2);
  // CHECK-MESSAGES-ABSL: :[[@LINE-1]]:14: note: a reference or iterator from this access is used after an insertion, which may move the elements of absl::flat_hash_set; no fix is offered
  // CHECK-MESSAGES-BOOST: :[[@LINE-2]]:14: note: a reference or iterator from this access is used after an insertion, which may move the elements of boost::unordered_flat_set; no fix is offered
  for (int i = 0; i < 100; ++i)
    members[i].insert(i + 1);
  return hit != members[1].end() ? 1 : 0;
}

int main() {
  std::printf("%g %d %d %d %d\n", routing(), membership(), cube(), keptReference(), keptSetIterator());
}
