#include "scheduler.h"

void Scheduler::start() { worker_ = std::thread(&Scheduler::run, this); }

void Scheduler::schedule(int job) { jobs_[job] += 1; }

void Scheduler::stop() { worker_.join(); }

void Scheduler::run() {
  for (int i = 100; i < 200; ++i)
    jobs_[i] = i;
}
