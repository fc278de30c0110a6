// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// The lock fix needs lock() and unlock() on the mutex, declared by its class
// or a base, whether or not the mutex type is listed in MutexTypes.
#include <map>
// CHECK-FIXES: {{^}}#include <mutex>{{$}}
#include <string>

// Abseil's Mutex before it gained lock(): Lock() and Unlock() only, as in
// Debian 12's libabsl.
namespace absl {
class Mutex {
public:
  void Lock();
  void Unlock();
};
class MutexLock {
public:
  explicit MutexLock(Mutex *mu);
  ~MutexLock();
};
} // namespace absl

class Sessions {
public:
  void open(int id) {
    absl::MutexLock l(&mu_);
    open_[id] = true;
  }
  bool isOpen(int id) {
    absl::MutexLock l(&mu_);
    return open_.count(id) != 0;
  }
  void closeAll() { open_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: {{warning|error}}: 'open_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: no fix: 'mu_' has no lock() and unlock() for std::lock_guard

private:
  absl::Mutex mu_;
  std::map<int, bool> open_;
};

// A project's mutex that gets lock() and unlock() from its base.
class BasicLock {
public:
  void lock() {}
  void unlock() {}
};
class TableMutex : public BasicLock {};

class Table {
public:
  void put(const std::string &k, int v) {
    mu_.lock();
    rows_[k] = v;
    mu_.unlock();
  }
  void drop(const std::string &k) {
    mu_.lock();
    rows_.erase(k);
    mu_.unlock();
  }
  int size() { return static_cast<int>(rows_.size()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:40: {{warning|error}}: 'rows_' is read without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  int size() { std::lock_guard<TableMutex> lock(mu_); return static_cast<int>(rows_.size()); }{{$}}

private:
  TableMutex mu_;
  std::map<std::string, int> rows_;
};
