// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Threads of Boost.Thread: boost::thread starts one as std::thread does, and
// boost::thread_group::create_thread one more of a group that join_all()
// waits for.
#include <boost/thread.hpp>
#include <map>
#include <string>

int countHits() {
  std::map<std::string, int> hits;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> hits;{{$}}
  boost::thread worker([&] { hits["a"]++; });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: {{warning|error}}: 'hits' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: concurrent access here
  hits["b"]++;
  worker.join();
  return static_cast<int>(hits.size());
}

int countInGroup() {
  std::map<std::string, int> hits;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> hits;{{$}}
  boost::thread_group workers;
  for (int i = 0; i < 2; ++i)
    workers.create_thread([&] { hits["a"]++; });
  // CHECK-MESSAGES: :[[@LINE-1]]:33: {{warning|error}}: 'hits' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the thread is started in a loop
  workers.join_all();
  return static_cast<int>(hits.size());
}

// Silent: read after the thread, or the whole group, has ended.
int afterJoin() {
  std::map<std::string, int> hits;
  boost::thread worker([&] { hits["a"]++; });
  worker.join();
  return hits["a"];
}

int afterJoinAll() {
  std::map<std::string, int> hits;
  boost::thread_group workers;
  workers.create_thread([&] { hits["a"]++; });
  workers.join_all();
  return hits["a"];
}
