#pragma once
#include "stock.h"

// Reaches stock.h only through this header.
int report(Stock &stock, int shelves, int slots);
