// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17
// Silent: constructors, annotated members, no inferable guard, early unlock,
// conditional locking, lambdas under the lock, const maps.
#include <map>
#include <mutex>
#include <string>
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
