// Tasks submitted to a thread pool fill one map. The pool's submit function
// is listed in ThreadLaunchers (see run_corpus.py).
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

namespace corpus {
class ThreadPool {
public:
  explicit ThreadPool(int threads) {
    for (int i = 0; i < threads; ++i)
      workers_.emplace_back([this] { run(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto &worker : workers_)
      worker.join();
  }
  void submit(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      tasks_.push(std::move(task));
    }
    ready_.notify_one();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    idle_.wait(lock, [this] { return tasks_.empty() && active_ == 0; });
  }

private:
  void run() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
        if (tasks_.empty())
          return;
        task = std::move(tasks_.front());
        tasks_.pop();
        ++active_;
      }
      task();
      {
        std::lock_guard<std::mutex> lock(mu_);
        --active_;
      }
      idle_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable ready_, idle_;
  std::queue<std::function<void()>> tasks_;
  std::vector<std::thread> workers_;
  int active_ = 0;
  bool stop_ = false;
};
} // namespace corpus

int main() {
  corpus::ThreadPool pool(2);
  std::unordered_map<int, long> squares;
  std::atomic<int> running{0};
  for (int t = 0; t < 2; ++t)
    pool.submit([&squares, &running, t] {
      // Both tasks run at once: neither starts before the other has.
      running.fetch_add(1);
      while (running.load() < 2)
        std::this_thread::yield();
      for (int i = t; i < 2000; i += 2)
        squares[i] = static_cast<long>(i) * i;
    });
  pool.wait();
  std::printf("%zu\n", squares.size());
}
