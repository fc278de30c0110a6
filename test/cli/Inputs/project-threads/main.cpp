#include "scheduler.h"
#include <cstdio>

int main() {
  Scheduler scheduler;
  scheduler.start();
  for (int i = 0; i < 100; ++i)
    scheduler.schedule(i);
  scheduler.stop();
  std::printf("%zu %d %d\n", scheduler.pending(), scheduler.has(150),
              scheduler.has(250));
}
