#include "shared.h"
int second() { return value_shared + 1; }
