#pragma once
#include <vector>

inline bool any(const std::vector<int> &v) { return v.size(); }
