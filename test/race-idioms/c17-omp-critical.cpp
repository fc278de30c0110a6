// EXPECT: clean
// FLAGS: -fopenmp
#include <cstddef>
#include <map>
#include <vector>
std::map<int, int> histogram(const std::vector<int> &values) {
  std::map<int, int> hist;
#pragma omp parallel for
  for (std::size_t i = 0; i < values.size(); ++i) {
#pragma omp critical
    ++hist[values[i] / 10];
  }
  return hist;
}
