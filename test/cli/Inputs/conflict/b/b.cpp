#include "../common.h"

bool b(const std::vector<int> &v) { return any(v); }
