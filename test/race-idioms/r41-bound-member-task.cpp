// EXPECT: race
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
// A worker pool the service writes itself; jobs are member functions bound
// to `this` with std::bind.
class WorkerPool {
public:
  explicit WorkerPool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back([this] { work(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    ready_.notify_all();
    for (std::thread &worker : workers_)
      worker.join();
  }
  void enqueue(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }
private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [this] { return done_ || !jobs_.empty(); });
        if (jobs_.empty())
          return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool done_ = false;
  std::vector<std::thread> workers_;
};

class Resolver {
public:
  explicit Resolver(WorkerPool &pool) : pool_(pool) {}
  void resolve(int host) {
    pool_.enqueue(std::bind(&Resolver::lookup, this, host));
  }
  std::size_t known() const { return addresses_.size(); } // RACE
private:
  void lookup(int host) {
    addresses_[host] = "10.0.0." + std::to_string(host % 256); // RACE
  }
  WorkerPool &pool_;
  std::unordered_map<int, std::string> addresses_;
};
