#include "stats.h"
#include <cstdio>

int main() {
  Stats stats;
  stats.load({"pear", "fig", "apple", "fig", "plum", "apple", "fig"});
  for (const auto &[word, count] : stats.counts())
    std::printf("%s %d\n", word.c_str(), count);
  for (const auto &[letter, hits] : stats.hits())
    std::printf("%s %d\n", letter.c_str(), hits);
  for (const auto &[length, words] : stats.lengths())
    std::printf("%d %d\n", length, words);
  std::printf("%d %d %d\n", stats.hitsOf("f"), stats.hitsOf("z"), stats.total());
}
