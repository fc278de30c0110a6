// The map is filled before the threads start; they only read it.
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

int main() {
  std::map<std::string, int> prices;
  for (int i = 0; i < 100; ++i)
    prices["item" + std::to_string(i)] = i;
  std::vector<long> sums(3);
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&prices, &sums, t] {
      for (int i = 0; i < 100; ++i) {
        auto it = prices.find("item" + std::to_string((i + t) % 100));
        sums[t] += it == prices.end() ? 0 : it->second;
      }
    });
  for (auto &reader : readers)
    reader.join();
  std::printf("%ld\n", sums[0] + sums[1] + sums[2]);
}
