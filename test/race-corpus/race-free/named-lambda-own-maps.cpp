// A lambda stored in a variable and started on two threads; each fills its
// own map and merges it under a mutex.
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>

int main() {
  std::unordered_map<int, int> latest;
  std::mutex mu;
  auto work = [&] {
    std::unordered_map<int, int> mine;
    for (int i = 0; i < 1000; ++i)
      mine[i % 64] = i;
    std::lock_guard<std::mutex> lock(mu);
    latest.insert(mine.begin(), mine.end());
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  std::printf("%zu\n", latest.size());
}
