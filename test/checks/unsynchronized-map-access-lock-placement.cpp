// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Where the inserted lock goes and what it is called. It takes a name the
// function does not use and the class does not declare: `lock` would clash
// with a parameter or a local, hide the member function `lock()` the code
// calls, or name the mutex it locks. It never opens a switch's body, where
// the jump to a case label would skip it; the accesses after each case label
// are judged, not only the first case's.
#include <mutex>
#include <unordered_map>

class Flags {
public:
  void set(int k) {
    std::lock_guard<std::mutex> held(mu_);
    flags_[k] = true;
  }
  void unset(int k) {
    std::lock_guard<std::mutex> held(mu_);
    flags_.erase(k);
  }
  bool get(int k) {
    std::lock_guard<std::mutex> held(mu_);
    return flags_.count(k) != 0;
  }
  void reset(bool lock) {
    if (lock)
      flags_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'flags_' is modified without holding 'mu_'; 3 of 6 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-FIXES: {{^}}  void reset(bool lock) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> guard(mu_);{{$}}
  }
  size_t count() {
    size_t n = flags_.size();
    // CHECK-MESSAGES: :[[@LINE-1]]:16: {{warning|error}}: 'flags_' is read without holding 'mu_'; 3 of 6 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-FIXES: {{^}}  size_t count() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> guard(mu_);{{$}}
    lock();
    return n;
  }
  bool any() {
    bool lock = false, guard = false, map_lock = !flags_.empty();
    // CHECK-MESSAGES: :[[@LINE-1]]:51: {{warning|error}}: 'flags_' is read without holding 'mu_'; 3 of 6 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:51: note: no fix: no block of 'any' can take the lock
    return lock || guard || map_lock;
  }

private:
  void lock() {}
  std::mutex mu_;
  std::unordered_map<int, bool> flags_;
};

// The mutex itself is called `lock`.
class Counters {
public:
  void bump(int k) {
    std::lock_guard<std::mutex> held(lock);
    counts_[k]++;
  }
  void drop(int k) {
    std::lock_guard<std::mutex> held(lock);
    counts_.erase(k);
  }
  void reset() { counts_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: {{warning|error}}: 'counts_' is modified without holding 'lock'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void reset() { std::lock_guard<std::mutex> guard(lock); counts_.clear(); }{{$}}

private:
  std::mutex lock;
  std::unordered_map<int, int> counts_;
};

class Dispatcher {
public:
  void add(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_[k] = 1;
  }
  void remove(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_.erase(k);
  }
  void replace(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    handlers_[k] = 2;
  }
  void on(int op, int k) {
    switch (op) {
    case 1:
      handlers_.erase(k);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'handlers_' is modified without holding 'mu_'; 3 of 5 accesses hold it [maptidy-unsynchronized-map-access]
      // CHECK-FIXES: {{^}}  void on(int op, int k) {{{$}}
      // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> lock(mu_);{{$}}
      // CHECK-FIXES-NEXT: {{^}}    switch (op) {{{$}}
      break;
    case 2:
      handlers_[k] = 0;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'handlers_' is modified without holding 'mu_'; 3 of 5 accesses hold it [maptidy-unsynchronized-map-access]
      break;
    }
  }

private:
  std::mutex mu_;
  std::unordered_map<int, int> handlers_;
};
