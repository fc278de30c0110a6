// EXPECT: clean
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
const std::unordered_map<std::string, std::string> kAliases = {{"ls", "list"}, {"rm", "remove"}};
static std::unordered_map<std::string, std::string> g_loaded;
static std::string resolve(const std::string &cmd) {
  auto it = kAliases.find(cmd);
  if (it != kAliases.end())
    return it->second;
  auto loaded = g_loaded.find(cmd);
  return loaded == g_loaded.end() ? cmd : loaded->second;
}
int main() {
  g_loaded["mv"] = "move";
  std::vector<std::thread> handlers;
  for (int i = 0; i < 4; ++i)
    handlers.emplace_back([] { (void)resolve("ls"); });
  for (auto &h : handlers)
    h.join();
}
