#include <vector>

void fill(std::vector<int> &v, bool b) {
  std::vector<int> local;
  for (int i = 0; i < 3; ++i)
    local.push_back(i);
  if (b)
    v.swap(local);
}
