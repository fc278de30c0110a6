// EXPECT: race
#include <mutex>
#include <string>
#include <unordered_map>
// Holds the store's lock for the lifetime of a batch.
class Batch {
public:
  explicit Batch(std::mutex &mu) : hold_(mu) {}
  int written = 0;
private:
  std::lock_guard<std::mutex> hold_;
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
  void put(const std::string &k, const std::string &v) {
    Batch batch(mu_);
    data_[k] = v;
  }
  std::string get(const std::string &k) {
    Batch batch(mu_);
    return data_[k];
  }
  void wipe() { data_.clear(); } // RACE
private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> data_;
};
