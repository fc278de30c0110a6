// EXPECT: clean
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
struct Tally {
  std::unordered_map<std::string, int> byWord;
  std::unordered_map<std::string, int> byPrefix;
};
int count(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  Tally seed;
  seed.byWord["total"] = 0;
  // Each thread works on its own copy of the struct.
  std::thread t1([seed, &a]() mutable {
    for (const auto &w : a)
      ++seed.byWord[w];
  });
  std::thread t2([seed, &b]() mutable {
    for (const auto &w : b)
      ++seed.byWord[w];
  });
  // Two threads, two different maps of one struct.
  Tally shared;
  std::thread t3([&shared, &a] { shared.byWord[a.front()] = 1; });
  std::thread t4([&shared, &b] { shared.byPrefix[b.front()] = 1; });
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  return static_cast<int>(shared.byWord.size() + shared.byPrefix.size());
}
