// EXPECT: clean
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
class Indexer {
public:
  explicit Indexer(std::unordered_map<std::string, int> &index) : index_(index) {}
  void operator()(const std::vector<std::string> &words) {
    for (const auto &w : words)
      ++index_[w];
  }
private:
  std::unordered_map<std::string, int> &index_;
};
int build(const std::vector<std::string> &a, const std::vector<std::string> &b) {
  std::unordered_map<std::string, int> left, right;
  std::thread t1(Indexer(left), std::cref(a));
  std::thread t2(Indexer(right), std::cref(b));
  t1.join();
  t2.join();
  for (const auto &kv : right)
    left[kv.first] += kv.second;
  return static_cast<int>(left.size());
}
