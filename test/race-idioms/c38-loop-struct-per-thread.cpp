// EXPECT: clean
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
struct Shard {
  std::vector<std::string> words;
  std::unordered_map<std::string, int> counts;
};
void countShards(std::vector<Shard> &shards) {
  std::vector<std::thread> workers;
  // Each thread fills the map of its own shard.
  for (auto &shard : shards)
    workers.emplace_back([&shard] {
      for (const auto &w : shard.words)
        ++shard.counts[w];
    });
  for (auto &w : workers)
    w.join();
}
