// EXPECT: clean
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
  int pending() const { return pending_.load(); }
private:
  void loop() {
    while (!stop_) {
      scratch_["tick"]++;
      pending_ = static_cast<int>(scratch_.size());
    }
  }
  std::unordered_map<std::string, int> scratch_;
  std::atomic<int> pending_{0};
  std::atomic<bool> stop_{false};
  std::thread worker_;
};
