// A local captured by reference: the thread fills it while the function that
// started the thread polls its size once the thread is running.
#include <atomic>
#include <cstdio>
#include <map>
#include <thread>

int main() {
  std::map<int, long> squares;
  std::atomic<bool> running{false};
  std::thread worker([&squares, &running] {
    running.store(true);
    for (int i = 0; i < 1000; ++i)
      squares[i] = static_cast<long>(i) * i;
  });
  while (!running.load())
    std::this_thread::yield();
  size_t polls = 0;
  while (polls < 1000 && squares.size() < 1000)
    ++polls;
  worker.join();
  std::printf("%zu %d\n", squares.size(), polls > 0);
}
