// EXPECT: race
#include <algorithm>
#include <execution>
#include <map>
#include <string>
#include <vector>
std::map<int, std::string> index(const std::vector<std::string> &docs) {
  std::map<int, std::string> byLength;
  std::for_each(std::execution::par, docs.begin(), docs.end(),
                [&](const std::string &d) { byLength[static_cast<int>(d.size())] = d; }); // RACE
  return byLength;
}
