// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Race-free twins of unsynchronized-map-access-thread-entries.cpp: joined
// before use, confined to one thread, per-thread maps, accessed under a
// project's mutex type, tasks waited for before the next access.
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

static void fill(std::unordered_map<int, int> &m) { m[1] = 1; }
static void fillCopy(std::unordered_map<int, int> m) { m[1] = 1; }

int joinedFirst() {
  std::unordered_map<int, int> m;
  std::thread t(fill, std::ref(m));
  t.join();
  return m[1];
}

void perThreadMaps() {
  std::unordered_map<int, int> a, b;
  std::thread first(fill, std::ref(a)), second(fill, std::ref(b));
  first.join();
  second.join();
}

void copies() {
  std::unordered_map<int, int> m;
  std::thread first(fillCopy, m), second(fillCopy, m);
  first.join();
  second.join();
}

// Only one thread touches the global, and the launcher after the join.
static std::unordered_map<int, int> onlyOne;
static void soloWorker() { onlyOne[1] = 1; }

void confined() {
  std::thread t(soloWorker);
  t.join();
  onlyOne[2] = 2;
}

// A named lambda started once and joined before the map is used again.
int namedOnce() {
  std::unordered_map<int, int> m;
  auto work = [&] { m[1] = 1; };
  std::thread t(work);
  t.join();
  return m[1];
}

// A project's mutex and its RAII guard.
class Mutex {
public:
  void Lock() { mu_.lock(); }
  void Unlock() { mu_.unlock(); }

private:
  std::mutex mu_;
};

class MutexLock {
public:
  explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  Mutex *mu_;
};

static Mutex statsMu;
static std::unordered_map<int, int> stats;

static void record() {
  MutexLock l(&statsMu);
  ++stats[1];
}

void lockedWorkers() {
  std::thread a(record), b(record);
  a.join();
  b.join();
}

// A spin lock with lock()/unlock(), taken by hand.
class SpinLock {
public:
  void lock() {}
  void unlock() {}
};

static SpinLock spin;
static std::unordered_map<int, int> spun;

static void spinWorker() {
  spin.lock();
  spun[1] = 1;
  spin.unlock();
}

void spinWorkers() {
  std::thread a(spinWorker), b(spinWorker);
  a.join();
  b.join();
}

// The future is waited for before the next access; a deferred task runs in
// get().
int asyncWaited() {
  std::unordered_map<int, int> c;
  auto task = std::async([&] { c[1] = 1; });
  task.get();
  c[2] = 2;
  return static_cast<int>(c.size());
}

int deferred() {
  std::unordered_map<int, int> c;
  auto task = std::async(std::launch::deferred, [&] { c[1] = 1; });
  task.get();
  return static_cast<int>(c.size());
}

// A reader thread while the launcher only reads too.
int readersOnly(const std::unordered_map<int, int> &seed) {
  std::unordered_map<int, int> table = seed;
  int found = 0;
  std::thread reader([&] { found = static_cast<int>(table.count(1)); });
  const int mine = static_cast<int>(table.count(2));
  reader.join();
  return found + mine;
}

// A member thread whose map no public member function touches.
class Confined {
public:
  Confined() : worker_(&Confined::run, this) {}
  ~Confined() { worker_.join(); }
  int ticks() const { return ticks_; }

private:
  void run() { cache_[1] = 1; }

  std::unordered_map<int, int> cache_;
  int ticks_ = 0;
  std::thread worker_;
};

// A member thread and callers that all lock.
class Guarded {
public:
  Guarded() : worker_(&Guarded::run, this) {}
  ~Guarded() { worker_.join(); }
  void add(int k) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_[k] = k;
  }

private:
  void run() {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.erase(1);
  }

  std::mutex mu_;
  std::unordered_map<int, int> jobs_;
  std::thread worker_;
};

// A member thread, started by a public function that prepares the map, and
// a public function that reads only after joining it.
class Joined {
public:
  void start() {
    done_.clear();
    worker_ = std::thread(&Joined::run, this);
  }
  int finish() {
    worker_.join();
    return static_cast<int>(done_.size());
  }

private:
  void run() { done_[1] = 1; }

  std::unordered_map<int, int> done_;
  std::thread worker_;
};

// Each thread gets a shared_ptr to its own map, or only reads the shared one.
int ownPointers(const std::shared_ptr<std::unordered_map<int, int>> &seed) {
  auto left = std::make_shared<std::unordered_map<int, int>>();
  auto right = std::make_shared<std::unordered_map<int, int>>();
  std::thread a([left] { (*left)[1] = 1; });
  std::thread b([right] { (*right)[2] = 2; });
  std::thread c([seed] { return seed->count(1); });
  std::thread d([seed] { return seed->count(2); });
  a.join();
  b.join();
  c.join();
  d.join();
  return static_cast<int>(left->size() + right->size());
}
