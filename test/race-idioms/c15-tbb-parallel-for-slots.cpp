// EXPECT: clean
#include <tbb/parallel_for.h>
#include <tbb/concurrent_hash_map.h>
#include <string>
#include <unordered_map>
#include <vector>
std::vector<size_t> lengths(const std::vector<std::string> &tokens,
                            const std::unordered_map<std::string, int> &weights) {
  std::vector<size_t> out(tokens.size());
  tbb::parallel_for(size_t(0), tokens.size(), [&](size_t i) {
    auto it = weights.find(tokens[i]);
    out[i] = tokens[i].size() * (it == weights.end() ? 1 : it->second);
  });
  return out;
}
size_t distinct(const std::vector<std::string> &tokens) {
  tbb::concurrent_hash_map<std::string, int> seen;
  tbb::parallel_for(size_t(0), tokens.size(), [&](size_t i) {
    tbb::concurrent_hash_map<std::string, int>::accessor a;
    seen.insert(a, tokens[i]);
    ++a->second;
  });
  return seen.size();
}
