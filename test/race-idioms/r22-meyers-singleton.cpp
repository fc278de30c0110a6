// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
static std::unordered_map<std::string, int> &registry() {
  static std::unordered_map<std::string, int> instance;
  return instance;
}
void registerPlugin(const std::string &name) { registry()[name] = 1; } // RACE
int main() {
  std::thread a([] { registerPlugin("a"); });
  std::thread b([] { registerPlugin("b"); });
  a.join();
  b.join();
}
