// EXPECT: race
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
struct Routes {
  std::unordered_map<std::string, int> portOf;
};
int route(const std::string &name) {
  auto routes = std::make_shared<Routes>();
  routes->portOf["api"] = 8080;
  std::thread worker([routes, name] {
    auto it = routes->portOf.find(name); // RACE
    (void)it;
  });
  routes->portOf["admin"] = 9090;
  worker.join();
  return routes->portOf.at("api");
}
