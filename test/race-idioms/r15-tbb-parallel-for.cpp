// EXPECT: race
#include <tbb/parallel_for.h>
#include <string>
#include <unordered_map>
#include <vector>
std::unordered_map<std::string, int> countTokens(const std::vector<std::string> &tokens) {
  std::unordered_map<std::string, int> counts;
  tbb::parallel_for(size_t(0), tokens.size(), [&](size_t i) {
    ++counts[tokens[i]]; // RACE
  });
  return counts;
}
