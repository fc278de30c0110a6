// EXPECT: race
#include <mutex>
#include <string>
#include <unordered_map>
class Service {
public:
  void onRequest(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.byRoute[route];
  }
  int requests(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    return stats_.byRoute[route];
  }
  void onError(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.errorsByRoute[route];
  }
  void resetStats() { stats_.byRoute.clear(); } // RACE
private:
  struct Stats {
    std::unordered_map<std::string, int> byRoute;
    std::unordered_map<std::string, int> errorsByRoute;
  };
  std::mutex mu_;
  Stats stats_;
};
