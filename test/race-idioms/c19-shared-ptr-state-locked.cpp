// EXPECT: clean
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
struct CrawlState {
  std::mutex mu;
  std::unordered_map<std::string, int> depthOf;
};
int crawl() {
  auto state = std::make_shared<CrawlState>();
  std::thread a([state] {
    std::lock_guard<std::mutex> lock(state->mu);
    state->depthOf["/a"] = 1;
  });
  std::thread b([state] {
    std::lock_guard<std::mutex> lock(state->mu);
    state->depthOf["/b"] = 2;
  });
  a.join();
  b.join();
  return static_cast<int>(state->depthOf.size());
}
