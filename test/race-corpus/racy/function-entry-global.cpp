// A function that fills a global map, started on two threads.
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
  std::thread t2(worker);
  t1.join();
  t2.join();
  std::printf("%zu\n", seen.size());
}
