// EXPECT: clean
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
// Open() loads the index before it starts the compaction thread; from then
// on every access holds the mutex.
class Store {
public:
  bool Open(const std::vector<std::string> &files) {
    for (const std::string &file : files)
      LoadFile(file);
    compactor_ = std::thread(std::bind(&Store::Compact, this));
    return true;
  }
  void Put(const std::string &key, int value) {
    std::lock_guard<std::mutex> lock(mu_);
    index_[key] = value;
  }
  int Get(const std::string &key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = index_.find(key);
    return it == index_.end() ? -1 : it->second;
  }
  ~Store() {
    if (compactor_.joinable())
      compactor_.join();
  }
private:
  void LoadFile(const std::string &file) { index_[file] = 0; }
  void Compact() {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = index_.begin(); it != index_.end();)
      it = it->second < 0 ? index_.erase(it) : std::next(it);
  }
  std::mutex mu_;
  std::map<std::string, int> index_;
  std::thread compactor_;
};
