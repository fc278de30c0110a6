// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17 -I%maptidy_include
// maptidy::flat_map and maptidy::flat_set move their elements when an
// insertion grows them: no fix where a reference, pointer or iterator into
// the map or set outlives an insertion.
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// A reference to a cell, used after other cells are inserted.
static int keptReference() {
  std::unordered_map<int, std::unordered_map<int, int>> grid;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'grid' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  int &origin = grid[0][0];
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  for (int i = 1; i < 100; ++i)
    grid[i][i] = i;
  origin += 5;
  return origin + grid[3][3];
}

// An iterator from find, used after an emplace.
static int keptIterator() {
  std::unordered_map<int, std::unordered_map<int, int>> counts;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'counts' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  counts[1][2] = 7;
  auto hit = counts[1].find(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  for (int i = 0; i < 100; ++i)
    counts[i].emplace(i + 1, i);
  return hit != counts[1].end() ? hit->second : 0;
}

// A pointer set in a loop that inserts before the next read.
static int keptPointer() {
  std::unordered_map<int, std::unordered_map<int, int>> cells;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'cells' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  int *last = nullptr;
  int sum = 0;
  for (int i = 0; i < 100; ++i) {
    if (last)
      sum += *last;
    last = &cells[i][i];
    // CHECK-MESSAGES: :[[@LINE-1]]:13: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
    *last = i;
  }
  return sum;
}

// A string cell copied into a cell inserted in the same statement.
static int copiedInOneStatement() {
  std::unordered_map<int, std::unordered_map<int, std::string>> names;
  // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: 'names' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  names[0][0] = "origin";
  for (int i = 1; i < 100; ++i)
    names[i][i] = names[0][0];
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  return static_cast<int>(names[50][50].size());
}

// A reference returned to callers, who may insert while they hold it.
namespace {
class Sheet {
public:
  double &at(int row, int column) { return cells_[row][column]; }

private:
  std::unordered_map<int, std::unordered_map<int, double>> cells_;
  // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: 'cells_' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE-5]]:44: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
};
Sheet sheet;
} // namespace

// A range-for over a cell whose body inserts.
static int loopOverCell() {
  std::unordered_map<int, std::unordered_map<int, std::string>> words;
  // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: 'words' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  words[0][0] = "abc";
  int sum = 0;
  for (char c : words[0][0])
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
    sum += static_cast<int>(words[c][c].size()) + c;
  return sum;
}

// The iterator of a structured binding, used after an insertion.
static int keptBinding() {
  std::unordered_map<int, std::unordered_map<int, int>> marks;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'marks' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  auto [it, added] = marks[1].try_emplace(2, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  for (int i = 0; i < 100; ++i)
    marks[i][i] = i;
  return added ? it->second : 0;
}

// A reference used before the next insertion, and copied values: fixed.
static int usedBeforeInsertion() {
  std::unordered_map<int, std::unordered_map<int, int>> grid;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'grid' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}#include <maptidy/flat_map.hpp>{{$}}
  // CHECK-FIXES: {{^}}#include <maptidy/flat_set.hpp>{{$}}
  // CHECK-FIXES: {{^}}#include <utility>{{$}}
  // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<int, int>, int> grid;{{$}}
  // CHECK-FIXES: {{^}}  int &cell = grid[{0, 0}];{{$}}
  // CHECK-FIXES: {{^}}    grid[{i, i}] = copy + grid[{i - 1, i - 1}];{{$}}
  int &cell = grid[0][0];
  cell = 4;
  int copy = grid[0][0];
  for (int i = 1; i < 100; ++i)
    grid[i][i] = copy + grid[i - 1][i - 1];
  return grid[99][99];
}

// An iterator used before the next insertion: fixed.
static int iteratorBeforeInsertion() {
  std::unordered_map<int, std::unordered_map<int, int>> counts;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'counts' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<int, int>, int> counts;{{$}}
  // CHECK-FIXES: {{^}}  auto hit = counts.find({1, 2});{{$}}
  // CHECK-FIXES: {{^}}  const int seen = hit != counts.end() ? hit->second : 0;{{$}}
  // CHECK-FIXES: {{^}}    counts.try_emplace({i, i + 1}, seen);{{$}}
  counts[1][2] = 7;
  auto hit = counts[1].find(2);
  const int seen = hit != counts[1].end() ? hit->second : 0;
  for (int i = 0; i < 100; ++i)
    counts[i].emplace(i + 1, seen);
  return counts[50][51];
}

// A pointer to a cell stored in a vector, where it is not followed.
static int storedPointer() {
  std::unordered_map<int, std::unordered_map<int, int>> picks;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: 'picks' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  std::vector<int *> chosen;
  chosen.push_back(&picks[0][0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_map; no fix is offered
  for (int i = 1; i < 100; ++i)
    picks[i][i] = i;
  return *chosen[0] + picks[7][7];
}

// A pair value copied out of the map: fixed.
static int copiedPair() {
  std::unordered_map<int, std::unordered_map<int, std::pair<int, int>>> spans;
  // CHECK-MESSAGES: :[[@LINE-1]]:73: warning: 'spans' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  maptidy::flat_map<std::pair<int, int>, std::pair<int, int>> spans;{{$}}
  // CHECK-FIXES: {{^}}  auto span = spans[{1, 1}];{{$}}
  spans[1][1] = {2, 3};
  auto span = spans[1][1];
  for (int i = 2; i < 100; ++i)
    spans[i][i] = {i, i};
  return span.first + span.second + spans[50][50].first;
}

// An iterator into a row set, compared after other members are inserted.
static int keptSetIterator() {
  std::unordered_map<int, std::unordered_set<int>> members;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'members' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  members[1].insert(2);
  auto hit = members[1].find(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: a reference or iterator from this access is used after an insertion, which may move the elements of maptidy::flat_set; no fix is offered
  for (int i = 0; i < 100; ++i)
    members[i].insert(i + 1);
  return hit != members[1].end() ? 1 : 0;
}

// The set iterator used before the next insertion: fixed.
static int setIteratorBeforeInsertion() {
  std::unordered_map<int, std::unordered_set<int>> members;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'members' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-FIXES: {{^}}  maptidy::flat_set<std::pair<int, int>> members;{{$}}
  // CHECK-FIXES: {{^}}  auto hit = members.find({1, 2});{{$}}
  // CHECK-FIXES: {{^}}  const bool found = hit != members.end();{{$}}
  // CHECK-FIXES: {{^}}    members.insert({i, i + 1});{{$}}
  members[1].insert(2);
  auto hit = members[1].find(2);
  const bool found = hit != members[1].end();
  for (int i = 0; i < 100; ++i)
    members[i].insert(i + 1);
  return found ? static_cast<int>(members[50].count(51)) : 0;
}

int main() {
  std::printf("%d %d\n", keptSetIterator(), setIteratorBeforeInsertion());
  sheet.at(1, 2) = sheet.at(3, 4) + 1;
  std::printf("%d %d %d %d %g %d %d %d %d\n", keptReference(), keptIterator(),
              keptPointer(), copiedInOneStatement(), sheet.at(1, 2),
              usedBeforeInsertion(), iteratorBeforeInsertion(), loopOverCell(),
              keptBinding() + copiedPair() + storedPointer());
}
