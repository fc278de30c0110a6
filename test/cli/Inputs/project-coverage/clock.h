#pragma once

int ticks(int rounds);
