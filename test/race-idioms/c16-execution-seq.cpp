// EXPECT: clean
#include <algorithm>
#include <execution>
#include <map>
#include <mutex>
#include <string>
#include <vector>
std::map<int, std::string> index(const std::vector<std::string> &docs) {
  std::map<int, std::string> byLength;
  std::for_each(std::execution::seq, docs.begin(), docs.end(),
                [&](const std::string &d) { byLength[static_cast<int>(d.size())] = d; });
  std::mutex mu;
  std::map<int, int> counts;
  std::for_each(std::execution::par, docs.begin(), docs.end(), [&](const std::string &d) {
    std::lock_guard<std::mutex> lock(mu);
    ++counts[static_cast<int>(d.size())];
  });
  return byLength;
}
