// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Mutexes and lock objects known by what they are rather than by name: the
// thread-safety attributes of Clang (capability, scoped_lockable, acquire and
// release functions), and classes derived from a standard mutex or lock.
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define ACQUIRE_SHARED(...) __attribute__((acquire_shared_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

// A capability named unlike a mutex, entered and left through functions
// named unlike lock() and unlock(), and its scoped lock objects.
class CAPABILITY("mutex") Section {
public:
  void Enter() ACQUIRE() {}
  void EnterShared() ACQUIRE_SHARED() {}
  void Leave() RELEASE() {}
};

class SCOPED_CAPABILITY Entered {
public:
  explicit Entered(Section *s) ACQUIRE(s) : s_(s) { s_->Enter(); }
  ~Entered() RELEASE() { s_->Leave(); }

private:
  Section *s_;
};

class SCOPED_CAPABILITY Peeking {
public:
  explicit Peeking(Section *s) ACQUIRE_SHARED(s);
  ~Peeking() RELEASE();
};

class Catalog {
public:
  void add(int k) {
    Entered e(&section_);
    items_[k] = 1;
  }
  bool has(int k) {
    Peeking p(&section_);
    return items_.count(k) != 0;
  }
  void addByHand(int k) {
    section_.Enter();
    items_[k] = 2;
    section_.Leave();
  }
  bool hasByHand(int k) {
    section_.EnterShared();
    const bool found = items_.count(k) != 0;
    section_.Leave();
    return found;
  }
  void drop(int k) { items_.erase(k); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'items_' is modified without holding 'section_'; 5 of 6 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: note: no fix: 'section_' has no lock() and unlock() for std::lock_guard
  void bumpWhilePeeking(int k) {
    Peeking p(&section_);
    items_[k] = 3;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'items_' is modified while 'section_' is held only for reading (shared lock) [maptidy-unsynchronized-map-access]
  }

private:
  Section section_;
  std::map<int, int> items_;
};

// A mutex that adds to std::mutex, named for what it adds, and a lock object
// derived from std::unique_lock with a constructor of its own.
template <class M> class Instrumented : public M {};

template <class M> class TracedHold : public std::unique_lock<M> {
public:
  TracedHold(M &m, const char *where) : std::unique_lock<M>(m), where_(where) {}

private:
  const char *where_;
};

class Sessions {
public:
  void open(const std::string &id) {
    TracedHold<Instrumented<std::mutex>> l(mu_, "open");
    open_[id] = true;
  }
  bool isOpen(const std::string &id) {
    TracedHold<Instrumented<std::mutex>> l(mu_, "isOpen");
    return open_.count(id) != 0;
  }
  void close(const std::string &id) {
    std::lock_guard<Instrumented<std::mutex>> l(mu_);
    open_.erase(id);
  }
  void closeAll() { open_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: {{warning|error}}: 'open_' is modified without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void closeAll() { std::lock_guard<Instrumented<std::mutex>> lock(mu_); open_.clear(); }{{$}}

private:
  Instrumented<std::mutex> mu_;
  std::unordered_map<std::string, bool> open_;
};

// Silent: Enter() and Leave() of a class that is no capability lock nothing.
class Scope {
public:
  void Enter() {}
  void Leave() {}
};

class Visits {
public:
  void visit(int k) {
    scope_.Enter();
    seen_[k] = k;
    scope_.Leave();
  }
  void forget(int k) { seen_.erase(k); }

private:
  Scope scope_;
  std::map<int, int> seen_;
};
