#pragma once
#include <unordered_map>

// Counts of items by shelf and slot; the methods are defined in two files.
class Stock {
public:
  void add(int shelf, int slot, int count);
  int count(int shelf, int slot);
  bool has(int shelf, int slot);

private:
  std::unordered_map<int, std::unordered_map<int, int>> counts_;
};
