// EXPECT: race
#include <future>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
struct Batch {
  std::unordered_map<std::string, std::string> results;
};
void fetchAll(const std::vector<std::string> &urls) {
  auto batch = std::make_shared<Batch>();
  std::vector<std::future<void>> pending;
  for (const auto &url : urls)
    pending.push_back(std::async(std::launch::async, [batch, url] {
      batch->results[url] = "body"; // RACE
    }));
  for (auto &f : pending)
    f.get();
}
