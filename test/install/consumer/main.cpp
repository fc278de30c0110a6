// Builds against the installed headers: any include of maptidy/ must resolve.
#if __has_include(<maptidy/composite_key.hpp>)
#include <maptidy/composite_key.hpp>
#endif
#include <cstdio>

int main() {
  std::puts("consumer OK");
  return 0;
}
