#include "grid.h"

double Grid::get(int row, int column) { return cells_[row][column]; }

int Grid::labelOf(const std::string &row, const std::string &column) {
  return labels_[row + "/" + column];
}

bool Grid::has(int row, int column) {
  return cells_[row].count(column) != 0;
}
