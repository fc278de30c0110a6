// The function that started the thread reads the map only after the join.
#include <cstdio>
#include <map>
#include <thread>

int main() {
  std::map<int, long> squares;
  std::thread worker([&squares] {
    for (int i = 0; i < 1000; ++i)
      squares[i] = static_cast<long>(i) * i;
  });
  worker.join();
  std::printf("%zu %ld\n", squares.size(), squares[999]);
}
