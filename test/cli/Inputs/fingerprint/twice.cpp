#include <vector>

std::vector<int> first() {
  std::vector<int> out;
  for (int i = 0; i < 8; ++i)
    out.push_back(i * i);
  return out;
}

std::vector<int> second() {
  std::vector<int> out;
  for (int i = 0; i < 8; ++i)
    out.push_back(i * i);
  return out;
}
