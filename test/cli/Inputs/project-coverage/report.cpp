#include "report.h"

int report(Stock &stock, int shelves, int slots) {
  int total = 0;
  for (int shelf = 0; shelf < shelves; ++shelf)
    for (int slot = 0; slot < slots; ++slot)
      if (stock.has(shelf, slot))
        total += stock.count(shelf, slot);
  return total;
}
