// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps shared between threads with no lock at all: locals captured by reference
// and globals, written by a thread while others or the launcher use them. They
// become maptidy::sharded_map.
#include <cstdio>
#include <future>
#include <map>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

static std::unordered_map<int, int> hits;
// CHECK-FIXES: {{^}}static maptidy::sharded_map<int, int> hits;{{$}}

// The same lambda runs on several threads: each writes the shared map.
int countInPool(const std::vector<int> &items) {
  std::unordered_map<int, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> counts;{{$}}
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&counts, &items, t] {
      for (size_t i = t; i < items.size(); i += 4)
        ++counts[items[i]];
        // CHECK-MESSAGES: :[[@LINE-1]]:11: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
        // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the thread is started in a loop
        // CHECK-FIXES: {{^}}        counts.upsert(items[i], [](auto& value) { ++value; });{{$}}
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(counts.size());
}

// The launching function reads the map before joining.
int peekTooEarly() {
  std::map<std::string, int> progress;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> progress;{{$}}
  std::thread worker([&] { progress["done"] = 1; });
  // CHECK-FIXES: {{^}}  std::thread worker([&] { progress.insert_or_assign("done", 1); });{{$}}
  // CHECK-MESSAGES: :[[@LINE-2]]:28: {{warning|error}}: 'progress' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+1]]:31: note: concurrent access here
  int seen = static_cast<int>(progress.size());
  worker.join();
  return seen;
}

// A global written by one async task and read by another.
int twoTasks() {
  auto writer = std::async(std::launch::async, [] { hits[1] = 2; });
  // CHECK-FIXES: {{^}}  auto writer = std::async(std::launch::async, [] { hits.insert_or_assign(1, 2); });{{$}}
  // CHECK-MESSAGES: :[[@LINE-2]]:53: {{warning|error}}: 'hits' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+1]]:60: note: concurrent access here
  auto reader = std::async(std::launch::async, [] { return hits.count(1); });
  writer.get();
  return static_cast<int>(reader.get());
}

// Silent: joined before the access (also in each round of a loop), per-thread
// copies, locked, read-only (also through the non-const find()).
int joinedFirst() {
  std::map<int, int> results;
  std::thread worker([&] { results[1] = 1; });
  worker.join();
  return results[1];
}

int perThreadCopies(const std::map<int, int> &seed) {
  std::map<int, int> local = seed;
  std::thread worker([local]() mutable { local[2] = 2; });
  worker.join();
  return static_cast<int>(local.size());
}

int locked() {
  std::map<int, int> shared;
  std::mutex mu;
  std::vector<std::thread> workers;
  for (int t = 0; t < 2; ++t)
    workers.emplace_back([&, t] {
      std::lock_guard<std::mutex> lock(mu);
      shared[t] = t;
    });
  for (auto &w : workers)
    w.join();
  return static_cast<int>(shared.size());
}

int readOnly(const std::map<int, int> &table) {
  std::map<int, int> copy = table;
  std::vector<std::thread> workers;
  for (int t = 0; t < 2; ++t)
    workers.emplace_back([&copy] { (void)copy.count(1); });
  for (auto &w : workers)
    w.join();
  return 0;
}

int joinedEachRound() {
  std::unordered_map<int, int> owners;
  for (int t = 0; t < 3; ++t) {
    std::thread worker([&owners, t] { owners[t] = t; });
    worker.join();
  }
  return static_cast<int>(owners.size());
}

// find() on a non-const map picks the non-const overload, but reads.
long readOnlyFind(std::map<int, long> &prices) {
  std::vector<long> sums(2);
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t)
    readers.emplace_back([&prices, &sums, t] {
      auto it = prices.find(t);
      sums[t] = it == prices.end() ? 0 : it->second;
    });
  for (auto &r : readers)
    r.join();
  return sums[0] + sums[1];
}
