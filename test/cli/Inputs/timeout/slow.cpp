// Constant evaluation that runs for minutes: the analysis of this file hangs.
constexpr long spin() {
  long Sum = 0;
  for (long I = 0; I < 4000000000L; ++I)
    Sum += I;
  return Sum;
}
static_assert(spin() != 0, "");
