// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Asio completion handlers run on the threads that run their I/O context:
// where one of the unit's threads runs it, a handler is a thread start. One
// such thread runs the handlers one at a time; several run them at once.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}

// The timer's handler clears the cache on the I/O thread while callers put.
class ExpiringCache {
public:
  ExpiringCache() : timer_(io_) {
    arm();
    ioThread_ = std::thread([this] { io_.run(); });
  }
  ~ExpiringCache() {
    io_.stop();
    ioThread_.join();
  }
  void put(const std::string &key, std::string value) {
    entries_[key] = std::move(value);
    // CHECK-FIXES: {{^}}    entries_.insert_or_assign(key, std::move(value));{{$}}
  }

private:
  void arm() {
    timer_.expires_after(std::chrono::seconds(30));
    timer_.async_wait([this](const boost::system::error_code &error) {
      if (error)
        return;
      entries_.clear();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'entries_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
      // CHECK-MESSAGES: :[[@LINE-12]]:5: note: concurrent access here
      arm();
    });
  }
  boost::asio::io_context io_;
  boost::asio::steady_timer timer_;
  std::unordered_map<std::string, std::string> entries_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, std::string> entries_;{{$}}
  std::thread ioThread_;
};

// Four threads run the context; a public member function reads the counts.
class Sampler {
public:
  Sampler() : timer_(io_) {
    timer_.expires_after(std::chrono::milliseconds(1));
    timer_.async_wait([this](const boost::system::error_code &) { ++ticks_["fast"]; });
    // CHECK-MESSAGES: :[[@LINE-1]]:69: {{warning|error}}: 'ticks_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+10]]:12: note: concurrent access here
    // CHECK-FIXES: {{^}}    timer_.async_wait([this](const boost::system::error_code &) { ticks_.upsert("fast", [](auto& value) { ++value; }); });{{$}}
    for (int i = 0; i < 4; ++i)
      runners_.emplace_back([this] { io_.run(); });
  }
  ~Sampler() {
    for (std::thread &runner : runners_)
      runner.join();
  }
  bool ticked() const {
    return ticks_.count("fast") != 0;
    // CHECK-FIXES: {{^}}    return ticks_.contains("fast");{{$}}
  }

private:
  boost::asio::io_context io_;
  boost::asio::steady_timer timer_;
  std::unordered_map<std::string, int> ticks_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> ticks_;{{$}}
  std::vector<std::thread> runners_;
};

// Silent: one thread runs the handlers, and nothing else touches the map.
class Heartbeat {
public:
  Heartbeat() : first_(io_), second_(io_) {
    first_.expires_after(std::chrono::milliseconds(1));
    first_.async_wait([this](const boost::system::error_code &) { ++beats_[1]; });
    second_.expires_after(std::chrono::milliseconds(2));
    second_.async_wait([this](const boost::system::error_code &) { ++beats_[2]; });
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Heartbeat() { thread_.join(); }

private:
  boost::asio::io_context io_;
  boost::asio::steady_timer first_;
  boost::asio::steady_timer second_;
  std::unordered_map<int, int> beats_;
  std::thread thread_;
};

// Silent: the caller's thread runs the context, so the handler and the public
// member functions run on one thread.
class Poller {
public:
  Poller() : timer_(io_) {}
  void runOnce() {
    timer_.expires_after(std::chrono::milliseconds(1));
    timer_.async_wait([this](const boost::system::error_code &) { ++polls_[1]; });
    io_.run();
  }
  int polls() { return polls_[1]; }

private:
  boost::asio::io_context io_;
  boost::asio::steady_timer timer_;
  std::unordered_map<int, int> polls_;
};
