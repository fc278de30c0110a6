#include <vector>

std::vector<int> squares(int n) {
  std::vector<int> out;
  for (int i = 0; i < 8; ++i)
    out.push_back(i * n);
  return out;
}

std::vector<int> quiet(const std::vector<int> &in) {
  std::vector<int> out;
  for (int v : in)
    out.push_back(v); // NOLINT(maptidy-unreserved-append)
  return out;
}
