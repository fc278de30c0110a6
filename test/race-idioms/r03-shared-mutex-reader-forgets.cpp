// EXPECT: race
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
  void remove(const std::string &key) {
    std::unique_lock lock{mu_};
    values_.erase(key);
  }
  bool contains(const std::string &key) const {
    return values_.find(key) != values_.end(); // RACE
  }
private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::string> values_;
};
