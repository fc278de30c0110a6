// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
struct Tally {
  std::unordered_map<std::string, int> byWord;
  int lines = 0;
};
Tally count(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  Tally tally;
  std::thread t1([&tally, &a] {
    for (const auto &w : a)
      ++tally.byWord[w]; // RACE
  });
  std::thread t2([&tally, &b] {
    for (const auto &w : b)
      ++tally.byWord[w];
  });
  t1.join();
  t2.join();
  return tally;
}
