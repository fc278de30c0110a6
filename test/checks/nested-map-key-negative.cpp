// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17
// Nested maps whose rows are used as groups, and maps that are not nested: silent.
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using Grid = std::map<int, std::map<int, int>>;

// Rows used as groups: the nesting is what the code wants.
int rowSizes() {
  std::map<int, std::map<int, int>> byRow;
  byRow[1][2] = 3;
  return static_cast<int>(byRow[1].size());
}

int iterateRows() {
  std::unordered_map<int, std::unordered_map<int, int>> table;
  table[1][2] = 3;
  int sum = 0;
  for (const auto &row : table)
    for (const auto &cell : row.second)
      sum += cell.second;
  return sum;
}

int consume(const std::map<int, int> &row);
int passRow() {
  std::map<int, std::map<int, int>> byRow;
  byRow[1][2] = 3;
  return consume(byRow[1]);
}

void eraseRow() {
  std::map<std::string, std::set<int>> tags;
  tags["a"].insert(1);
  tags.erase("a");
}

Grid returned() {
  Grid grid;
  grid[1][2] = 3;
  return grid;
}

bool hasRow() {
  std::map<int, std::map<int, int>> byRow;
  byRow[1][2] = 3;
  return byRow.count(1) != 0;
}

// Not nested maps.
int notNested() {
  std::map<int, std::vector<int>> lists;
  lists[1].push_back(2);
  std::map<std::pair<int, int>, int> flat;
  flat[{1, 2}] = 3;
  return lists[1][0] + flat[{1, 2}];
}

// Unused: nothing to gain.
void unused() { std::map<int, std::map<int, int>> nothing; }

// Rows of sets handed out as nodes, merged or asked for their buckets: a
// flat set of pairs has none of these.
int setRowNodes() {
  std::unordered_map<int, std::unordered_set<int>> edges;
  edges[1].insert(2);
  auto node = edges[1].extract(2);
  return static_cast<int>(edges[1].count(2) + node.empty());
}

int setRowMerged(std::unordered_set<int> &more) {
  std::unordered_map<int, std::unordered_set<int>> edges;
  edges[1].insert(2);
  edges[1].merge(more);
  return static_cast<int>(edges[1].count(2));
}

int setRowBuckets() {
  std::unordered_map<int, std::unordered_set<int>> edges;
  edges[1].insert(2);
  return static_cast<int>(edges[1].count(2) + edges[1].bucket(2));
}

// References name a map declared elsewhere: that declaration, with all the
// map's uses, decides. Here the referent's rows are walked through an
// iterator kept beside the reference.
using Keys = std::unordered_map<unsigned, std::unordered_map<std::string, int>>;

class RowCursor {
public:
  explicit RowCursor(const Keys &keys) : keys_(keys), it_(keys.begin()) {}
  bool hasNext() const { return it_ != keys_.end(); }
  unsigned next() { return (it_++)->first; }

private:
  const Keys &keys_;
  Keys::const_iterator it_;
};

int throughAlias(const Keys &keys, unsigned family, const std::string &key) {
  const Keys &alias = keys;
  return alias.at(family).at(key);
}
