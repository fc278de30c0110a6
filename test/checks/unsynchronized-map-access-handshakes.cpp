// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++20 -pthread -I%maptidy_include
// A thread and the code that started it hand the map over through a signal:
// what one side did before it signals happens before what the other does
// after its wait. Such handshakes are silent; a use outside the handshake,
// a relaxed signal, or a signal that came earlier is still reported.
#include <atomic>
#include <future>
#include <latch>
#include <semaphore>
#include <string>
#include <thread>
#include <unordered_map>

// The thread fills the map, then publishes it.
int threadPublishes() {
  std::unordered_map<std::string, int> table;
  std::atomic<bool> ready{false};
  std::thread loader([&] {
    table["a"] = 1;
    ready.store(true, std::memory_order_release);
  });
  while (!ready.load(std::memory_order_acquire))
    std::this_thread::yield();
  const int a = table["a"];
  loader.join();
  return a;
}

// The starting code fills the map after the start, then publishes it.
int launcherPublishes() {
  std::unordered_map<std::string, int> config;
  std::atomic<bool> ready = false;
  int threads = 0;
  std::thread reader([&] {
    while (!ready)
      std::this_thread::yield();
    threads = config.at("threads");
  });
  config["threads"] = 8;
  ready = true;
  reader.join();
  return threads;
}

// A promise's value releases the thread, which waits on its future.
int promised() {
  std::unordered_map<int, int> table;
  std::promise<void> filled;
  std::future<void> go = filled.get_future();
  int seen = 0;
  std::thread reader([&] {
    go.wait();
    seen = table.at(1);
  });
  table[1] = 2;
  filled.set_value();
  reader.join();
  return seen;
}

// A latch and a semaphore.
int latched() {
  std::unordered_map<int, int> table;
  std::latch done(1);
  std::binary_semaphore more(0);
  std::thread writer([&] {
    table[1] = 1;
    done.count_down();
    more.acquire();
    table[2] = 2;
  });
  done.wait();
  const int first = table[1];
  more.release();
  writer.join();
  return first;
}

// A relaxed store orders nothing.
int relaxed() {
  std::unordered_map<int, int> table;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> table;{{$}}
  std::atomic<bool> ready{false};
  std::thread loader([&] {
    table[1] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'table' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+5]]:19: note: concurrent access here
    ready.store(true, std::memory_order_relaxed);
  });
  while (!ready.load(std::memory_order_relaxed))
    std::this_thread::yield();
  const int one = table[1];
  loader.join();
  return one;
}

// The thread goes on writing after it published.
int writesAfterPublishing() {
  std::unordered_map<int, int> table;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> table;{{$}}
  std::atomic<bool> ready{false};
  std::thread loader([&] {
    table[1] = 1;
    ready.store(true);
    table[2] = 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'table' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+4]]:23: note: concurrent access here
  });
  while (!ready.load())
    std::this_thread::yield();
  const size_t size = table.size();
  loader.join();
  return static_cast<int>(size);
}

// The starting code reads before it waits.
int readsBeforeWaiting() {
  std::unordered_map<int, int> table;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> table;{{$}}
  std::latch done(1);
  std::thread writer([&] {
    table[1] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'table' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+3]]:22: note: concurrent access here
    done.count_down();
  });
  const bool empty = table.empty();
  done.wait();
  writer.join();
  return empty ? 0 : 1;
}

// The flag was set before the thread started: its wait does not wait.
int signalledBeforeStart() {
  std::unordered_map<int, int> table;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> table;{{$}}
  std::atomic<bool> ready{false};
  ready = true;
  int seen = 0;
  std::thread reader([&] {
    while (!ready)
      std::this_thread::yield();
    seen = table.count(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: {{warning|error}}: 'table' is read by a thread without synchronization while the function that started it modifies it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+2]]:3: note: concurrent access here
  });
  table[1] = 2;
  ready = true;
  reader.join();
  return seen;
}
