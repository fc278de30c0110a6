// The same lambda started on several threads of a vector: each instance
// counts into one shared map.
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

int main() {
  std::vector<std::string> words;
  for (int i = 0; i < 2000; ++i)
    words.push_back("w" + std::to_string(i % 97));
  std::unordered_map<std::string, int> counts;
  std::vector<std::thread> workers;
  for (size_t t = 0; t < 4; ++t)
    workers.emplace_back([&counts, &words, t] {
      for (size_t i = t; i < words.size(); i += 4)
        ++counts[words[i]];
    });
  for (auto &worker : workers)
    worker.join();
  std::printf("%zu\n", counts.size());
}
