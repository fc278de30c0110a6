// EXPECT: clean
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
static std::unordered_map<int, std::string> g_codes;
static std::once_flag g_codesOnce;
static std::string codeName(int code) {
  std::call_once(g_codesOnce, [] {
    g_codes[200] = "OK";
    g_codes[404] = "Not Found";
  });
  auto it = g_codes.find(code);
  return it == g_codes.end() ? "" : it->second;
}
int main() {
  std::thread a([] { (void)codeName(200); });
  std::thread b([] { (void)codeName(404); });
  a.join();
  b.join();
}
