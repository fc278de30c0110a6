// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// folly::Synchronized: the map inside is reached only through its locks, so
// its accesses from several threads are not races; a map beside it that the
// code guards with a Synchronized's lock is judged by the inference rule.
#include <map>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// The interface of folly/Synchronized.h that the code below uses.
namespace folly {
template <class T> class LockedPtr {
public:
  ~LockedPtr();
  T *operator->() const;
  T &operator*() const;
  void unlock();
};
template <class T> class Synchronized {
public:
  LockedPtr<T> wlock();
  LockedPtr<const T> rlock() const;
  LockedPtr<const T> ulock();
  LockedPtr<T> lock();
  template <class F> void withWLock(F &&f) { f(*wlock()); }
  template <class F> void withRLock(F &&f) const { f(*rlock()); }
  template <class F> void withULockPtr(F &&f) { f(ulock()); }
  T copy() const;
  void swap(T &other);
  T &unsafeGetUnlocked();
};
} // namespace folly

// Silent: every access goes through a lock of the Synchronized, on two
// threads and in the launcher before the join.
int countedOnThreads() {
  folly::Synchronized<std::unordered_map<std::string, int>> counts;
  counts.unsafeGetUnlocked()["init"] = 0; // before any thread starts
  auto work = [&] {
    counts.wlock()->emplace("a", 1);
    ++(*counts.wlock())["b"];
    counts.withWLock([](auto &m) { m["c"] = 3; });
    counts.withWLock(
        [](std::unordered_map<std::string, int> &m) { m.erase("c"); });
    counts.withULockPtr([](auto locked) { (void)locked->count("a"); });
    auto mine = counts.copy();
    mine["d"] = 4;
    std::unordered_map<std::string, int> fresh;
    counts.swap(fresh);
  };
  std::thread a(work), b(work);
  {
    auto locked = counts.lock();
    (*locked)["e"] = 5;
  }
  int n = 0;
  counts.withRLock([&](const auto &m) { n = static_cast<int>(m.size()); });
  a.join();
  b.join();
  return n + static_cast<int>(counts.rlock()->size()) +
         static_cast<int>(counts.unsafeGetUnlocked().size()); // after the join
}

// Silent: a global Synchronized map written by a function on two threads.
static folly::Synchronized<std::map<int, int>> seen;
static void record() {
  auto locked = seen.wlock();
  (*locked)[1] = 1;
  locked->erase(2);
}

void recordTwice() {
  std::thread t1(record), t2(record);
  t1.join();
  t2.join();
}

// Silent: a map member of an object inside a Synchronized, reached through
// its locks by a member function on a thread and by the public ones.
struct Jobs {
  std::map<int, std::string> byId;
  void add(int id, std::string job) { byId[id] = std::move(job); }
};

class Scheduler {
public:
  Scheduler() : worker_(&Scheduler::run, this) {}
  ~Scheduler() { worker_.join(); }
  void schedule(int id, std::string job) {
    jobs_.wlock()->add(id, std::move(job));
  }
  void cancel(int id) { jobs_.wlock()->byId.erase(id); }
  bool pending(int id) const { return jobs_.rlock()->byId.count(id) != 0; }

private:
  void run() {
    auto locked = jobs_.wlock();
    locked->byId.erase(0);
  }
  folly::Synchronized<Jobs> jobs_;
  std::thread worker_;
};

// Silent: a plain map touched by threads only while they hold a
// Synchronized's lock.
int tally(const std::vector<std::string> &words) {
  folly::Synchronized<int> total;
  std::map<std::string, int> byWord;
  auto work = [&] {
    for (const auto &w : words) {
      auto t = total.wlock();
      ++*t;
      ++byWord[w];
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  return static_cast<int>(byWord.size());
}

// Reported: copy() locks only while it copies; the map beside it is not
// guarded.
int tallyUnlocked(const std::vector<std::string> &words) {
  folly::Synchronized<int> total;
  std::map<std::string, int> byWord;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> byWord;{{$}}
  auto work = [&] {
    for (const auto &w : words) {
      if (total.copy() > 0)
        continue;
      ++byWord[w];
      // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'byWord' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
      // CHECK-FIXES: {{^}}      byWord.upsert(w, [](auto& value) { ++value; });{{$}}
    }
  };
  std::thread a(work), b(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: note: another thread running it is started here
  a.join();
  b.join();
  return static_cast<int>(byWord.size());
}

// A map member guarded by a Synchronized's lock: wlock() and rlock() hold
// it while their result lives, withWLock() inside its function. No
// std::lock_guard can hold a Synchronized, so no fix.
class Catalog {
public:
  void add(int id, const std::string &name) {
    auto names = names_.wlock();
    (*names)[id] = name;
    ids_[name] = id;
  }
  int find(const std::string &name) const {
    auto names = names_.rlock();
    auto it = ids_.find(name);
    return it == ids_.end() ? -1 : it->second;
  }
  void rename(const std::string &from, const std::string &to) {
    names_.withWLock([&](auto &) {
      ids_[to] = ids_[from];
      ids_.erase(from);
    });
  }
  void drop(const std::string &name) { ids_.erase(name); }
  // CHECK-MESSAGES: :[[@LINE-1]]:40: {{warning|error}}: 'ids_' is modified without holding 'names_'; 6 of 8 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:40: note: no fix: 'names_' has no lock() and unlock() for std::lock_guard
  void dropLocked(const std::string &name) {
    auto names = names_.wlock();
    names.unlock();
    ids_.erase(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'ids_' is modified without holding 'names_'; 6 of 8 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'names_' has no lock() and unlock() for std::lock_guard
  }

private:
  folly::Synchronized<std::map<int, std::string>> names_;
  std::map<std::string, int> ids_;
};
