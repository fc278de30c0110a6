// A global map written by two threads.
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>

static std::unordered_map<std::string, int> hits;

int main() {
  std::thread a([] {
    for (int i = 0; i < 500; ++i)
      ++hits["a" + std::to_string(i % 50)];
  });
  std::thread b([] {
    for (int i = 0; i < 500; ++i)
      ++hits["b" + std::to_string(i % 50)];
  });
  a.join();
  b.join();
  std::printf("%zu\n", hits.size());
}
