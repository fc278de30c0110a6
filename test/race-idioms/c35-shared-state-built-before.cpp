// EXPECT: clean
#include <future>
#include <memory>
#include <string>
#include <unordered_map>
struct Routes {
  std::unordered_map<std::string, int> portOf;
};
int route(const std::string &a, const std::string &b) {
  auto routes = std::make_shared<Routes>();
  routes->portOf["api"] = 8080;
  routes->portOf["admin"] = 9090;
  // Built before the tasks start; they only read it.
  auto fa = std::async(std::launch::async, [routes, a] {
    auto it = routes->portOf.find(a);
    return it == routes->portOf.end() ? 0 : it->second;
  });
  auto fb = std::async(std::launch::async, [routes, b] {
    return routes->portOf.count(b) ? routes->portOf.at(b) : 0;
  });
  return fa.get() + fb.get();
}
