#include "grid.h"
#include <algorithm>

std::vector<std::pair<std::string, int>> Grid::totals() {
  std::vector<std::pair<std::string, int>> rows(totals_.begin(), totals_.end());
  std::sort(rows.begin(), rows.end());
  return rows;
}
