// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
std::unordered_map<std::string, int> wordCount(const std::vector<std::vector<std::string>> &shards) {
  std::unordered_map<std::string, int> total;
  std::vector<std::thread> workers;
  for (size_t t = 0; t < shards.size(); ++t)
    workers.emplace_back([&, t] {
      std::unordered_map<std::string, int> local;
      for (const auto &w : shards[t])
        ++local[w];
      for (const auto &kv : local)
        total[kv.first] += kv.second; // RACE
    });
  for (auto &w : workers)
    w.join();
  return total;
}
