// EXPECT: clean
#include <shared_mutex>
#include <mutex>
#include <string>
#include <unordered_map>
class ConfigStore {
public:
  std::string get(const std::string &key) const {
    std::shared_lock lock{mu_};
    auto it = values_.find(key);
    return it == values_.end() ? "" : it->second;
  }
  void set(const std::string &key, std::string value) {
    std::unique_lock lock{mu_};
    values_[key] = std::move(value);
  }
  bool contains(const std::string &key) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return values_.find(key) != values_.end();
  }
  size_t size() const {
    mu_.lock_shared();
    size_t n = values_.size();
    mu_.unlock_shared();
    return n;
  }
private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::string> values_;
};
