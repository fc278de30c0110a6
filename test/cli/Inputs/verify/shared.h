#pragma once
inline int value_shared = 3;
