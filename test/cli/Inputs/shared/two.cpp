#include "shared.h"

int two() { return ramp().front(); }
