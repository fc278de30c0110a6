// Fixes converge: after --fix, a second analysis with every maptidy check
// reports only the findings that had no fix, and a second --fix changes
// nothing. The sort inserted for an order relied on is not reported as a
// copy sorted on every call, and the ordered container is offered only where
// no sort is inserted.
// RUN: cp %s %t.cpp
// RUN: not %maptidy --checks='-*,maptidy-*' --fix %t.cpp -- -std=c++17 -I%maptidy_include > %t.first 2>&1
// RUN: FileCheck --check-prefix=FIRST --input-file=%t.first %s
// RUN: %clangxx -fsyntax-only -std=c++17 -I%maptidy_include %t.cpp
// RUN: cp %t.cpp %t.fixed.cpp
// RUN: not %maptidy --checks='-*,maptidy-*' %t.cpp -- -std=c++17 -I%maptidy_include > %t.second 2>&1
// RUN: FileCheck --check-prefix=SECOND --implicit-check-not=warning: --input-file=%t.second %s
// RUN: not %maptidy --checks='-*,maptidy-*' --fix %t.cpp -- -std=c++17 -I%maptidy_include
// RUN: diff %t.fixed.cpp %t.cpp
#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

struct Node {};

// FIRST-DAG: warning: 'rows' takes the iteration order of 'counts', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
// FIRST-DAG: warning: 'rows' grows inside a loop whose trip count is known
std::vector<std::pair<std::string, int>>
returned(const std::unordered_map<std::string, int> &counts) {
  std::vector<std::pair<std::string, int>> rows;
  for (const auto &entry : counts)
    rows.push_back(entry);
  return rows;
}

// FIRST-DAG: warning: 'names' takes the iteration order of 'tags', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
void printed(const std::unordered_set<std::string> &tags) {
  std::vector<std::string> names(tags.begin(), tags.end());
  for (const std::string &name : names)
    std::printf("%s\n", name.c_str());
}

// FIRST-DAG: warning: 'ids' takes the iteration order of 'totals', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
// FIRST-DAG: warning: 'ids' grows inside a loop whose trip count is known
std::vector<int> local() {
  std::unordered_map<int, double> totals;
  totals[2] = 1;
  totals[1] = 2;
  std::vector<int> ids;
  for (const auto &[id, total] : totals)
    ids.push_back(id);
  return ids;
}

// FIRST-DAG: warning: 'keys' copies 'seen' and sorts the copy by key every time
std::vector<int> sortedEveryCall() {
  std::unordered_map<int, int> seen;
  seen[4] = 1;
  std::vector<int> keys;
  keys.reserve(seen.size());
  for (const auto &entry : seen)
    keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  return keys;
}

// No fix: pointer keys, and a copy that is the body of an if.
// FIRST-DAG: warning: 'nodes' takes the iteration order of 'ranks', which is unspecified and changes from run to run (pointer keys)
// SECOND: warning: 'nodes' takes the iteration order of 'ranks', which is unspecified and changes from run to run (pointer keys)
std::vector<const Node *> byAddress(
    const std::unordered_map<const Node *, int> &ranks) {
  std::vector<const Node *> nodes;
  nodes.reserve(ranks.size());
  for (const auto &[node, rank] : ranks)
    nodes.push_back(node);
  return nodes;
}

// FIRST-DAG: warning: 'out' takes the iteration order of 'weights', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
// SECOND: warning: 'out' takes the iteration order of 'weights', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
std::vector<int> maybe(const std::unordered_set<int> &weights, bool wanted) {
  std::vector<int> out;
  if (wanted)
    out.assign(weights.begin(), weights.end());
  return out;
}
