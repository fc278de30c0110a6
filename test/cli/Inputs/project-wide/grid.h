#pragma once
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// Cells of a sparse grid, labels of row/column pairs and totals by name; the
// methods are defined in three files.
class Grid {
public:
  void set(int row, int column, double value);
  void label(const std::string &row, const std::string &column, int id);
  double get(int row, int column);
  int labelOf(const std::string &row, const std::string &column);
  bool has(int row, int column);
  void add(const std::string &name, int amount);
  std::vector<std::pair<std::string, int>> totals();

private:
  std::unordered_map<int, std::unordered_map<int, double>> cells_;
  std::unordered_map<std::string, int> labels_;
  std::unordered_map<std::string, int> totals_;
};
