// A lambda stored in a variable and started on two threads.
#include <cstdio>
#include <thread>
#include <unordered_map>

int main() {
  std::unordered_map<int, int> latest;
  auto work = [&] {
    for (int i = 0; i < 1000; ++i)
      latest[i % 64] = i;
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  std::printf("%zu\n", latest.size());
}
