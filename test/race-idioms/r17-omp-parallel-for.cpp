// EXPECT: race
// FLAGS: -fopenmp
#include <cstddef>
#include <map>
#include <vector>
std::map<int, int> histogram(const std::vector<int> &values) {
  std::map<int, int> hist;
#pragma omp parallel for
  for (std::size_t i = 0; i < values.size(); ++i)
    ++hist[values[i] / 10]; // RACE
  return hist;
}
