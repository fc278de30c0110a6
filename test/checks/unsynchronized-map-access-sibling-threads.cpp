// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Two threads a class starts on `this` in one function run together: a map
// member that one of them writes and the other touches, neither locking, is
// a race even when no public member function touches the map.
#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

// A producer and a consumer started by the constructor.
class Pipeline {
public:
  Pipeline() : producer_([this] { produce(); }), consumer_([this] { consume(); }) {}
  ~Pipeline() {
    producer_.join();
    consumer_.join();
  }

private:
  void produce() {
    for (int i = 0; i < 100; ++i)
      pending_[i] = i * i;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'pending_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+5]]:7: note: concurrent access here
    // CHECK-FIXES: {{^}}      pending_.insert_or_assign(i, i * i);{{$}}
  }
  void consume() {
    for (int i = 0; i < 100; ++i)
      pending_.erase(i);
  }
  std::unordered_map<int, int> pending_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> pending_;{{$}}
  std::thread producer_;
  std::thread consumer_;
};

// A member function and a lambda started by start(); the reader comes first.
class Sessions {
public:
  void start() {
    reporter_ = std::thread(&Sessions::report, this);
    acceptor_ = std::thread([this] {
      for (int id = 0; id < 10; ++id)
        open_[std::to_string(id)] = id;
      // CHECK-FIXES: {{^}}        open_.insert_or_assign(std::to_string(id), id);{{$}}
    });
  }
  void stop() {
    reporter_.join();
    acceptor_.join();
  }

private:
  void report() {
    for (const auto &[name, id] : open_)
      last_ = id;
    // CHECK-MESSAGES: :[[@LINE-2]]:35: {{warning|error}}: 'open_' is read by a thread without synchronization while another thread modifies it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-14]]:9: note: concurrent access here
    // CHECK-FIXES: {{^}}    for (const auto &[name, id] : open_.snapshot()){{$}}
  }
  std::unordered_map<std::string, int> open_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> open_;{{$}}
  int last_ = 0;
  std::thread reporter_;
  std::thread acceptor_;
};

// Both threads run one helper that writes.
class Counters {
public:
  Counters()
      : left_([this] { count("left"); }), right_([this] { count("right"); }) {}
  ~Counters() {
    left_.join();
    right_.join();
  }

private:
  void count(const std::string &side) { ++hits_[side]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: {{warning|error}}: 'hits_' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-9]]:43: note: another thread running it is started here
  // CHECK-FIXES: {{^}}  void count(const std::string &side) { hits_.upsert(side, [](auto& value) { ++value; }); }{{$}}
  std::unordered_map<std::string, long> hits_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, long> hits_;{{$}}
  std::thread left_;
  std::thread right_;
};

// Silent: the first thread is joined before the second starts.
class Phases {
public:
  void run() {
    first_ = std::thread([this] { table_[1] = 1; });
    first_.join();
    second_ = std::thread([this] { table_.erase(1); });
    second_.join();
  }

private:
  std::unordered_map<int, int> table_;
  std::thread first_;
  std::thread second_;
};

// Silent: the server waits until the loader has published the table.
class Loader {
public:
  Loader()
      : loader_([this] {
          table_["a"] = 1;
          ready_.store(true, std::memory_order_release);
        }),
        server_([this] {
          while (!ready_.load(std::memory_order_acquire))
            std::this_thread::yield();
          total_ = table_.at("a");
        }) {}
  ~Loader() {
    loader_.join();
    server_.join();
  }

private:
  std::atomic<bool> ready_{false};
  std::unordered_map<std::string, int> table_;
  int total_ = 0;
  std::thread loader_;
  std::thread server_;
};

// Silent: the same through a promise and its future.
class Warmup {
public:
  void start() {
    builder_ = std::thread([this] {
      index_[7] = 49;
      built_.set_value();
    });
    user_ = std::thread([this] {
      built_.get_future().wait();
      found_ = index_.count(7);
    });
  }
  void stop() {
    builder_.join();
    user_.join();
  }

private:
  std::promise<void> built_;
  std::unordered_map<int, int> index_;
  std::size_t found_ = 0;
  std::thread builder_;
  std::thread user_;
};

// Silent: both threads lock.
class LockedPipeline {
public:
  LockedPipeline()
      : producer_([this] {
          std::lock_guard<std::mutex> lock(mutex_);
          pending_[1] = 1;
        }),
        consumer_([this] {
          std::lock_guard<std::mutex> lock(mutex_);
          pending_.erase(1);
        }) {}
  ~LockedPipeline() {
    producer_.join();
    consumer_.join();
  }

private:
  std::mutex mutex_;
  std::unordered_map<int, int> pending_;
  std::thread producer_;
  std::thread consumer_;
};

// Silent: both threads only read a table filled before they start.
class Readers {
public:
  Readers() {
    names_[1] = "one";
    a_ = std::thread([this] { a_found_ = names_.count(1); });
    b_ = std::thread([this] { b_found_ = names_.count(2); });
  }
  ~Readers() {
    a_.join();
    b_.join();
  }

private:
  std::unordered_map<int, std::string> names_;
  std::size_t a_found_ = 0, b_found_ = 0;
  std::thread a_;
  std::thread b_;
};
