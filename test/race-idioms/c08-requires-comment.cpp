// EXPECT: clean
#include <mutex>
#include <string>
#include <unordered_map>
class BlockCache {
public:
  void insert(int block, std::string data) {
    std::lock_guard<std::mutex> lock(mutex_);
    insertLocked(block, std::move(data));
  }
  // REQUIRES: mutex_ is held.
  void insertLocked(int block, std::string data) {
    blocks_[block] = std::move(data);
    if (blocks_.size() > 1024)
      evictOneLocked();
  }
  bool has(int block) {
    std::lock_guard<std::mutex> lock(mutex_);
    return blocks_.count(block) != 0;
  }
protected:
  /// Caller must hold mutex_.
  void evictOneLocked() { blocks_.erase(blocks_.begin()); }
private:
  std::mutex mutex_;
  std::unordered_map<int, std::string> blocks_;
};
