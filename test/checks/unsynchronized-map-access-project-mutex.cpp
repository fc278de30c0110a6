// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Mutex types of the project and of Abseil and Boost, and their lock objects:
// the accesses they guard count as guarded.
#include <map>
// CHECK-FIXES: {{^}}#include <mutex>{{$}}
#include <string>
#include <unordered_map>

// A project's mutex with Lock()/Unlock() and its RAII guard: no
// std::lock_guard can hold it, so no fix.
class Mutex {
public:
  void Lock();
  void Unlock();
};

class MutexLock {
public:
  explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  Mutex *mu_;
};

class Registry {
public:
  void add(const std::string &name, int id) {
    MutexLock l(&mu_);
    ids_[name] = id;
  }
  int find(const std::string &name) {
    MutexLock l(&mu_);
    auto it = ids_.find(name);
    return it == ids_.end() ? -1 : it->second;
  }
  void forget(const std::string &name) { ids_.erase(name); }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: {{warning|error}}: 'ids_' is modified without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:42: note: no fix: 'mu_' has no lock() and unlock() for std::lock_guard

private:
  Mutex mu_;
  std::unordered_map<std::string, int> ids_;
};

// A spin lock with lock()/unlock(), locked by hand: std::lock_guard fits.
class SpinLock {
public:
  void lock() {}
  void unlock() {}
};

class Counters {
public:
  void bump(int k) {
    spin_.lock();
    ++counts_[k];
    spin_.unlock();
  }
  void reset(int k) {
    spin_.lock();
    counts_.erase(k);
    spin_.unlock();
  }
  int size() const { return static_cast<int>(counts_.size()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:46: {{warning|error}}: 'counts_' is read without holding 'spin_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  int size() const { std::lock_guard<SpinLock> lock(spin_); return static_cast<int>(counts_.size()); }{{$}}

private:
  mutable SpinLock spin_;
  std::map<int, int> counts_;
};

// Abseil's mutex and lock objects.
namespace absl {
class Mutex {
public:
  void lock();
  void unlock();
};
class MutexLock {
public:
  explicit MutexLock(Mutex *mu);
  ~MutexLock();
};
class ReaderMutexLock {
public:
  explicit ReaderMutexLock(Mutex *mu);
  ~ReaderMutexLock();
};
} // namespace absl

class Sessions {
public:
  void open(int id) {
    absl::MutexLock l(&mu_);
    open_[id] = true;
  }
  bool isOpen(int id) {
    absl::ReaderMutexLock l(&mu_);
    return open_.count(id) != 0;
  }
  void closeAll() { open_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: {{warning|error}}: 'open_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void closeAll() { std::lock_guard<absl::Mutex> lock(mu_); open_.clear(); }{{$}}

private:
  absl::Mutex mu_;
  std::map<int, bool> open_;
};

// Silent: every access under Boost's lock objects.
namespace boost {
class mutex {
public:
  void lock();
  void unlock();
};
template <class M> class lock_guard {
public:
  explicit lock_guard(M &m);
  ~lock_guard();
};
} // namespace boost

class Boosted {
public:
  void put(int k) {
    boost::lock_guard<boost::mutex> l(mu_);
    seen_[k] = k;
  }
  int count() {
    boost::lock_guard<boost::mutex> l(mu_);
    return static_cast<int>(seen_.size());
  }

private:
  boost::mutex mu_;
  std::map<int, int> seen_;
};
