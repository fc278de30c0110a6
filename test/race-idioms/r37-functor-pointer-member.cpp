// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
struct Stats {
  std::unordered_map<std::string, int> hits;
};
class Scanner {
public:
  explicit Scanner(Stats *stats) : stats_(stats) {}
  void operator()(const std::vector<std::string> &paths) {
    for (const auto &p : paths)
      ++stats_->hits[p]; // RACE
  }
private:
  Stats *stats_;
};
int scan(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  Stats stats;
  std::thread t1(Scanner(&stats), std::cref(a));
  std::thread t2(Scanner(&stats), std::cref(b));
  t1.join();
  t2.join();
  return static_cast<int>(stats.hits.size());
}
