// Each thread is joined before the next one starts.
#include <cstdio>
#include <thread>
#include <unordered_map>

int main() {
  std::unordered_map<int, int> owners;
  for (int t = 0; t < 3; ++t) {
    std::thread worker([&owners, t] {
      for (int i = 0; i < 100; ++i)
        owners[i] = t;
    });
    worker.join();
  }
  std::printf("%zu %d\n", owners.size(), owners[5]);
}
