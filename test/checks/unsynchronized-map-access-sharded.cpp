// RUN: %check_maptidy --tsan %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps shared between threads without a lock become maptidy::sharded_map, and
// each use is rewritten to its API. The fixed program runs its threads under
// ThreadSanitizer and prints what the sequential run of the input prints.
#include <cstdio>
#include <future>
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}

// A global with internal linkage: operator[] writes become insert_or_assign
// and upsert, the reads after the join get_or.
static std::unordered_map<std::string, int> tally;
// CHECK-FIXES: {{^}}static maptidy::sharded_map<std::string, int> tally;{{$}}

long countWords(const std::vector<std::string> &words) {
  std::vector<std::thread> workers;
  for (int t = 0; t < 3; ++t)
    workers.emplace_back([&words, t] {
      for (size_t i = t; i < words.size(); i += 3) {
        tally[words[i]] += t + 1;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'tally' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
        // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the thread is started in a loop
        // CHECK-FIXES: {{^}}        tally.upsert(words[i], [&](auto& value) { value += t + 1; });{{$}}
        ++tally["total"];
        // CHECK-FIXES: {{^}}        tally.upsert("total", [](auto& value) { ++value; });{{$}}
        tally["last-" + std::to_string(t)] = static_cast<int>(i);
        // CHECK-FIXES: {{^}}        tally.insert_or_assign("last-" + std::to_string(t), static_cast<int>(i));{{$}}
      }
    });
  for (auto &w : workers)
    w.join();
  int total = tally["total"];
  // CHECK-FIXES: {{^}}  int total = tally.get_or("total", {});{{$}}
  return total + tally["the"];
  // CHECK-FIXES: {{^}}  return total + tally.get_or("the", {});{{$}}
}

// A local captured by reference: lookups become contains(), the loop after
// the join runs over a snapshot(), erase and size stay.
long histogram(int n) {
  std::unordered_map<int, long> buckets;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, long> buckets;{{$}}
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&buckets, n, t] {
      for (int i = t; i < n; i += 4) {
        buckets[i % 10]++;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'buckets' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
        // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the thread is started in a loop
        // CHECK-FIXES: {{^}}        buckets.upsert(i % 10, [](auto& value) { value++; });{{$}}
        if (i % 7 == 0 && !buckets.count(100 + i % 3))
          buckets.emplace(100 + i % 3, 0);
        // CHECK-FIXES: {{^}}        if (i % 7 == 0 && !buckets.contains(100 + i % 3)){{$}}
        // CHECK-FIXES: {{^}}          buckets.emplace(100 + i % 3, 0);{{$}}
        if (buckets.find(-1) != buckets.end())
          --buckets[-1];
        // CHECK-FIXES: {{^}}        if (buckets.contains(-1)){{$}}
        // CHECK-FIXES: {{^}}          buckets.upsert(-1, [](auto& value) { --value; });{{$}}
        if (buckets.count(200) == 0)
          buckets.try_emplace(200, 7);
        // CHECK-FIXES: {{^}}        if (!buckets.contains(200)){{$}}
        // CHECK-FIXES: {{^}}          buckets.try_emplace(200, 7);{{$}}
      }
    });
  for (auto &w : workers)
    w.join();
  buckets.erase(200);
  long weighted = 0;
  for (const auto &[bucket, count] : buckets)
    // CHECK-FIXES: {{^}}  for (const auto &[bucket, count] : buckets.snapshot()){{$}}
    weighted += bucket * count;
  if (buckets.find(5) == buckets.end())
    weighted = -weighted;
  // CHECK-FIXES: {{^}}  if (!buckets.contains(5)){{$}}
  return weighted + static_cast<long>(buckets.size() * 1000 + buckets.count(3));
}

// A std::map without iteration: the key order is not needed. The element
// is a vector: push_back runs inside upsert, reads copy out with get_or.
size_t collect(int n) {
  std::map<int, std::vector<int>> lists;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, std::vector<int>> lists;{{$}}
  std::thread evens([&] {
    for (int i = 0; i < n; i += 2)
      lists[i % 5].push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'lists' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-FIXES: {{^}}      lists.upsert(i % 5, [&](auto& value) { value.push_back(i); });{{$}}
  });
  std::thread odds([&] {
    for (int i = 1; i < n; i += 2)
      lists[i % 5].push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: concurrent access here
    // CHECK-FIXES: {{^}}      lists.upsert(i % 5, [&](auto& value) { value.push_back(i); });{{$}}
  });
  evens.join();
  odds.join();
  std::vector<int> first = lists[0];
  // CHECK-FIXES: {{^}}  std::vector<int> first = lists.get_or(0, {});{{$}}
  return first.size() * 100 + lists[1].size();
  // CHECK-FIXES: {{^}}  return first.size() * 100 + lists.get_or(1, {}).size();{{$}}
}

// Two std::async tasks and a function-local static; at() becomes
// get().value().
int tasks() {
  static std::unordered_map<int, int> seen;
  // CHECK-FIXES: {{^}}  static maptidy::sharded_map<int, int> seen;{{$}}
  auto a = std::async(std::launch::async, [] {
    for (int i = 0; i < 100; ++i)
      seen[i] = i;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'seen' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-FIXES: {{^}}      seen.insert_or_assign(i, i);{{$}}
  });
  auto b = std::async(std::launch::async, [] {
    for (int i = 50; i < 150; ++i)
      seen.insert({i, -i});
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: concurrent access here
  });
  a.get();
  b.get();
  return static_cast<int>(seen.size()) * 1000 + seen.at(10);
  // CHECK-FIXES: {{^}}  return static_cast<int>(seen.size()) * 1000 + seen.get(10).value();{{$}}
}

// A static data member of a class only this file sees: the declaration and
// the definition both change.
namespace {
struct Registry {
  static std::map<int, std::string> names;
  // CHECK-FIXES: {{^}}  static maptidy::sharded_map<int, std::string> names;{{$}}
};
std::map<int, std::string> Registry::names;
// CHECK-FIXES: {{^}}maptidy::sharded_map<int, std::string> Registry::names;{{$}}
} // namespace

size_t registered() {
  std::thread a([] { Registry::names[1] = "one"; });
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'names' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  std::thread a([] { Registry::names.insert_or_assign(1, "one"); });{{$}}
  std::thread b([] { Registry::names[2] = std::string(2, 't'); });
  // CHECK-MESSAGES: :[[@LINE-1]]:22: note: concurrent access here
  // CHECK-FIXES: {{^}}  std::thread b([] { Registry::names.insert_or_assign(2, std::string(2, 't')); });{{$}}
  a.join();
  b.join();
  return Registry::names.size() * 10 + Registry::names.at(2).size();
  // CHECK-FIXES: {{^}}  return Registry::names.size() * 10 + Registry::names.get(2).value().size();{{$}}
}

int main() {
  std::vector<std::string> words;
  for (int i = 0; i < 60; ++i)
    words.push_back(i % 4 == 0 ? "the" : "w" + std::to_string(i % 9));
  std::printf("%ld %ld %zu %d %zu\n", countWords(words), histogram(500),
              collect(200), tasks(), registered());
}
