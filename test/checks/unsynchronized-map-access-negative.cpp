// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17
// Silent: constructors, annotated members, no inferable guard, early unlock,
// conditional locking, lambdas under the lock, const maps; pool functions not
// listed in ThreadLaunchers, helpers that lock, thread_local maps, early
// returns that unlock first, find() under a shared lock, iterators moved by
// standard functions under a shared lock, operands of sizeof, noexcept and
// typeid, which never run.
#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <typeinfo>
#include <unordered_map>

#define GUARDED_BY(x) __attribute__((guarded_by(x)))

// Constructors and destructors run before and after any sharing.
class Seeded {
public:
  Seeded() { values_[0] = 0; }
  ~Seeded() { values_.clear(); }
  void set(int k, int v) {
    std::lock_guard<std::mutex> lock(mu_);
    values_[k] = v;
  }

private:
  std::mutex mu_;
  std::map<int, int> values_;
};

// Annotated members are left to -Wthread-safety.
class Annotated {
public:
  void set(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    values_[k] = 1;
  }
  int peek(int k) { return values_.count(k); }

private:
  std::mutex mu_;
  std::map<int, int> values_ GUARDED_BY(mu_);
};

// Mostly unguarded: no guard can be inferred.
class Unclear {
public:
  void a(int k) { values_[k] = 1; }
  void b(int k) { values_.erase(k); }
  void c(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    (void)values_.count(k);
  }

private:
  std::mutex mu_;
  std::unordered_map<int, int> values_;
};

// Early unlock, conditional locking and a lambda run under the lock: every
// access holds the mutex.
class Careful {
public:
  int take(int k) {
    std::unique_lock<std::mutex> lock(mu_);
    int value = values_[k];
    lock.unlock();
    return value;
  }
  void maybe(int k, bool big) {
    if (big) {
      std::lock_guard<std::mutex> lock(mu_);
      values_[k] = 2;
    } else {
      mu_.lock();
      values_[k] = 3;
      mu_.unlock();
    }
  }
  template <typename F> void withLock(F f) {
    std::lock_guard<std::mutex> lock(mu_);
    f();
  }
  void viaLambda(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    auto bump = [&] { ++values_[k]; };
    bump();
  }

private:
  std::mutex mu_;
  std::map<int, int> values_;
};

// A const map needs no lock.
class Frozen {
public:
  int get(int k) const {
    auto it = table_.find(k);
    return it == table_.end() ? 0 : it->second;
  }

private:
  std::mutex mu_;
  const std::map<int, int> table_{{1, 2}};
};

// A pool's submit function starts no thread unless ThreadLaunchers lists it.
struct Pool {
  void submit(const std::function<void()> &task);
  void wait();
};

int unlisted(Pool &pool) {
  std::unordered_map<int, int> counts;
  for (int t = 0; t < 4; ++t)
    pool.submit([&counts, t] { counts[t] = t; });
  pool.wait();
  return static_cast<int>(counts.size());
}

// A helper that takes a lock itself synchronizes the map it touches.
static std::map<int, int> registry;
static std::mutex registryMutex;

void record(int k) {
  std::lock_guard<std::mutex> lock(registryMutex);
  registry[k] = k;
}

void recordAll() {
  std::thread a([] { record(1); });
  std::thread b([] { record(2); });
  a.join();
  b.join();
}

// thread_local maps are per thread.
thread_local std::unordered_map<int, int> perThread;

void perThreadCounts() {
  std::thread a([] { ++perThread[1]; });
  std::thread b([] { ++perThread[1]; });
  a.join();
  b.join();
}

// An early return that unlocks first: the path that goes on still holds it.
class EarlyExit {
public:
  int take(int k) {
    mu_.lock();
    if (k < 0) {
      mu_.unlock();
      return 0;
    }
    int value = values_[k];
    values_.erase(k);
    mu_.unlock();
    return value;
  }
  void put(int k, int v) {
    std::lock_guard<std::mutex> lock(mu_);
    values_[k] = v;
  }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return values_.size();
  }

private:
  mutable std::mutex mu_;
  std::map<int, int> values_;
};

// find() in a non-const member function reads: a shared lock suffices.
class Lookup {
public:
  int find(int k) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = values_.find(k);
    return it == values_.end() ? 0 : it->second;
  }
  void set(int k, int v) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    values_[k] = v;
  }

private:
  std::shared_mutex mu_;
  std::map<int, int> values_;
};

// Iterators moved and compared by standard functions read: a shared lock
// suffices. std::next and std::find give iterators that are only read.
class Cutoffs {
public:
  int cutoff(double fraction) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    if (files_.empty())
      return -1;
    auto it = files_.begin();
    std::advance(it, static_cast<long>(fraction * files_.size()));
    return it != files_.end() ? it->first : -1;
  }
  long rank(int k) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return std::distance(files_.begin(), files_.lower_bound(k));
  }
  int second() {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return files_.size() < 2 ? -1 : std::next(files_.begin())->second;
  }
  bool holds(int v) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = std::find_if(files_.begin(), files_.end(),
                           [v](const auto &e) { return e.second == v; });
    return it != files_.end();
  }
  void add(int k) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    files_[k] = k;
  }

private:
  std::shared_mutex mu_;
  std::map<int, int> files_;
};

class Slots {
public:
  void put(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    slots_[k] = 1;
  }
  void take(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    slots_.erase(k);
  }
  size_t footprint() const { return sizeof(slots_) + alignof(decltype(slots_)); }
  bool sizeCannotThrow() const { return noexcept(slots_.size()); }
  const char *kind() const { return typeid(slots_).name(); }

private:
  std::mutex mu_;
  std::unordered_map<int, int> slots_;
};
