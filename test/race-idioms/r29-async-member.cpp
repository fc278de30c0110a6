// EXPECT: race
#include <future>
#include <string>
#include <unordered_map>
#include <vector>
class Prefetcher {
public:
  void start(std::vector<std::string> keys) {
    keys_ = std::move(keys);
    pending_ = std::async(std::launch::async, &Prefetcher::fetchAll, this);
  }
  void put(const std::string &k, std::string v) { cache_[k] = std::move(v); }
private:
  void fetchAll() {
    for (const auto &k : keys_)
      cache_[k] = "value-of-" + k; // RACE
  }
  std::vector<std::string> keys_;
  std::unordered_map<std::string, std::string> cache_;
  std::future<void> pending_;
};
