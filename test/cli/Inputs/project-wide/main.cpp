#include "grid.h"
#include <cstdio>

int main() {
  Grid grid;
  for (int i = 0; i < 100; ++i)
    grid.set(i % 7, i % 11, i * 0.5);
  grid.label("a", "b", 1);
  grid.label("a/b", "", 2);
  for (const char *name : {"pear", "fig", "apple", "fig"})
    grid.add(name, 3);
  double sum = 0;
  for (int r = 0; r < 7; ++r)
    for (int c = 0; c < 11; ++c)
      if (grid.has(r, c))
        sum += grid.get(r, c);
  std::printf("%.1f %d %d %d\n", sum, grid.labelOf("a", "b"),
              grid.labelOf("a/b", ""), grid.labelOf("x", "y"));
  for (const auto &[name, total] : grid.totals())
    std::printf("%s %d\n", name.c_str(), total);
}
