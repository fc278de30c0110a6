// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Mutexes behind a pointer guard maps as mutex members do.
#include <map>
#include <memory>
#include <mutex>

// A mutex behind a pointer: a std::unique_ptr keeps the class movable, a raw
// pointer shares one mutex between objects. Locked through `*mu_` and
// `mu_->lock()`; no fix, as the pointer may be null where the lock would go.
class Movable {
public:
  void add(int k) {
    std::lock_guard<std::mutex> l(*mu_);
    values_[k] = k;
  }
  void bump(int k) {
    mu_->lock();
    ++values_[k];
    mu_->unlock();
  }
  void drop(int k) { values_.erase(k); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'values_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: no fix: 'mu_' is reached through a pointer, which may be null where the lock would go

private:
  std::unique_ptr<std::mutex> mu_ = std::make_unique<std::mutex>();
  std::map<int, int> values_;
};

class SharedMutexOwner {
public:
  explicit SharedMutexOwner(std::mutex *mu) : mu_(mu) {}
  void add(int k) {
    std::lock_guard<std::mutex> l(*mu_);
    values_[k] = k;
  }
  int get(int k) {
    mu_->lock();
    const int found = values_.count(k) ? values_[k] : 0;
    mu_->unlock();
    return found;
  }
  void drop(int k) { values_.erase(k); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'values_' is modified without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: no fix: 'mu_' is reached through a pointer, which may be null where the lock would go

private:
  std::mutex *mu_;
  std::map<int, int> values_;
};

// Silent: a mutex pointer that may be null by design. A pool built for one
// thread has none, and the functions that may run only then test for that
// (`assert(mu_ == nullptr)`, `if (!mu_)`); their accesses are not judged.
#include <cassert>

class Pool {
public:
  explicit Pool(std::mutex *mu) : mu_(mu) {}
  int find(int k) {
    std::lock_guard<std::mutex> l(*mu_);
    return values_.count(k);
  }
  void add(int k) {
    std::lock_guard<std::mutex> l(*mu_);
    values_[k] = k;
  }
  void bump(int k) {
    std::lock_guard<std::mutex> l(*mu_);
    ++values_[k];
  }
  void drop(int k) {
    std::lock_guard<std::mutex> l(*mu_);
    values_.erase(k);
  }
  void build(int k) {
    assert(mu_ == nullptr);
    values_[k] = -k;
  }
  void reset() {
    if (!mu_)
      values_.clear();
  }

private:
  std::mutex *mu_;
  std::map<int, int> values_;
};
