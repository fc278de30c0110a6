// A thread_local map: every thread has its own.
#include <atomic>
#include <cstdio>
#include <thread>
#include <unordered_map>

thread_local std::unordered_map<int, int> seen;

int main() {
  std::atomic<long> distinct{0};
  auto count = [&distinct](int offset) {
    for (int i = 0; i < 1000; ++i)
      ++seen[(i + offset) % 100];
    distinct += static_cast<long>(seen.size());
  };
  std::thread a([&count] { count(0); });
  std::thread b([&count] { count(50); });
  a.join();
  b.join();
  std::printf("%ld\n", distinct.load());
}
