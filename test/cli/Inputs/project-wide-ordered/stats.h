#pragma once
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// Word counts, hits by first letter and words by length, filled in one file
// and reported sorted by key in another.
class Stats {
public:
  void load(const std::vector<std::string> &words);
  int hitsOf(const std::string &name) const;
  int total() const;
  std::vector<std::pair<std::string, int>> counts() const;
  std::vector<std::pair<std::string, int>> hits() const;
  std::vector<std::pair<int, int>> lengths() const;

private:
  std::unordered_map<std::string, int> counts_;
  std::unordered_map<std::string, int> hits_;
  std::unordered_map<int, int> lengths_;
};
