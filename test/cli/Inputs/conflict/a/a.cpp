#include "../common.h"

bool a(const std::vector<int> &v) { return any(v); }
