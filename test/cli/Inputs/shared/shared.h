#pragma once
#include <vector>

inline std::vector<int> ramp() {
  std::vector<int> out;
  for (int i = 0; i < 4; ++i)
    out.push_back(i);
  return out;
}
