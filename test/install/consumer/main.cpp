// Builds against the installed headers through find_package(maptidy).
#include <maptidy/composite_key.hpp>
#include <maptidy/flat_map.hpp>
#include <maptidy/flat_set.hpp>
#include <maptidy/sharded_map.hpp>
#include <maptidy/skiplist_map.hpp>

#include <cstdio>
#include <string>
#include <utility>

int main() {
  maptidy::sharded_map<std::pair<int, int>, std::string> cells;
  cells.insert_or_assign({1, 2}, "cell");
  maptidy::skiplist_map<int, int> ordered;
  ordered[2] = 1;
  ordered[1] = 2;
  maptidy::flat_map<std::pair<int, int>, int, maptidy::hash<std::pair<int, int>>> grid;
  grid[{3, 4}] = 5;
  maptidy::flat_set<std::pair<int, int>> edges{{5, 6}};
  if (!cells.contains({1, 2}) || ordered.begin()->first != 1 || grid.at({3, 4}) != 5 || !edges.contains({5, 6}))
    return 1;
  std::puts("consumer OK");
  return 0;
}
