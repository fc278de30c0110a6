// EXPECT: clean
// Phases: each thread is joined (or its jthread scope ends) before the next starts.
// FLAGS: -std=c++20
#include <string>
#include <thread>
#include <unordered_map>
int main() {
  std::unordered_map<std::string, int> state;
  std::thread load([&] { state["loaded"] = 1; });
  load.join();
  std::thread index([&] { state["indexed"] = 2; });
  index.join();
  {
    std::jthread compact([&] { state.erase("loaded"); });
  }
  std::jthread report([&] { state["reported"] = 3; });
  return 0;
}
