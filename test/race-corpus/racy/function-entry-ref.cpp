// A function started on two threads, both given the same map by std::ref.
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
  std::unordered_map<std::string, int> counts;
  std::thread first(countWords, std::ref(counts), std::cref(a));
  std::thread second(countWords, std::ref(counts), std::cref(b));
  first.join();
  second.join();
  std::printf("%zu\n", counts.size());
}
