// EXPECT: clean
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
static std::mutex registryMu;
static std::unordered_map<std::string, int> &registry() {
  static std::unordered_map<std::string, int> instance;
  return instance;
}
void registerPlugin(const std::string &name) {
  std::lock_guard<std::mutex> lock(registryMu);
  registry()[name] = 1;
}
int main() {
  std::thread a([] { registerPlugin("a"); });
  std::thread b([] { registerPlugin("b"); });
  a.join();
  b.join();
}
