// EXPECT: clean
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
std::unordered_map<std::string, int> wordCount(const std::vector<std::vector<std::string>> &shards) {
  std::vector<std::unordered_map<std::string, int>> partial(shards.size());
  std::vector<std::thread> workers;
  for (size_t t = 0; t < shards.size(); ++t)
    workers.emplace_back([&, t] {
      for (const auto &w : shards[t])
        ++partial[t][w];
    });
  for (auto &w : workers)
    w.join();
  std::unordered_map<std::string, int> total;
  for (const auto &p : partial)
    for (const auto &kv : p)
      total[kv.first] += kv.second;
  return total;
}
