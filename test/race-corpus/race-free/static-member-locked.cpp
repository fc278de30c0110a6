// A static data member updated through a helper that takes a static mutex.
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

struct Metrics {
  static std::unordered_map<int, long> counters;
  static std::mutex mutex;
  static void bump(int key) {
    std::lock_guard<std::mutex> lock(mutex);
    ++counters[key];
  }
};
std::unordered_map<int, long> Metrics::counters;
std::mutex Metrics::mutex;

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
