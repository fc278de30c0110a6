#include <vector>

std::vector<int> cubes() {
  std::vector<int> out;
  for (int i = 0; i < 8; ++i)
    out.push_back(i * i * i);
  return out;
}
