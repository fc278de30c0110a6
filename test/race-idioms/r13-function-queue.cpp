// EXPECT: race
// A hand-rolled task queue drained by worker threads.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
class TaskQueue {
public:
  explicit TaskQueue(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back([this] { drain(); });
  }
  ~TaskQueue() {
    { std::lock_guard<std::mutex> l(mu_); done_ = true; }
    cv_.notify_all();
    for (auto &w : workers_) w.join();
  }
  void push(std::function<void()> task) {
    { std::lock_guard<std::mutex> l(mu_); tasks_.push_back(std::move(task)); }
    cv_.notify_one();
  }
private:
  void drain() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [this] { return done_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool done_ = false;
  std::vector<std::thread> workers_;
};
int main() {
  std::unordered_map<int, std::string> rendered;
  {
    TaskQueue queue(4);
    for (int i = 0; i < 100; ++i)
      queue.push([&rendered, i] { rendered[i] = std::to_string(i); }); // RACE
  }
  return static_cast<int>(rendered.size());
}
