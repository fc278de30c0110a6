// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
static std::unordered_map<int, std::string> g_codes;
static const std::string &codeName(int code) {
  if (g_codes.empty()) { // RACE
    g_codes[200] = "OK"; // RACE
    g_codes[404] = "Not Found";
  }
  return g_codes[code];
}
int main() {
  std::thread a([] { (void)codeName(200); });
  std::thread b([] { (void)codeName(404); });
  a.join();
  b.join();
}
