#include "shared.h"

int one() { return static_cast<int>(ramp().size()); }
