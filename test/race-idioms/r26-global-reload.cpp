// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
std::unordered_map<std::string, std::string> g_aliases = {{"ls", "list"}};
static std::string resolve(const std::string &cmd) {
  auto it = g_aliases.find(cmd); // RACE
  return it == g_aliases.end() ? cmd : it->second;
}
int main() {
  std::vector<std::thread> handlers;
  for (int i = 0; i < 4; ++i)
    handlers.emplace_back([] { (void)resolve("ls"); });
  g_aliases["rm"] = "remove"; // RACE
  for (auto &h : handlers)
    h.join();
}
