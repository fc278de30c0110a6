// EXPECT: clean
#include <map>
#include <mutex>
#include <thread>
// start() takes the lock to check that it runs once; the poller it starts
// takes the lock for each event.
class Poller {
public:
  void start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (running_)
      return;
    running_ = true;
    thread_ = std::thread([this] { poll(); });
  }
  int seen(int fd) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = events_.find(fd);
    return it == events_.end() ? 0 : it->second;
  }
  ~Poller() {
    if (thread_.joinable())
      thread_.join();
  }
private:
  void poll() {
    for (int fd = 0; fd < 1000; ++fd) {
      std::lock_guard<std::mutex> lock(mu_);
      ++events_[fd % 16];
    }
  }
  std::mutex mu_;
  bool running_ = false;
  std::map<int, int> events_;
  std::thread thread_;
};
