// EXPECT: race
#include <future>
#include <map>
#include <string>
#include <vector>
std::map<std::string, size_t> sizes(const std::vector<std::string> &files) {
  std::map<std::string, size_t> out;
  std::vector<std::future<void>> jobs;
  for (const auto &f : files)
    jobs.push_back(std::async(std::launch::async, [&out, f] { out[f] = f.size(); })); // RACE
  for (auto &j : jobs)
    j.get();
  return out;
}
