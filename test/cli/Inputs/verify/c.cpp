int value_c = 1;
