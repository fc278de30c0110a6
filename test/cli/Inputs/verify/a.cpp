#include <vector>

int value_a = 1;

std::vector<int> squares() {
  std::vector<int> out;
  for (int i = 0; i < 8; ++i)
    out.push_back(i * i);
  return out;
}
