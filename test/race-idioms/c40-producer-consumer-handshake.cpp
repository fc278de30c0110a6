// EXPECT: clean
#include <atomic>
#include <string>
#include <thread>
#include <unordered_map>
// The server thread starts reading once the loader has published the table.
class Relay {
public:
  void start() {
    loader_ = std::thread([this] {
      for (int id = 0; id < 1000; ++id)
        routes_[id] = "peer-" + std::to_string(id);
      loaded_.store(true, std::memory_order_release);
    });
    server_ = std::thread([this] {
      while (!loaded_.load(std::memory_order_acquire))
        std::this_thread::yield();
      served_ = routes_.size();
    });
  }
  void stop() {
    loader_.join();
    server_.join();
  }
private:
  std::atomic<bool> loaded_{false};
  std::unordered_map<int, std::string> routes_;
  std::size_t served_ = 0;
  std::thread loader_;
  std::thread server_;
};
