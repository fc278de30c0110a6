// EXPECT: clean
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
class Resolver {
public:
  Resolver() : impl_(std::make_unique<Impl>()) {}
  void remember(const std::string &host, const std::string &addr) {
    std::lock_guard<std::mutex> lock(mu_);
    impl_->cache_[host] = addr;
  }
  std::string lookup(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = impl_->cache_.find(host);
    return it == impl_->cache_.end() ? std::string() : it->second;
  }
  void forget(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    impl_->cache_.erase(host);
  }
  // Another Impl's map: not the one mu_ guards.
  static void seed(Resolver &r) { r.impl_->cache_["localhost"] = "127.0.0.1"; }
private:
  struct Impl {
    std::unordered_map<std::string, std::string> cache_;
  };
  std::mutex mu_;
  std::unique_ptr<Impl> impl_;
};
