// A function started on two threads, each given its own map; the results
// are merged after the joins.
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

static void countWords(std::unordered_map<std::string, int> &counts,
                       const std::vector<std::string> &words) {
  for (const auto &word : words)
    ++counts[word];
}

int main() {
  std::vector<std::string> a, b;
  for (int i = 0; i < 500; ++i) {
    a.push_back("a" + std::to_string(i % 50));
    b.push_back("b" + std::to_string(i % 50));
  }
  std::unordered_map<std::string, int> left, right;
  std::thread first(countWords, std::ref(left), std::cref(a));
  std::thread second(countWords, std::ref(right), std::cref(b));
  first.join();
  second.join();
  for (const auto &[word, n] : right)
    left[word] += n;
  std::printf("%zu\n", left.size());
}
