// A member function runs on a thread; it and the public member function
// that fills the map both hold the mutex.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Scheduler {
public:
  Scheduler() : worker_(&Scheduler::run, this) {}
  ~Scheduler() { worker_.join(); }
  void schedule(int id, std::string job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_[id] = std::move(job);
  }

private:
  void run() {
    for (int i = 0; i < 2000; ++i) {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.erase(i % 100);
    }
  }

  std::mutex mu_;
  std::unordered_map<int, std::string> jobs_;
  std::thread worker_;
};

int main() {
  Scheduler scheduler;
  for (int i = 0; i < 2000; ++i)
    scheduler.schedule(i % 100, "job");
  std::printf("scheduled\n");
}
