// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// A member function that loads state and then starts the class's threads
// (an Open() or Start() called before the object is shared) runs alone until
// the first start: its accesses before it, and those of the helpers it alone
// calls there, are not judged against the guard. After the start, in code
// that takes locks, or once a thread of the class may run, they are.
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// A timer queue the project writes: its thread runs the jobs it is given.
class TimerQueue {
public:
  TimerQueue() : thread_([this] { run(); }) {}
  ~TimerQueue() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    thread_.join();
  }
  void add(int periodMs, std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back({periodMs, std::move(job)});
  }

private:
  void run() {
    for (;;) {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_)
        return;
      for (auto &job : jobs_)
        job.second();
    }
  }
  std::mutex mu_;
  bool stopping_ = false;
  std::vector<std::pair<int, std::function<void()>>> jobs_;
  std::thread thread_;
};

// Silent: RocksDB's BlobDBImpl::Open, which fills the file maps through a
// helper, then starts the background jobs through another helper.
class BlobStore {
public:
  bool open(const std::vector<int> &ids) {
    if (ids.empty())
      return false;
    loadAll(ids);
    newest_ = files_.empty() ? 0 : files_.rbegin()->first;
    if (background_)
      startBackgroundTasks();
    return true;
  }
  void add(int id, std::string path) {
    std::lock_guard<std::mutex> lock(mu_);
    files_[id] = std::move(path);
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mu_);
    return files_.size();
  }

private:
  void loadAll(const std::vector<int> &ids) {
    for (int id : ids)
      files_[id] = std::to_string(id) + ".blob";
  }
  void startBackgroundTasks() {
    timers_.add(100, std::bind(&BlobStore::reclaim, this));
  }
  void reclaim() {
    std::lock_guard<std::mutex> lock(mu_);
    files_.erase(newest_);
  }

  std::mutex mu_;
  std::map<int, std::string> files_;
  int newest_ = 0;
  bool background_ = true;
  TimerQueue timers_;
};

// Silent: a server that fills its routes, then starts its workers in a loop;
// the workers lock (a lock in the code started does not make it a reload).
class Router {
public:
  void start(int workers) {
    routes_["/"] = 0;
    routes_["/health"] = 1;
    for (int i = 0; i < workers; ++i)
      workers_.emplace_back([this] {
        std::lock_guard<std::mutex> lock(mu_);
        ++served_;
        serve();
      });
  }
  int route(const std::string &path) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = routes_.find(path);
    return it == routes_.end() ? -1 : it->second;
  }
  void stop() {
    for (std::thread &worker : workers_)
      worker.join();
  }

private:
  void serve() { routes_["/served"] = served_; }

  std::mutex mu_;
  int served_ = 0;
  std::map<std::string, int> routes_;
  std::vector<std::thread> workers_;
};

// Reported: the access after the start runs with the thread. (No fix for
// any below: the lambda the function starts calls code that locks.)
class Cache {
public:
  void start() {
    entries_[0] = 0;
    refresher_ = std::thread([this] { refresh(); });
    entries_[1] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'entries_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'start' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
  }
  int get(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_[key];
  }
  ~Cache() { refresher_.join(); }

private:
  void refresh() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
  }

  std::mutex mu_;
  std::map<int, int> entries_;
  std::thread refresher_;
};

// Reported: a function that takes the lock itself knows the object is shared
// already (a reload, not an open).
class Settings {
public:
  void reload() {
    values_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'values_' is modified without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'reload' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
    {
      std::lock_guard<std::mutex> lock(mu_);
      values_["mode"] = "fast";
    }
    watcher_ = std::thread([this] { watch(); });
  }
  std::string get(const std::string &key) {
    std::lock_guard<std::mutex> lock(mu_);
    return values_[key];
  }
  ~Settings() { watcher_.join(); }

private:
  void watch() {
    std::lock_guard<std::mutex> lock(mu_);
    values_["watched"] = "yes";
  }

  std::mutex mu_;
  std::map<std::string, std::string> values_;
  std::thread watcher_;
};

// Reported: the constructor starts a thread, so the object is shared before
// any start() is called.
class Registry {
public:
  Registry() : sweeper_([this] { sweep(); }) {}
  void start() {
    names_[0] = "first";
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'names_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'start' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
    poller_ = std::thread([this] { poll(); });
  }
  ~Registry() {
    sweeper_.join();
    poller_.join();
  }

private:
  void sweep() {
    std::lock_guard<std::mutex> lock(mu_);
    names_.clear();
  }
  void poll() {
    std::lock_guard<std::mutex> lock(mu_);
    names_[1] = "polled";
  }

  std::mutex mu_;
  std::map<int, std::string> names_;
  std::thread sweeper_;
  std::thread poller_;
};

// Reported: a function the class's own threads run (a handler that starts a
// helper thread) is not an open: other threads run it at any time.
class Dispatcher {
public:
  void run() {
    main_ = std::thread([this] { dispatch(); });
  }
  void dispatch() {
    pending_[0] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'pending_' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no fix: 'dispatch' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
    helper_ = std::thread([this] { drain(); });
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return pending_.size();
  }
  ~Dispatcher() {
    main_.join();
    helper_.join();
  }

private:
  void drain() {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.clear();
  }

  std::mutex mu_;
  std::map<int, int> pending_;
  std::thread main_;
  std::thread helper_;
};
