// A global map written by two threads, each holding a global mutex.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

static std::unordered_map<std::string, int> hits;
static std::mutex hitsMutex;

int main() {
  std::thread a([] {
    for (int i = 0; i < 500; ++i) {
      std::lock_guard<std::mutex> lock(hitsMutex);
      ++hits["a" + std::to_string(i % 50)];
    }
  });
  std::thread b([] {
    for (int i = 0; i < 500; ++i) {
      std::lock_guard<std::mutex> lock(hitsMutex);
      ++hits["b" + std::to_string(i % 50)];
    }
  });
  a.join();
  b.join();
  std::printf("%zu\n", hits.size());
}
