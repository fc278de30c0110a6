#include "stock.h"

void Stock::add(int shelf, int slot, int count) {
  counts_[shelf][slot] += count;
}
