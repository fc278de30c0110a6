// A shared_ptr to a map captured by value by two threads: the copies share
// one map.
#include <cstdio>
#include <memory>
#include <thread>
#include <unordered_map>

int main() {
  auto counts = std::make_shared<std::unordered_map<int, int>>();
  std::thread a([counts] {
    for (int i = 0; i < 1000; ++i)
      ++(*counts)[i % 64];
  });
  std::thread b([counts] {
    for (int i = 0; i < 1000; ++i)
      counts->erase(i % 64);
  });
  a.join();
  b.join();
  std::printf("%zu\n", counts->size());
}
