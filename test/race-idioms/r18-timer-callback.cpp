// EXPECT: race
// A timer callback clears the cache on the io thread while callers insert.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>
class TtlCache {
public:
  TtlCache() : timer_(io_) {
    arm();
    ioThread_ = std::thread([this] { io_.run(); });
  }
  ~TtlCache() {
    io_.stop();
    ioThread_.join();
  }
  void put(const std::string &k, std::string v) { entries_[k] = std::move(v); }
private:
  void arm() {
    timer_.expires_after(std::chrono::seconds(30));
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec) return;
      entries_.clear(); // RACE
      arm();
    });
  }
  boost::asio::io_context io_;
  boost::asio::steady_timer timer_;
  std::unordered_map<std::string, std::string> entries_;
  std::thread ioThread_;
};
