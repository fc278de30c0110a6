#include "clock.h"
#include "report.h"
#include <cstdio>

int main() {
  Stock stock;
  for (int i = 0; i < ticks(20); ++i)
    stock.add(i % 5, i % 7, i);
  std::printf("%d %d\n", report(stock, 5, 7), stock.count(2, 3));
}
