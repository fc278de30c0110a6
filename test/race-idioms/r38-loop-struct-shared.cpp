// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
struct Shard {
  std::vector<std::string> words;
};
struct Totals {
  std::unordered_map<std::string, int> counts;
};
void countShards(const std::vector<Shard> &shards, Totals &totals) {
  std::vector<std::thread> workers;
  // Every round's thread fills the one map of the caller's struct.
  for (const auto &shard : shards)
    workers.emplace_back([&shard, &totals] {
      for (const auto &w : shard.words)
        ++totals.counts[w]; // RACE
    });
  for (auto &w : workers)
    w.join();
}
