// EXPECT: race
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>
int main() {
  std::unordered_map<std::string, int> config;
  std::thread reader([&] {
    auto it = config.find("threads"); // RACE
    std::printf("%d\n", it == config.end() ? 1 : it->second);
  });
  config["threads"] = 8;
  config["port"] = 8080;
  reader.join();
}
