// EXPECT: race
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
  std::thread feed([] {
    for (int i = 0; i < 1000; ++i)
      g_prices["sym" + std::to_string(i % 10)] = i; // RACE
  });
  std::printf("%f\n", total(g_prices));
  feed.join();
}
