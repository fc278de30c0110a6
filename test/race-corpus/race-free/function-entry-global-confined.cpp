// A function that fills a global map runs on one thread; the main thread
// reads the map after the join.
#include <cstdio>
#include <thread>
#include <unordered_map>

static std::unordered_map<int, int> seen;

static void worker() {
  for (int i = 0; i < 1000; ++i)
    seen[i % 64] = i;
}

int main() {
  std::thread t1(worker);
  t1.join();
  std::printf("%zu\n", seen.size());
}
