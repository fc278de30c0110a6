// EXPECT: race
// Two mutexes taken together with std::scoped_lock; stats() forgets them.
#include <map>
#include <mutex>
#include <string>
class Router {
public:
  void addRoute(const std::string &path, int backend) {
    std::scoped_lock lock(routesMu_, statsMu_);
    routes_[path] = backend;
  }
  int route(const std::string &path) {
    std::scoped_lock lock(routesMu_, statsMu_);
    auto it = routes_.find(path);
    return it == routes_.end() ? -1 : it->second;
  }
  void drop(const std::string &path) {
    std::scoped_lock lock(routesMu_, statsMu_);
    routes_.erase(path);
  }
  size_t routeCount() const { return routes_.size(); } // RACE
private:
  mutable std::mutex routesMu_, statsMu_;
  std::map<std::string, int> routes_;
};
