#include "fill.h"

int main() { return static_cast<int>(fill(3).size()); }
