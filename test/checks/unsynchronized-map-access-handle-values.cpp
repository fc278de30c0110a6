// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps whose values are smart pointers with const and non-const twins of
// `->` and `*` (Poco's AutoPtr): calling through a value reads the map, as
// through a std::shared_ptr; the object pointed to is not in the map. A
// value wrapper's `->` (std::optional) leads into the element: a write.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

struct Job {
  void run() { ++runs; }
  int runs = 0;
};

template <class C> class AutoPtr {
public:
  AutoPtr() = default;
  explicit AutoPtr(C *p) : p_(p) {}
  C *operator->() { return p_; }
  const C *operator->() const { return p_; }
  C &operator*() { return *p_; }
  const C &operator*() const { return *p_; }

private:
  C *p_ = nullptr;
};

// Silent: both threads only read the map, calling the jobs it points to.
void handles() {
  std::map<int, AutoPtr<Job>> jobs;
  jobs[1] = AutoPtr<Job>(new Job);
  std::thread t([&] {
    auto it = jobs.find(1);
    if (it != jobs.end())
      it->second->run();
  });
  auto it = jobs.find(1);
  (*it->second).run();
  t.join();
}

void values() {
  std::map<int, std::optional<Job>> jobs;
  jobs[1] = Job{};
  std::thread t([&] {
    auto it = jobs.find(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: {{warning|error}}: 'jobs' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+5]]:13: note: concurrent access here
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: no fix: 'jobs' is used as 'jobs.find()', which maptidy::sharded_map does not offer
    if (it != jobs.end())
      it->second->runs = 1;
  });
  auto it = jobs.find(1);
  (*it->second).run();
  t.join();
}

// The shutdown reads the map without the lock: a read, not a write.
class Pools {
public:
  void add(const std::string &name) {
    std::lock_guard<std::mutex> lock(mu_);
    pools_[name] = AutoPtr<Job>(new Job);
  }
  bool has(const std::string &name) {
    std::lock_guard<std::mutex> lock(mu_);
    return pools_.count(name) != 0;
  }
  void shutdown() {
    for (auto it = pools_.begin(); it != pools_.end(); ++it)
      it->second->run();
    // CHECK-MESSAGES: :[[@LINE-2]]:20: {{warning|error}}: 'pools_' is read without holding 'mu_'; 2 of 4 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-3]]:42: {{warning|error}}: 'pools_' is read without holding 'mu_'; 2 of 4 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-FIXES: {{^}}  void shutdown() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> lock(mu_);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    for (auto it = pools_.begin(); it != pools_.end(); ++it){{$}}
  }

private:
  std::mutex mu_;
  std::map<std::string, AutoPtr<Job>> pools_;
};
