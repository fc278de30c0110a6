// Each thread gets a shared_ptr to its own map; the maps are merged after
// the joins.
#include <cstdio>
#include <memory>
#include <thread>
#include <unordered_map>

int main() {
  auto left = std::make_shared<std::unordered_map<int, int>>();
  auto right = std::make_shared<std::unordered_map<int, int>>();
  std::thread a([left] {
    for (int i = 0; i < 1000; ++i)
      ++(*left)[i % 64];
  });
  std::thread b([right] {
    for (int i = 0; i < 1000; ++i)
      ++(*right)[i % 32];
  });
  a.join();
  b.join();
  for (const auto &[k, n] : *right)
    (*left)[k] += n;
  std::printf("%zu\n", left->size());
}
