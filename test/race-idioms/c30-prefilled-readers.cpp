// EXPECT: clean
#include <future>
#include <map>
#include <string>
#include <vector>
size_t totalSize(const std::vector<std::string> &files) {
  std::map<std::string, size_t> sizes;
  for (const auto &f : files)
    sizes[f] = f.size();
  std::vector<std::future<size_t>> jobs;
  for (const auto &f : files)
    jobs.push_back(std::async(std::launch::async, [&sizes, f] {
      auto it = sizes.find(f);
      return it == sizes.end() ? size_t(0) : it->second;
    }));
  size_t total = 0;
  for (auto &j : jobs)
    total += j.get();
  sizes.clear();
  return total;
}
