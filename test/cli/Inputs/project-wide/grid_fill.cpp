#include "grid.h"

void Grid::set(int row, int column, double value) {
  cells_[row][column] = value;
}

void Grid::label(const std::string &row, const std::string &column, int id) {
  labels_[row + "/" + column] = id;
}

void Grid::add(const std::string &name, int amount) { totals_[name] += amount; }
