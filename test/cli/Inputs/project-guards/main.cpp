#include "registry.h"
#include <cstdio>

int main() {
  Registry registry;
  registry.add(1, "one");
  registry.add(2, "two");
  registry.remove(1);
  registry.note("start");
  std::printf("%d %d %zu %s %zu %zu %zu\n", registry.has(1), registry.has(2),
              registry.size(), registry.find(2).c_str(), registry.pending(),
              registry.pending(), registry.events());
  registry.resetLog();
  std::printf("%zu\n", registry.events());
}
