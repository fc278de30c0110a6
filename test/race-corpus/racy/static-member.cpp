// A static data member updated through a helper from two threads.
#include <cstdio>
#include <thread>
#include <unordered_map>

struct Metrics {
  static std::unordered_map<int, long> counters;
  static void bump(int key) { ++counters[key]; }
};
std::unordered_map<int, long> Metrics::counters;

int main() {
  std::thread a([] {
    for (int i = 0; i < 1000; ++i)
      Metrics::bump(i % 64);
  });
  std::thread b([] {
    for (int i = 0; i < 1000; ++i)
      Metrics::bump(64 + i % 64);
  });
  a.join();
  b.join();
  std::printf("%zu\n", Metrics::counters.size());
}
