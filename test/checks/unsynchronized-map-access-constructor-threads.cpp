// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// A thread whose lambda the constructor writes in place runs that code after
// the constructor, beside the public member functions.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Monitor {
public:
  Monitor()
      : worker_([this] {
          while (running_)
            ++samples_["tick"];
          // CHECK-MESSAGES: :[[@LINE-1]]:15: {{warning|error}}: 'samples_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
          // CHECK-MESSAGES: :[[@LINE+8]]:12: note: concurrent access here
          // CHECK-FIXES: {{^}}            samples_.upsert("tick", [](auto& value) { ++value; });{{$}}
        }) {}
  ~Monitor() {
    running_ = false;
    worker_.join();
  }
  int ticks() {
    return samples_["tick"];
    // CHECK-FIXES: {{^}}    return samples_.get_or("tick", {});{{$}}
  }

private:
  std::atomic<bool> running_{true};
  std::unordered_map<std::string, int> samples_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> samples_;{{$}}
  std::thread worker_;
};

// Silent: the thread's code locks, as the public member function does.
class LockedMonitor {
public:
  LockedMonitor() {
    worker_ = std::thread([this] {
      while (running_) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++samples_["tick"];
      }
    });
  }
  ~LockedMonitor() {
    running_ = false;
    worker_.join();
  }
  int ticks() {
    std::lock_guard<std::mutex> lock(mutex_);
    return samples_["tick"];
  }

private:
  std::atomic<bool> running_{true};
  std::mutex mutex_;
  std::unordered_map<std::string, int> samples_;
  std::thread worker_;
};
