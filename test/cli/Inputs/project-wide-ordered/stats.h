#pragma once
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// Word counts and hits by name, filled in one file and reported sorted by
// name in another.
class Stats {
public:
  void load(const std::vector<std::string> &words);
  int hitsOf(const std::string &name) const;
  int total() const;
  std::vector<std::pair<std::string, int>> counts() const;
  std::vector<std::pair<std::string, int>> hits() const;

private:
  std::unordered_map<std::string, int> counts_;
  std::unordered_map<std::string, int> hits_;
};
