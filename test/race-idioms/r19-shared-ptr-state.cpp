// EXPECT: race
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
struct CrawlState {
  std::unordered_map<std::string, int> depthOf;
};
int crawl() {
  auto state = std::make_shared<CrawlState>();
  std::thread a([state] { state->depthOf["/a"] = 1; }); // RACE
  std::thread b([state] { state->depthOf["/b"] = 2; });
  a.join();
  b.join();
  return static_cast<int>(state->depthOf.size());
}
