// Two std::jthreads add to one local map.
#include <cstdio>
#include <thread>
#include <unordered_map>

int main() {
  std::unordered_map<int, long> totals;
  {
    std::jthread even([&totals] {
      for (int i = 0; i < 1000; i += 2)
        totals[i % 16] += i;
    });
    std::jthread odd([&totals] {
      for (int i = 1; i < 1000; i += 2)
        totals[i % 16] += i;
    });
  }
  long sum = 0;
  for (const auto &[bucket, total] : totals)
    sum += total;
  std::printf("%ld\n", sum);
}
