#include <vector>

std::vector<int> three() {
  std::vector<int> out;
  for (int i = 0; i < 3; ++i)
    out.push_back(i);
  return out;
}
