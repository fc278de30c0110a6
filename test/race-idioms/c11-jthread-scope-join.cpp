// EXPECT: clean
// FLAGS: -std=c++20
#include <map>
#include <string>
#include <thread>
int main() {
  std::map<std::string, int> results;
  {
    std::jthread worker([&] {
      for (int i = 0; i < 100; ++i)
        results["k" + std::to_string(i)] = i;
    });
  } // joined here
  results["done"] = 1;
  return static_cast<int>(results.size());
}
