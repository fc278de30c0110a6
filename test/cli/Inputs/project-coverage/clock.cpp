#include "clock.h"

int ticks(int rounds) { return rounds * 3; }
