// EXPECT: clean
// The reader waits for a release store of the flag that follows the fill.
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>
int main() {
  std::unordered_map<std::string, int> config;
  std::atomic<bool> ready{false};
  std::thread reader([&] {
    while (!ready.load(std::memory_order_acquire))
      std::this_thread::yield();
    auto it = config.find("threads");
    std::printf("%d\n", it == config.end() ? 1 : it->second);
  });
  config["threads"] = 8;
  config["port"] = 8080;
  ready.store(true, std::memory_order_release);
  reader.join();
}
