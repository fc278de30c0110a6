// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
class Indexer {
public:
  explicit Indexer(std::unordered_map<std::string, int> &index) : index_(index) {}
  void operator()(const std::vector<std::string> &words) {
    for (const auto &w : words)
      ++index_[w]; // RACE
  }
private:
  std::unordered_map<std::string, int> &index_;
};
int build(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  std::unordered_map<std::string, int> index;
  std::thread t1(Indexer(index), std::cref(a));
  std::thread t2(Indexer(index), std::cref(b));
  t1.join();
  t2.join();
  return static_cast<int>(index.size());
}
