// EXPECT: race
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
class HealthChecker {
public:
  HealthChecker() {
    for (int i = 0; i < 2; ++i)
      workers_.emplace_back(&HealthChecker::probeLoop, this);
  }
  ~HealthChecker() {
    stop_ = true;
    for (auto &w : workers_)
      w.join();
  }
  void addTarget(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    status_[host] = false;
  }
  bool healthy(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = status_.find(host);
    return it != status_.end() && it->second;
  }
private:
  void probeLoop() {
    while (!stop_) {
      for (auto &entry : status_) // RACE
        entry.second = !entry.first.empty();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  std::mutex mu_;
  std::unordered_map<std::string, bool> status_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> workers_;
};
