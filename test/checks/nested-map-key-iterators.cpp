// RUN: %check_maptidy %s maptidy-nested-map-key %t -- -- -std=c++17
// Iterators into a map of maps that walk its rows, kept or passed outside the
// find-then-find form, and maps handed to code that iterates them: the rows
// are used as groups, nothing is reported. The twin keeps to point access.
#include <cstddef>
#include <map>
#include <unordered_map>

using Grid = std::map<int, std::map<int, int>>;

// A class keeps an iterator its constructor took from a reference argument.
class RowWalker {
public:
  RowWalker(Grid &grid, int first) : it_(grid.find(first)), end_(grid.end()) {}
  bool done() const { return it_ == end_; }
  std::size_t next() { return (it_++)->second.size(); }

private:
  Grid::iterator it_;
  Grid::iterator end_;
};

std::size_t walk(int first) {
  Grid grid;
  grid[1][2] = 3;
  RowWalker walker(grid, first);
  std::size_t cells = 0;
  while (!walker.done())
    cells += walker.next();
  return cells;
}

// The map goes to a function that iterates it.
std::size_t countCells(const Grid &grid);

std::size_t passed() {
  Grid grid;
  grid[1][2] = 3;
  return countCells(grid) + (grid.find(1) == grid.end() ? 0 : 1);
}

// Iterators from find stepped over the following rows or cells.
int rowsFrom(int first) {
  std::map<int, std::map<int, int>> table;
  table[1][2] = 3;
  int sum = 0;
  for (auto row = table.find(first); row != table.end(); ++row)
    sum += row->second[0];
  return sum;
}

int cellsFrom(int row, int first) {
  std::map<int, std::map<int, int>> table;
  table[1][2] = 3;
  int sum = 0;
  for (auto cell = table[row].find(first); cell != table[row].end(); ++cell)
    sum += cell->second;
  return sum;
}

// A row reached through find and then iterated as a whole.
int rowTotal(int row) {
  std::unordered_map<int, std::unordered_map<int, int>> table;
  table[1][2] = 3;
  auto found = table.find(row);
  if (found == table.end())
    return 0;
  int sum = 0;
  for (const auto &cell : found->second)
    sum += cell.second;
  return sum;
}

// An iterator passed on.
int firstCell(const std::map<int, int>::const_iterator &cell);

int passedIterator(int row) {
  std::map<int, std::map<int, int>> table;
  table[1][2] = 3;
  return firstCell(table[row].find(2));
}

// The twin: find-then-find, compared and dereferenced only.
int lookup(int row, int column) {
  std::map<int, std::map<int, int>> table;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'table' nests maps only for point access; one map keyed by std::pair<int, int> hashes and probes once per access and keeps no table per row [maptidy-nested-map-key]
  // CHECK-MESSAGES: :[[@LINE+2]]:20: note: this access cannot be rewritten for a single key; no fix is offered
  table[1][2] = 3;
  const auto end = table.end();
  auto found = table.find(row);
  if (found == end)
    return 0;
  auto cell = found->second.find(column);
  return cell == found->second.end() ? 0 : cell->second;
}
