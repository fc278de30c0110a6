// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Task queues a project writes itself: a member function of a class that owns
// worker threads, which keeps the callable it is given instead of calling it,
// hands it to those threads, whatever the class and the function are named.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

class Dispatcher {
public:
  explicit Dispatcher(int workers) {
    for (int i = 0; i < workers; ++i)
      workers_.emplace_back([this] { drain(); });
  }
  ~Dispatcher() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread &worker : workers_)
      worker.join();
  }
  void deliver(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }
  // Runs the probe on the caller's thread.
  void inspect(const std::function<void(std::size_t)> &probe) {
    std::lock_guard<std::mutex> lock(mutex_);
    probe(jobs_.size());
  }

private:
  void drain() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty())
          return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// One thread behind a pointer; the callback is a template parameter.
class Ticker {
public:
  Ticker() : thread_(std::make_unique<std::thread>([this] { run(); })) {}
  ~Ticker() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    thread_->join();
  }
  template <class Callback> void onTick(Callback &&callback) {
    std::lock_guard<std::mutex> lock(mutex_);
    callbacks_.emplace_back(std::forward<Callback>(callback));
  }

private:
  void run() {
    for (;;) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_)
        return;
      for (auto &callback : callbacks_)
        callback();
    }
  }
  std::mutex mutex_;
  bool stopping_ = false;
  std::vector<std::function<void()>> callbacks_;
  std::unique_ptr<std::thread> thread_;
};

// Defined in another file: a std::function taken by value is kept.
class Uplink {
public:
  void send(std::function<void()> done);
  void visit(const std::function<void()> &visitor);

private:
  std::vector<std::thread> senders_;
};

int rendered(Dispatcher &dispatcher) {
  std::unordered_map<int, std::string> pages;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, std::string> pages;{{$}}
  for (int i = 0; i < 8; ++i)
    dispatcher.deliver([&pages, i] { pages[i] = std::to_string(i); });
  // CHECK-MESSAGES: :[[@LINE-1]]:38: {{warning|error}}: 'pages' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the thread is started in a loop
  // CHECK-FIXES: {{^}}    dispatcher.deliver([&pages, i] { pages.insert_or_assign(i, std::to_string(i)); });{{$}}
  return 0;
}

int ticks(Ticker &ticker) {
  std::unordered_map<std::string, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> counts;{{$}}
  ticker.onTick([&counts] { ++counts["tick"]; });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'counts' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: concurrent access here
  // CHECK-FIXES: {{^}}  ticker.onTick([&counts] { counts.upsert("tick", [](auto& value) { ++value; }); });{{$}}
  return counts.count("tick") ? 1 : 0;
}

int sent(Uplink &uplink) {
  std::unordered_map<int, bool> acked;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, bool> acked;{{$}}
  uplink.send([&acked] { acked[1] = true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: {{warning|error}}: 'acked' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:27: note: concurrent access here
  // CHECK-FIXES: {{^}}  uplink.send([&acked] { acked.insert_or_assign(1, true); });{{$}}
  return static_cast<int>(acked.size());
}

// A member function bound to `this` runs on the queue's threads, as a lambda
// calling it would (RocksDB's `tqueue_.add(std::bind(&C::f, this, _1))`).
class Crawler {
public:
  explicit Crawler(Dispatcher &dispatcher) : dispatcher_(dispatcher) {}
  void crawl(int page) {
    dispatcher_.deliver(std::bind(&Crawler::fetch, this, page));
  }
  std::size_t fetched() const { return pages_.size(); }

private:
  void fetch(int page) { pages_[page] = std::to_string(page); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: {{warning|error}}: 'pages_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-5]]:40: note: concurrent access here
  // CHECK-FIXES: {{^}}  void fetch(int page) { pages_.insert_or_assign(page, std::to_string(page)); }{{$}}
  Dispatcher &dispatcher_;
  std::unordered_map<int, std::string> pages_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, std::string> pages_;{{$}}
};

// The same, with the bound function kept in a local first.
class Indexer {
public:
  explicit Indexer(Dispatcher &dispatcher) : dispatcher_(dispatcher) {}
  void add(int doc) {
    std::function<void()> job = std::bind(&Indexer::index, this, doc);
    dispatcher_.deliver(job);
  }
  bool indexed(int doc) const { return terms_.count(doc) != 0; }

private:
  void index(int doc) { terms_[doc] = "doc" + std::to_string(doc); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: {{warning|error}}: 'terms_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-5]]:40: note: concurrent access here
  // CHECK-FIXES: {{^}}  void index(int doc) { terms_.insert_or_assign(doc, "doc" + std::to_string(doc)); }{{$}}
  Dispatcher &dispatcher_;
  std::unordered_map<int, std::string> terms_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, std::string> terms_;{{$}}
};

// Silent: callables run on the caller's thread, or by a class without threads,
// or tasks that lock.
int inspected(Dispatcher &dispatcher, Uplink &uplink) {
  std::unordered_map<std::string, std::size_t> sizes;
  dispatcher.inspect([&sizes](std::size_t n) { sizes["jobs"] = n; });
  uplink.visit([&sizes] { sizes["visits"] = 1; });
  return static_cast<int>(sizes.size());
}

class Registry {
public:
  void add(std::function<void()> hook) { hooks_.push_back(std::move(hook)); }

private:
  std::vector<std::function<void()>> hooks_;
};

int registered(Registry &registry) {
  std::unordered_map<int, int> calls;
  registry.add([&calls] { ++calls[1]; });
  return calls[1];
}

int lockedJobs(Dispatcher &dispatcher) {
  std::unordered_map<int, int> squares;
  std::mutex squaresMutex;
  for (int i = 0; i < 8; ++i)
    dispatcher.deliver([&, i] {
      std::lock_guard<std::mutex> lock(squaresMutex);
      squares[i] = i * i;
    });
  std::lock_guard<std::mutex> lock(squaresMutex);
  return static_cast<int>(squares.size());
}
