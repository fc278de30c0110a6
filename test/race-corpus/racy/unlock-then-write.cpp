// Manual locking: the lock is released before the write it was taken for.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Counter {
public:
  void bump(const std::string &key) {
    mu_.lock();
    const int value = counts_[key];
    mu_.unlock();
    counts_[key] = value + 1;
  }
  int get(const std::string &key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = counts_.find(key);
    return it == counts_.end() ? 0 : it->second;
  }

private:
  std::mutex mu_;
  std::unordered_map<std::string, int> counts_;
};

int main() {
  Counter counter;
  std::thread a([&counter] {
    for (int i = 0; i < 1000; ++i)
      counter.bump("k" + std::to_string(i % 7));
  });
  std::thread b([&counter] {
    for (int i = 0; i < 1000; ++i)
      counter.bump("k" + std::to_string(i % 7));
  });
  a.join();
  b.join();
  std::printf("%d\n", counter.get("k1") > 0);
}
