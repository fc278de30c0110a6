// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Race-free twins of unsynchronized-map-access-lock-idioms.cpp: every access
// holds the lock, taken by try_lock, std::lock, a POSIX mutex, a guard
// object's member, or held by the caller of a helper documented, annotated or
// asserted to require it; threads that lock a POSIX mutex or initialize a map
// through std::call_once.
#include <atomic>
#include <map>
#include <mutex>
#include <pthread.h>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

class Samples {
public:
  bool tryRecord(int key, double value) {
    if (mu_.try_lock()) {
      samples_[key] = value;
      mu_.unlock();
      return true;
    }
    return false;
  }
  bool tryClear() {
    if (!mu_.try_lock())
      return false;
    samples_.clear();
    mu_.unlock();
    return true;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return samples_.size();
  }

private:
  std::mutex mu_;
  std::unordered_map<int, double> samples_;
};

class BlockCache {
public:
  void insert(int block, std::string data) {
    std::lock_guard<std::mutex> lock(mutex_);
    insertLocked(block, std::move(data));
  }
  // Requires that mutex_ is held.
  void insertLocked(int block, std::string data) {
    blocks_[block] = std::move(data);
    if (blocks_.size() > 1024)
      evictOneLocked();
  }
  bool has(int block) {
    std::lock_guard<std::mutex> lock(mutex_);
    return blocks_.count(block) != 0;
  }
  void dropLocked(int block);

protected:
  /// Caller must hold mutex_.
  void evictOneLocked() { blocks_.erase(blocks_.begin()); }

private:
  std::mutex mutex_;
  std::unordered_map<int, std::string> blocks_;
};

// The caller holds the lock: mutex_ should already be held.
void BlockCache::dropLocked(int block) { blocks_.erase(block); }

// An Abseil-style mutex whose AssertHeld() says the caller holds it.
class Mutex {
public:
  void Lock() {}
  void Unlock() {}
  void AssertHeld() const {}
};

class MutexLock {
public:
  explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  Mutex *mu_;
};

class Users {
public:
  void put(int id, std::string name) {
    MutexLock lock(&mu_);
    putLocked(id, std::move(name));
  }
  void putLocked(int id, std::string name)
      __attribute__((exclusive_locks_required(mu_))) {
    names_[id] = std::move(name);
  }
  void evictLocked(int id) {
    mu_.AssertHeld();
    names_.erase(id);
  }
  void evict(int id) {
    MutexLock lock(&mu_);
    evictLocked(id);
  }

private:
  Mutex mu_;
  std::map<int, std::string> names_;
};

class Batch {
public:
  explicit Batch(std::mutex &mu) : hold_(mu) {}

private:
  std::unique_lock<std::mutex> hold_;
};

class KvStore {
public:
  void put(const std::string &k, const std::string &v) {
    Batch batch(mu_);
    data_[k] = v;
  }
  void wipe() {
    Batch batch(mu_);
    data_.clear();
  }
  size_t size() {
    Batch batch(mu_);
    return data_.size();
  }

private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> data_;
};

class Accounts {
public:
  void transfer(int from, int to, long amount) {
    std::unique_lock<std::mutex> a(balancesMu_, std::defer_lock);
    std::unique_lock<std::mutex> b(journalMu_, std::defer_lock);
    std::lock(a, b);
    balances_[from] -= amount;
    balances_[to] += amount;
  }
  void deposit(int id, long amount) {
    std::lock(balancesMu_, journalMu_);
    std::lock_guard<std::mutex> a(balancesMu_, std::adopt_lock);
    std::lock_guard<std::mutex> b(journalMu_, std::adopt_lock);
    balances_[id] += amount;
  }
  long balance(int id) {
    std::lock_guard<std::mutex> lock(balancesMu_);
    return balances_[id];
  }

private:
  std::mutex balancesMu_, journalMu_;
  std::unordered_map<int, long> balances_;
};

class Peers {
public:
  void add(int fd, const std::string &peer) {
    pthread_mutex_lock(&mu_);
    peers_[fd] = peer;
    pthread_mutex_unlock(&mu_);
  }
  bool tryRemove(int fd) {
    if (pthread_mutex_trylock(&mu_) == 0) {
      peers_.erase(fd);
      pthread_mutex_unlock(&mu_);
      return true;
    }
    return false;
  }
  size_t count() const {
    pthread_mutex_lock(&mu_);
    const size_t n = peers_.size();
    pthread_mutex_unlock(&mu_);
    return n;
  }

private:
  mutable pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
  std::unordered_map<int, std::string> peers_;
};

// Threads that lock a global POSIX mutex around a global map.
static pthread_mutex_t countersMu = PTHREAD_MUTEX_INITIALIZER;
static std::unordered_map<std::string, int> counters;

void countInThreads() {
  std::thread a([] {
    pthread_mutex_lock(&countersMu);
    ++counters["a"];
    pthread_mutex_unlock(&countersMu);
  });
  std::thread b([] {
    pthread_mutex_lock(&countersMu);
    ++counters["b"];
    pthread_mutex_unlock(&countersMu);
  });
  a.join();
  b.join();
}

// A table filled once through std::call_once, then only read.
static std::unordered_map<int, std::string> codes;
static std::once_flag codesOnce;

static std::string codeName(int code) {
  std::call_once(codesOnce, [] {
    codes[200] = "OK";
    codes[404] = "Not Found";
  });
  auto it = codes.find(code);
  return it == codes.end() ? "" : it->second;
}

void lookUpInThreads() {
  std::thread a([] { (void)codeName(200); });
  std::thread b([] { (void)codeName(404); });
  a.join();
  b.join();
}

// A stop() that joins the worker, then clears the map: no other thread of the
// class runs any more, as in a destructor.
class Ingest {
public:
  void start() { worker_ = std::thread([this] { drain(); }); }
  void add(int id, std::string record) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_[id] = std::move(record);
  }
  void stop() {
    running_ = false;
    if (worker_.joinable())
      worker_.join();
    pending_.clear();
  }

private:
  void drain() {
    while (running_) {
      std::lock_guard<std::mutex> lock(mu_);
      pending_.erase(pending_.begin(), pending_.end());
    }
  }
  std::atomic<bool> running_{true};
  std::mutex mu_;
  std::map<int, std::string> pending_;
  std::thread worker_;
};

// A pool of member threads joined one by one, and a worker behind a
// pointer: what follows the joins runs alone.
class Crawler {
public:
  void start() {
    for (int i = 0; i < 4; ++i)
      threads_.emplace_back([this] { visit(); });
    indexer_ = new std::thread([this] { visit(); });
  }
  void stop() {
    for (std::thread &thread : threads_)
      thread.join();
    indexer_->join();
    delete indexer_;
    seen_.clear();
  }

private:
  void visit() {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.emplace(1, "root");
  }
  std::mutex mu_;
  std::map<int, std::string> seen_;
  std::vector<std::thread> threads_;
  std::thread *indexer_ = nullptr;
};
