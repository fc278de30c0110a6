// EXPECT: race
#include <atomic>
#include <string>
#include <thread>
#include <unordered_map>
class Dispatcher {
public:
  Dispatcher() : worker_([this] { loop(); }) {}
  ~Dispatcher() {
    stop_ = true;
    worker_.join();
  }
  void subscribe(const std::string &topic, int id) { subscribers_[topic] = id; }
private:
  void loop() {
    while (!stop_)
      subscribers_.erase("expired"); // RACE
  }
  std::unordered_map<std::string, int> subscribers_;
  std::atomic<bool> stop_{false};
  std::thread worker_;
};
