#include "stock.h"

int Stock::count(int shelf, int slot) { return counts_[shelf][slot]; }

bool Stock::has(int shelf, int slot) {
  return counts_[shelf].count(slot) != 0;
}
