#pragma once
#include <string>
#include <unordered_map>

// Cells of a sparse grid and labels of row/column pairs; the methods are
// defined in two files.
class Grid {
public:
  void set(int row, int column, double value);
  void label(const std::string &row, const std::string &column, int id);
  double get(int row, int column);
  int labelOf(const std::string &row, const std::string &column);
  bool has(int row, int column);

private:
  std::unordered_map<int, std::unordered_map<int, double>> cells_;
  std::unordered_map<std::string, int> labels_;
};
