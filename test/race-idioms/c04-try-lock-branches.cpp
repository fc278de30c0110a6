// EXPECT: clean
#include <mutex>
#include <unordered_map>
class MetricsSink {
public:
  bool tryRecord(int key, double value) {
    if (mu_.try_lock()) {
      samples_[key] = value;
      mu_.unlock();
      return true;
    }
    return false;
  }
  bool tryDrop(int key) {
    std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
    if (!lock.owns_lock())
      return false;
    samples_.erase(key);
    return true;
  }
  bool tryClear() {
    if (!mu_.try_lock())
      return false;
    samples_.clear();
    mu_.unlock();
    return true;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return samples_.size();
  }
private:
  std::mutex mu_;
  std::unordered_map<int, double> samples_;
};
