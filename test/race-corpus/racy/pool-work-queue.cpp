// Tasks given to a work queue, a class named for running tasks, each on its
// own thread; they all count into one map.
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
  std::unordered_map<int, int> counts;
  WorkQueue queue;
  for (int t = 0; t < 4; ++t)
    queue.enqueue([&counts, t] {
      for (int i = 0; i < 500; ++i)
        ++counts[(i + t) % 64];
    });
  queue.wait();
  std::printf("%zu\n", counts.size());
}
