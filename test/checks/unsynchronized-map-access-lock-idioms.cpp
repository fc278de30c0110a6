// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Locks taken in the ways services take them: try_lock, std::lock over
// deferred lock objects, POSIX mutexes, helpers documented or annotated as
// requiring the lock, a guard object that keeps a lock as a member. The
// accesses that hold the lock count for the guard; the one that forgets it
// is reported.
#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <pthread.h>
#include <string>
#include <thread>
#include <unordered_map>

// try_lock holds the mutex where it succeeded.
class Samples {
public:
  bool tryRecord(int key, double value) {
    if (!mu_.try_lock())
      return false;
    samples_[key] = value;
    mu_.unlock();
    return true;
  }
  void record(int key, double value) {
    std::lock_guard<std::mutex> lock(mu_);
    samples_[key] = value;
  }
  void reset() { samples_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: {{warning|error}}: 'samples_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void reset() { std::lock_guard<std::mutex> lock(mu_); samples_.clear(); }{{$}}

private:
  std::mutex mu_;
  std::unordered_map<int, double> samples_;
};

// A helper whose comment says the caller holds the lock.
class BlockCache {
public:
  void insert(int block, std::string data) {
    std::lock_guard<std::mutex> lock(mutex_);
    insertLocked(block, std::move(data));
  }
  // Requires that mutex_ is held.
  void insertLocked(int block, std::string data) {
    blocks_[block] = std::move(data);
  }
  size_t debugSize() { return blocks_.size(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'blocks_' is read without holding 'mutex_'; 1 of 2 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  size_t debugSize() { std::lock_guard<std::mutex> lock(mutex_); return blocks_.size(); }{{$}}

private:
  std::mutex mutex_;
  std::unordered_map<int, std::string> blocks_;
};

// A helper annotated as requiring the lock.
class Routes {
public:
  void add(const std::string &path, int backend) {
    std::lock_guard<std::mutex> lock(mu_);
    addLocked(path, backend);
  }
  void addLocked(const std::string &path, int backend)
      __attribute__((exclusive_locks_required(mu_))) {
    routes_[path] = backend;
  }
  void clear() { routes_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: {{warning|error}}: 'routes_' is modified without holding 'mu_'; 1 of 2 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void clear() { std::lock_guard<std::mutex> lock(mu_); routes_.clear(); }{{$}}

private:
  std::mutex mu_;
  std::map<std::string, int> routes_;
};

// A guard object that keeps the lock as a member.
class Batch {
public:
  explicit Batch(std::mutex &mu) : hold_(mu) {}
  int written = 0;

private:
  std::lock_guard<std::mutex> hold_;
};

class KvStore {
public:
  void put(const std::string &k, const std::string &v) {
    Batch batch(mu_);
    data_[k] = v;
    ++batch.written;
  }
  std::string get(const std::string &k) {
    Batch batch(mu_);
    return data_[k];
  }
  void wipe() { data_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:17: {{warning|error}}: 'data_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void wipe() { std::lock_guard<std::mutex> lock(mu_); data_.clear(); }{{$}}

private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> data_;
};

// std::lock over two deferred lock objects.
class Accounts {
public:
  void transfer(int from, int to, long amount) {
    std::unique_lock<std::mutex> a(balancesMu_, std::defer_lock);
    std::unique_lock<std::mutex> b(journalMu_, std::defer_lock);
    std::lock(a, b);
    balances_[from] -= amount;
    balances_[to] += amount;
  }
  long balance(int id) {
    std::lock_guard<std::mutex> lock(balancesMu_);
    return balances_[id];
  }
  void close(int id) { balances_.erase(id); }
  // CHECK-MESSAGES: :[[@LINE-1]]:24: {{warning|error}}: 'balances_' is modified without holding 'balancesMu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void close(int id) { std::lock_guard<std::mutex> lock(balancesMu_); balances_.erase(id); }{{$}}

private:
  std::mutex balancesMu_, journalMu_;
  std::unordered_map<int, long> balances_;
};

// A POSIX mutex member: std::lock_guard cannot hold it, so no fix.
class Peers {
public:
  void add(int fd, const std::string &peer) {
    pthread_mutex_lock(&mu_);
    peers_[fd] = peer;
    pthread_mutex_unlock(&mu_);
  }
  bool tryRemove(int fd) {
    if (pthread_mutex_trylock(&mu_) != 0)
      return false;
    peers_.erase(fd);
    pthread_mutex_unlock(&mu_);
    return true;
  }
  size_t count() const { return peers_.size(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: {{warning|error}}: 'peers_' is read without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no fix: 'mu_' has no lock() and unlock() for std::lock_guard

private:
  mutable pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
  std::unordered_map<int, std::string> peers_;
};

// C-style names: a mutex class `mutex_t` and its guard `scoped_lock_t`. The
// forgetful function holds another mutex: a lock added there would nest the
// two in an order the rest of the program may reverse, so no fix.
class mutex_t {
public:
  void lock() { pthread_mutex_lock(&mu_); }
  void unlock() { pthread_mutex_unlock(&mu_); }

private:
  pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
};

struct scoped_lock_t {
  explicit scoped_lock_t(mutex_t &m) : m_(m) { m_.lock(); }
  ~scoped_lock_t() { m_.unlock(); }
  mutex_t &m_;
};

class ctx_t {
public:
  void pend(const std::string &addr, int socket) {
    scoped_lock_t locker(endpoints_sync_);
    pending_.emplace(addr, socket);
  }
  void connect(const std::string &addr) {
    scoped_lock_t locker(endpoints_sync_);
    pending_.erase(addr);
  }
  size_t terminate() {
    slot_sync_.lock();
    const size_t pending = pending_.size();
    // CHECK-MESSAGES: :[[@LINE-1]]:28: {{warning|error}}: 'pending_' is read without holding 'endpoints_sync_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:28: note: no fix: 'terminate' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'endpoints_sync_' there too could deadlock
    slot_sync_.unlock();
    return pending;
  }

private:
  mutex_t slot_sync_, endpoints_sync_;
  std::multimap<std::string, int> pending_;
};

// A stop() that clears the map before it joins the worker: the worker may
// still take the lock, and a lock held across the join would never be
// released to it.
class Ingest {
public:
  void start() { worker_ = std::thread([this] { drain(); }); }
  void add(int id, std::string record) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_[id] = std::move(record);
  }
  void stop() {
    running_ = false;
    pending_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'pending_' is modified without holding 'mu_'; 4 of 5 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'stop' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
    worker_.join();
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

// A stop() that stops a service whose body another file holds, then clears
// the map: the service's thread may still be running there and take the lock,
// so a lock held across the call could deadlock.
class RunnableService {
public:
  void StopIOService();
};

class Server : public RunnableService {
public:
  void onPacket(int endpoint) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.erase(endpoint);
  }
  void connect(int endpoint, std::string peer) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_[endpoint] = std::move(peer);
  }
  void Stop() {
    StopIOService();
    pending_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'pending_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'Stop' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
  }

private:
  std::mutex mu_;
  std::map<int, std::string> pending_;
};

// A function that waits for a task of its own, then writes the map: other
// callers of the class's functions still run, so the write races with them.
// Only waiting for the class's own threads (a member) ends the sharing.
class Prices {
public:
  void set(int id, double price) {
    std::lock_guard<std::mutex> lock(mu_);
    prices_[id] = price;
  }
  void refresh(int id) {
    auto quote = std::async(std::launch::async, [id] { return id * 1.5; });
    const double price = quote.get();
    prices_[id] = price;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'prices_' is modified without holding 'mu_'; 1 of 2 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'refresh' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
  }

private:
  std::mutex mu_;
  std::map<int, double> prices_;
};

// A thread started while the lock is held does not hold it: the lambda runs
// on its own, and what it calls does too.
class Poller {
public:
  void start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (running_)
      return;
    running_ = true;
    thread_ = std::thread([this] { poll(); });
  }
  int seen(int fd) {
    std::lock_guard<std::mutex> lock(mu_);
    return events_.count(fd) ? events_[fd] : 0;
  }
  void record(int fd) {
    std::lock_guard<std::mutex> lock(mu_);
    ++events_[fd];
  }
  ~Poller() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  void poll() {
    for (int fd = 0; fd < 8; ++fd)
      ++events_[fd];
    // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'events_' is modified without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  }
  // CHECK-FIXES: {{^}}  void poll() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> lock(mu_);{{$}}

  std::mutex mu_;
  bool running_ = false;
  std::map<int, int> events_;
  std::thread thread_;
};
