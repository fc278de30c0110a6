#include "scheduler.h"

bool Scheduler::has(int job) const { return jobs_.count(job) != 0; }

std::size_t Scheduler::pending() const { return jobs_.size(); }
