#include "shared.h"
int first() { return value_shared; }
