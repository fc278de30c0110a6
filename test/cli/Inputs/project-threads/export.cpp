#include "scheduler.h"

std::unordered_map<int, int> Scheduler::snapshot() const { return jobs_; }
