// EXPECT: race
#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>
static std::unordered_map<std::string, long> g_lastSeen;
void heartbeat(const std::string &node) { g_lastSeen[node] = 1; }
void startJanitor() {
  std::thread([] {
    for (;;) {
      g_lastSeen.clear(); // RACE
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }).detach();
  heartbeat("self");
}
