// Tasks given to a work queue each fill their own map; the maps are merged
// after the wait.
#include <cstdio>
#include <functional>
#include <thread>
#include <unordered_map>
#include <vector>

class WorkQueue {
public:
  void enqueue(std::function<void()> task) {
    threads_.emplace_back(std::move(task));
  }
  void wait() {
    for (auto &thread : threads_)
      thread.join();
    threads_.clear();
  }

private:
  std::vector<std::thread> threads_;
};

int main() {
  std::vector<std::unordered_map<int, int>> partial(4);
  WorkQueue queue;
  for (int t = 0; t < 4; ++t)
    queue.enqueue([&partial, t] {
      for (int i = 0; i < 500; ++i)
        ++partial[t][(i + t) % 64];
    });
  queue.wait();
  std::unordered_map<int, int> counts;
  for (const auto &part : partial)
    for (const auto &[k, n] : part)
      counts[k] += n;
  std::printf("%zu\n", counts.size());
}
