// EXPECT: clean
#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>
static thread_local std::unordered_map<std::string, long> t_lastSeen;
void heartbeat(const std::string &node) { t_lastSeen[node] = 1; }
void startJanitor() {
  std::unordered_map<std::string, long> seed{{"self", 0}};
  std::thread([seed]() mutable {
    for (int i = 0; i < 3; ++i) {
      seed["tick"] = i;
      t_lastSeen.clear();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }).detach();
  heartbeat("self");
}
