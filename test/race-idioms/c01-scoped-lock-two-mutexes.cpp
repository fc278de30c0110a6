// EXPECT: clean
#include <map>
#include <mutex>
#include <string>
class Router {
public:
  void addRoute(const std::string &path, int backend) {
    std::scoped_lock lock(routesMu_, statsMu_);
    routes_[path] = backend;
    ++hits_[path];
  }
  int route(const std::string &path) {
    std::scoped_lock lock{routesMu_, statsMu_};
    ++hits_[path];
    auto it = routes_.find(path);
    return it == routes_.end() ? -1 : it->second;
  }
  size_t routeCount() const {
    std::scoped_lock lock(routesMu_);
    return routes_.size();
  }
  int hitsOf(const std::string &path) const {
    std::lock_guard<std::mutex> lock(statsMu_);
    auto it = hits_.find(path);
    return it == hits_.end() ? 0 : it->second;
  }
private:
  mutable std::mutex routesMu_, statsMu_;
  std::map<std::string, int> routes_;
  std::map<std::string, int> hits_;
};
