// EXPECT: race
#include <mutex>
#include <unordered_map>
class MetricsSink {
public:
  bool tryRecord(int key, double value) {
    if (!mu_.try_lock())
      return false;
    samples_[key] = value;
    mu_.unlock();
    return true;
  }
  void record(int key, double value) {
    std::lock_guard<std::mutex> lock(mu_);
    samples_[key] = value;
  }
  void flushTo(std::unordered_map<int, double> &out) {
    std::lock_guard<std::mutex> lock(mu_);
    out.swap(samples_);
  }
  void reset() { samples_.clear(); } // RACE
private:
  std::mutex mu_;
  std::unordered_map<int, double> samples_;
};
