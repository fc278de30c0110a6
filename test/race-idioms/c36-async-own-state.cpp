// EXPECT: clean
#include <future>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
struct Batch {
  std::unordered_map<std::string, std::string> results;
};
size_t fetchAll(const std::vector<std::string> &urls) {
  std::vector<std::future<std::shared_ptr<Batch>>> pending;
  for (const auto &url : urls)
    pending.push_back(std::async(std::launch::async, [url] {
      auto batch = std::make_shared<Batch>();
      batch->results[url] = "body";
      return batch;
    }));
  size_t total = 0;
  for (auto &f : pending)
    total += f.get()->results.size();
  return total;
}
