// EXPECT: clean
#include <cstdio>
#include <map>
#include <string>
#include <thread>
std::map<std::string, double> g_prices;
static double total(const std::map<std::string, double> &prices) {
  double sum = 0;
  for (const auto &p : prices)
    sum += p.second;
  return sum;
}
int main() {
  g_prices["seed"] = 1;
  std::thread feed([] {
    for (int i = 0; i < 1000; ++i)
      g_prices["sym" + std::to_string(i % 10)] = i;
  });
  feed.join();
  std::printf("%f\n", total(g_prices));
}
