// EXPECT: race
// FLAGS: -std=c++20
#include <string>
#include <thread>
#include <unordered_map>
int main() {
  std::unordered_map<std::string, int> state;
  std::thread load([&] { state["loaded"] = 1; }); // RACE
  std::thread index([&] { state["indexed"] = 2; }); // RACE
  load.join();
  index.join();
  {
    std::jthread compact([&] { state.erase("loaded"); }); // RACE
    state["compacting"] = 1; // RACE
  }
  return 0;
}
