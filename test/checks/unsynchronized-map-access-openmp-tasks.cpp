// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -fopenmp -I%maptidy_include
// OpenMP tasks run on the threads of the team while the code that creates
// them goes on: tasks created in a loop overlap, and a taskloop runs its
// iterations at once. A task is done at a taskwait after it in its block,
// or at the barrier that ends the single, taskgroup or parallel region
// around it.
#include <cstddef>
#include <unordered_map>
#include <vector>

std::size_t byTask(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> counts;{{$}}
#pragma omp parallel
#pragma omp single
  for (std::size_t i = 0; i < values.size(); ++i) {
#pragma omp task
    counts[values[i] % 7] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-3]]:1: note: the task is created in a loop
    // CHECK-FIXES: {{^}}    counts.insert_or_assign(values[i] % 7, 1);{{$}}
  }
  return counts.size();
}

std::size_t byTaskloop(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> counts;{{$}}
#pragma omp parallel
#pragma omp single
#pragma omp taskloop
  for (std::size_t i = 0; i < values.size(); ++i)
    counts.erase(values[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-4]]:1: note: the parallel region runs it on several threads at once
  return counts.size();
}

// Silent: each thread's own map, which every task gets a copy of.
std::size_t ownMaps(const std::vector<int> &values) {
  std::size_t total = 0;
#pragma omp parallel
  {
    std::unordered_map<int, int> mine;
#pragma omp single
    for (std::size_t i = 0; i < values.size(); ++i) {
#pragma omp task
      mine[values[i]] = 1;
    }
  }
  return total;
}

// Silent: the tasks take turns.
std::size_t critical(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
#pragma omp parallel
#pragma omp single
  for (std::size_t i = 0; i < values.size(); ++i) {
#pragma omp task
    {
#pragma omp critical
      counts[values[i] % 7] = 1;
    }
  }
  return counts.size();
}

// Silent: one task, done at the end of the single region before the read.
std::size_t oneTask(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
#pragma omp parallel
  {
#pragma omp single
    {
#pragma omp task
      counts[values.front()] = 1;
    }
  }
  return counts.size();
}

// Silent: each task is waited for before the next one is created.
std::size_t waitedEachRound(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
#pragma omp parallel
#pragma omp single
  for (std::size_t i = 0; i < values.size(); ++i) {
#pragma omp task
    counts[values[i] % 7] = 1;
#pragma omp taskwait
  }
  return counts.size();
}

// Silent: the code that creates the task reads after its taskwait.
std::size_t readAfterTaskwait(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
  std::size_t seen = 0;
#pragma omp parallel
#pragma omp single
  {
#pragma omp task
    counts[values.front()] = 1;
#pragma omp taskwait
    seen = counts.size();
    counts.clear();
  }
  return seen;
}
