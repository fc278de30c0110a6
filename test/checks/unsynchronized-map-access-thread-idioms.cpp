// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++20 -pthread -I%maptidy_include
// Parallel algorithms run their lambda on several threads at once; threads
// that overlap are reported whatever the scope or strand of the others.
#include <algorithm>
#include <atomic>
#include <execution>
#include <map>
#include <mutex>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// TBB's parallel_for; without TBB, a stand-in declared as oneTBB declares
// it: in tbb::detail::d1, exported to tbb.
#if __has_include(<tbb/parallel_for.h>)
#include <tbb/parallel_for.h>
#else
namespace tbb {
namespace detail::d1 {
template <typename Index, typename Body>
void parallel_for(Index first, Index last, const Body &body) {
  for (Index i = first; i < last; ++i)
    body(i);
}
} // namespace detail::d1
using detail::d1::parallel_for;
} // namespace tbb
#endif

size_t distinctTokens(const std::vector<std::string> &tokens) {
  std::unordered_map<std::string, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> counts;{{$}}
  tbb::parallel_for(size_t(0), tokens.size(), [&](size_t i) {
    ++counts[tokens[i]];
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the algorithm runs it on several threads at once
    // CHECK-FIXES: {{^}}    counts.upsert(tokens[i], [](auto& value) { ++value; });{{$}}
  });
  return counts.size();
}

size_t lengthsSeen(const std::vector<std::string> &docs) {
  std::unordered_map<size_t, int> byLength;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<size_t, int> byLength;{{$}}
  std::for_each(std::execution::par, docs.begin(), docs.end(),
                [&](const std::string &d) { byLength[d.size()] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:45: {{warning|error}}: 'byLength' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the algorithm runs it on several threads at once
  // CHECK-FIXES: {{^}}                [&](const std::string &d) { byLength.insert_or_assign(d.size(), 1); });{{$}}
  return byLength.size();
}

// The launcher writes inside the scope of the std::jthread, before its
// destructor joins it.
size_t whileRunning() {
  std::unordered_map<int, int> state;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> state;{{$}}
  {
    std::jthread compact([&] { state.erase(1); });
    // CHECK-MESSAGES: :[[@LINE-1]]:32: {{warning|error}}: 'state' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    state[2] = 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: concurrent access here
    // CHECK-FIXES: {{^}}    state.insert_or_assign(2, 2);{{$}}
  }
  return state.size();
}

// The second thread starts before the first is joined.
size_t overlapping() {
  std::unordered_map<int, int> phases;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> phases;{{$}}
  std::thread load([&] { phases[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:26: {{warning|error}}: 'phases' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  std::thread load([&] { phases.insert_or_assign(1, 1); });{{$}}
  std::thread index([&] { phases[2] = 2; });
  // CHECK-MESSAGES: :[[@LINE-1]]:27: note: concurrent access here
  // CHECK-FIXES: {{^}}  std::thread index([&] { phases.insert_or_assign(2, 2); });{{$}}
  load.join();
  index.join();
  return phases.size();
}

// A thread started on a lambda that runs a member function on `this`.
class Dispatcher {
public:
  Dispatcher() : worker_([this] { loop(); }) {}
  ~Dispatcher() {
    stop_ = true;
    worker_.join();
  }
  void subscribe(const std::string &topic, int id) { subscribers_[topic] = id; }
  // CHECK-FIXES: {{^}}  void subscribe(const std::string &topic, int id) { subscribers_.insert_or_assign(topic, id); }{{$}}

private:
  void loop() {
    while (!stop_)
      subscribers_.erase("expired");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'subscribers_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-8]]:54: note: concurrent access here
  }
  std::unordered_map<std::string, int> subscribers_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> subscribers_;{{$}}
  std::atomic<bool> stop_{false};
  std::thread worker_;
};

// A function-local static reached through its accessor.
static std::unordered_map<std::string, int> &registry() {
  static std::unordered_map<std::string, int> instance;
  return instance;
}
static void registerPlugin(const std::string &name) { registry()[name] = 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:55: {{warning|error}}: 'instance' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]

void loadPlugins() {
  std::thread a([] { registerPlugin("a"); });
  std::thread b([] { registerPlugin("b"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: another thread running it is started here
  // CHECK-MESSAGES: :[[@LINE-9]]:10: note: no fix: 'instance' is used as 'instance', which maptidy::sharded_map does not offer
  a.join();
  b.join();
}

// The launcher writes a global map through a helper while the thread runs.
static std::unordered_map<std::string, long> lastSeen;
// CHECK-FIXES: {{^}}static maptidy::sharded_map<std::string, long> lastSeen;{{$}}
static void heartbeat(const std::string &node) { lastSeen[node] = 1; }
// CHECK-FIXES: {{^}}static void heartbeat(const std::string &node) { lastSeen.insert_or_assign(node, 1); }{{$}}

void startJanitor() {
  std::thread([] { lastSeen.clear(); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:20: {{warning|error}}: 'lastSeen' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  heartbeat("self");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: concurrent access here
}

// One thread locks, the other forgets: the lock on one side does not help.
static std::mutex countersMu;
static std::unordered_map<std::string, int> counters;
// CHECK-FIXES: {{^}}static maptidy::sharded_map<std::string, int> counters;{{$}}
static void bump(const std::string &name) {
  std::lock_guard<std::mutex> lock(countersMu);
  ++counters[name];
  // CHECK-FIXES: {{^}}  counters.upsert(name, [](auto& value) { ++value; });{{$}}
}

void bumpAndReset() {
  std::thread a([] { bump("a"); });
  std::thread b([] { counters.clear(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'counters' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: concurrent access here
  a.join();
  b.join();
}
