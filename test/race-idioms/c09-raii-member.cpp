// EXPECT: clean
#include <mutex>
#include <string>
#include <unordered_map>
class Batch {
public:
  explicit Batch(std::mutex &mu) : hold_(mu) {}
  int written = 0;
private:
  std::unique_lock<std::mutex> hold_;
};
class KvStore {
public:
  void putMany(const std::unordered_map<std::string, std::string> &kvs) {
    Batch batch(mu_);
    for (const auto &kv : kvs) {
      data_[kv.first] = kv.second;
      ++batch.written;
    }
  }
  std::string get(const std::string &k) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = data_.find(k);
    return it == data_.end() ? "" : it->second;
  }
  void wipe() {
    Batch batch(mu_);
    data_.clear();
  }
  size_t size() {
    Batch batch(mu_);
    return data_.size();
  }
private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> data_;
};
