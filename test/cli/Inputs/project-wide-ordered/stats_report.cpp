#include "stats.h"
#include <algorithm>

std::vector<std::pair<std::string, int>> Stats::counts() const {
  std::vector<std::pair<std::string, int>> rows(counts_.begin(), counts_.end());
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::pair<std::string, int>> Stats::hits() const {
  std::vector<std::pair<std::string, int>> rows(hits_.begin(), hits_.end());
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::pair<int, int>> Stats::lengths() const {
  std::vector<std::pair<int, int>> rows(lengths_.begin(), lengths_.end());
  std::sort(rows.begin(), rows.end());
  return rows;
}
