// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -fopenmp -I%maptidy_include
// An OpenMP parallel region runs its code on a team of threads at once: a
// map it shares (declared outside it and not made private) and writes without
// a lock races with the other threads of the team. `critical`, `atomic`,
// `single`, `master` and OpenMP's locks count as locks.
#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

// OpenMP's lock API, as <omp.h> declares it.
extern "C" {
typedef struct omp_lock_t {
  void *_lk;
} omp_lock_t;
void omp_set_lock(omp_lock_t *);
void omp_unset_lock(omp_lock_t *);
}

std::size_t histogram(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> counts;{{$}}
#pragma omp parallel for
  for (std::size_t i = 0; i < values.size(); ++i)
    counts[values[i] / 10] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-4]]:1: note: the parallel region runs it on several threads at once
  // CHECK-FIXES: {{^}}    counts.insert_or_assign(values[i] / 10, 1);{{$}}
  return counts.size();
}

// A plain parallel region: every thread of the team runs the block.
std::size_t everyThread(const std::string &name) {
  std::map<std::string, int> seen;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> seen;{{$}}
#pragma omp parallel
  {
    seen.erase(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'seen' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-4]]:1: note: the parallel region runs it on several threads at once
  }
  return seen.size();
}

// A global map.
std::unordered_map<int, int> totals;
void addAll(const std::vector<int> &values) {
#pragma omp parallel for
  for (std::size_t i = 0; i < values.size(); ++i)
    totals.erase(values[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'totals' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-4]]:1: note: the parallel region runs it on several threads at once
  // CHECK-MESSAGES: :[[@LINE-7]]:30: note: 'totals' is visible outside this translation unit; 'maptidy -p <build> --fix' on the whole project rewrites it in every file
}

// Silent: the team takes turns in a critical section.
std::size_t critical(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
#pragma omp parallel for
  for (std::size_t i = 0; i < values.size(); ++i) {
#pragma omp critical
    ++counts[values[i]];
  }
  return counts.size();
}

// Silent: an OpenMP lock.
std::size_t locked(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
  omp_lock_t lock;
#pragma omp parallel for
  for (std::size_t i = 0; i < values.size(); ++i) {
    omp_set_lock(&lock);
    ++counts[values[i]];
    omp_unset_lock(&lock);
  }
  return counts.size();
}

// Silent: each thread's own map, declared in the region or made private.
std::size_t ownMaps(const std::vector<int> &values) {
  std::size_t total = 0;
  std::unordered_map<int, int> scratch;
#pragma omp parallel private(scratch) reduction(+ : total)
  {
    std::unordered_map<int, int> local;
    for (int v : values) {
      ++local[v];
      ++scratch[v];
    }
    total += local.size() + scratch.size();
  }
  return total;
}

// Silent: the team only reads.
int lookups(const std::vector<int> &keys,
            const std::unordered_map<int, int> &table) {
  std::unordered_map<int, int> copy = table;
  int hits = 0;
#pragma omp parallel for reduction(+ : hits)
  for (std::size_t i = 0; i < keys.size(); ++i)
    hits += copy.count(keys[i]) ? 1 : 0;
  return hits;
}

// Silent: not a parallel region.
std::size_t vectorized(const std::vector<int> &values) {
  std::unordered_map<int, int> counts;
#pragma omp simd
  for (std::size_t i = 0; i < values.size(); ++i)
    counts[values[i]] = 1;
  return counts.size();
}
