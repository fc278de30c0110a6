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

// A reader-writer lock of the project, named `..._lock` (here behind a
// typedef), read-locked by lock_read(), and its guards: a template that
// calls lock(), and a nested reader guard that calls lock_read().
class rw_lock_impl {
public:
  class scoped_read {
  public:
    explicit scoped_read(rw_lock_impl &l) : l_(l) { l_.lock_read(); }
    ~scoped_read() { l_.unlock(); }

  private:
    rw_lock_impl &l_;
  };
  void lock() {}
  void lock_read() {}
  void unlock() {}
};
typedef rw_lock_impl rw_lock_t;

template <class L> class scoped_hold {
public:
  explicit scoped_hold(L &l) : l_(l) { l_.lock(); }
  ~scoped_hold() { l_.unlock(); }

private:
  L &l_;
};

class Routes {
public:
  void add(const std::string &path, int handler) {
    scoped_hold<rw_lock_t> l(lock_);
    handlers_[path] = handler;
  }
  int lookup(const std::string &path) {
    rw_lock_t::scoped_read l(lock_);
    auto it = handlers_.find(path);
    return it == handlers_.end() ? -1 : it->second;
  }
  int lookupByHand(const std::string &path) {
    lock_.lock_read();
    auto it = handlers_.find(path);
    const int handler = it == handlers_.end() ? -1 : it->second;
    lock_.unlock();
    return handler;
  }
  void remove(const std::string &path) { handlers_.erase(path); }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: {{warning|error}}: 'handlers_' is modified without holding 'lock_'; 6 of 7 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void remove(const std::string &path) { std::lock_guard<rw_lock_t> lock(lock_); handlers_.erase(path); }{{$}}
  // A write under the reader guard holds the lock shared only.
  void renameUnderReadLock(const std::string &path) {
    rw_lock_t::scoped_read l(lock_);
    handlers_[path + "/"] = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'handlers_' is modified while 'lock_' is held only for reading (shared lock) [maptidy-unsynchronized-map-access]
  }

private:
  rw_lock_t lock_;
  std::unordered_map<std::string, int> handlers_;
};

// Silent: classes named like clocks and blocks are no locks, whatever their
// members are called.
class Clock {
public:
  void lock() {}
  void unlock() {}
};

class Timings {
public:
  void record(int k) {
    clock_.lock();
    last_[k] = k;
    clock_.unlock();
  }
  void drop(int k) { last_.erase(k); }

private:
  Clock clock_;
  std::map<int, int> last_;
};
