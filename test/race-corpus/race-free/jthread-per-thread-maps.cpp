// Each std::jthread fills a map of its own; they are merged after the join.
#include <cstdio>
#include <thread>
#include <unordered_map>
#include <vector>

int main() {
  std::vector<std::unordered_map<int, long>> parts(2);
  {
    std::jthread even([&parts] {
      std::unordered_map<int, long> mine;
      for (int i = 0; i < 1000; i += 2)
        mine[i % 16] += i;
      parts[0] = std::move(mine);
    });
    std::jthread odd([&parts] {
      std::unordered_map<int, long> mine;
      for (int i = 1; i < 1000; i += 2)
        mine[i % 16] += i;
      parts[1] = std::move(mine);
    });
  }
  std::unordered_map<int, long> totals;
  for (const auto &part : parts)
    for (const auto &[bucket, total] : part)
      totals[bucket] += total;
  long sum = 0;
  for (const auto &[bucket, total] : totals)
    sum += total;
  std::printf("%ld\n", sum);
}
