// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps behind a std::shared_ptr: a member's map guarded by a mutex gets the
// lock fix as a plain map member does; a local shared with threads gets no
// sharded_map fix, and a note says why.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Registry {
public:
  void add(const std::string &name, int id) {
    std::lock_guard<std::mutex> lock(mu_);
    (*ids_)[name] = id;
  }
  int find(const std::string &name) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = ids_->find(name);
    return it == ids_->end() ? -1 : it->second;
  }
  void forget(const std::string &name) { ids_->erase(name); }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: {{warning|error}}: 'ids_' is modified without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void forget(const std::string &name) { std::lock_guard<std::mutex> lock(mu_); ids_->erase(name); }{{$}}

private:
  std::mutex mu_;
  std::shared_ptr<std::unordered_map<std::string, int>> ids_ =
      std::make_shared<std::unordered_map<std::string, int>>();
};

// Silent: copy-on-write. The pointer is read and replaced under the lock;
// the map behind a copy is never changed, and readers use their copy.
class Snapshots {
public:
  void put(int k, int v) {
    std::lock_guard<std::mutex> lock(mu_);
    auto next = std::make_shared<std::map<int, int>>(*current_);
    (*next)[k] = v;
    current_ = next;
  }
  int get(int k) {
    std::shared_ptr<const std::map<int, int>> snapshot;
    {
      std::lock_guard<std::mutex> lock(mu_);
      snapshot = current_;
    }
    auto it = snapshot->find(k);
    return it == snapshot->end() ? 0 : it->second;
  }
  std::shared_ptr<std::map<int, int>> share() {
    std::lock_guard<std::mutex> lock(mu_);
    return current_;
  }

private:
  std::mutex mu_;
  std::shared_ptr<std::map<int, int>> current_ =
      std::make_shared<std::map<int, int>>();
};

// A local shared_ptr captured by two threads: no sharded_map fix.
int sharedCounts() {
  auto counts = std::make_shared<std::unordered_map<int, int>>();
  std::thread a([counts] { ++(*counts)[1]; });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'counts' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:28: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: no fix: 'counts' reaches the map through a std::shared_ptr; the rewrite to maptidy::sharded_map changes maps declared as such only
  std::thread b([counts] { counts->erase(1); });
  a.join();
  b.join();
  return static_cast<int>(counts->size());
}
