// A shared_ptr to a map captured by value by two threads: the copies share
// one map. Both threads wait for one start signal so that their loops overlap.
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <unordered_map>

int main() {
  auto counts = std::make_shared<std::unordered_map<int, int>>();
  std::atomic<bool> start{false};
  std::thread a([counts, &start] {
    while (!start.load())
      std::this_thread::yield();
    for (int i = 0; i < 1000; ++i)
      ++(*counts)[i % 64];
  });
  std::thread b([counts, &start] {
    while (!start.load())
      std::this_thread::yield();
    for (int i = 0; i < 1000; ++i)
      counts->erase(i % 64);
  });
  start.store(true);
  a.join();
  b.join();
  std::printf("%zu\n", counts->size());
}
