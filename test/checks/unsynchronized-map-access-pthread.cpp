// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Threads started with pthread_create: on a function given a local map's
// address, and on a static trampoline given `this` that runs member functions
// (`static_cast<C *>(self)->run()`). pthread_join waits for them. A function
// given the map's address through std::thread is followed the same way.
#include <pthread.h>
#include <string>
#include <thread>
#include <unordered_map>

// A trampoline on `this`: the member functions it runs race with the public
// ones that take no lock.
class Indexer {
public:
  void start() { pthread_create(&thread_, nullptr, &Indexer::entry, this); }
  void stop() { pthread_join(thread_, nullptr); }
  bool has(int key) const { return index_.count(key) != 0; }

private:
  static void *entry(void *self) {
    static_cast<Indexer *>(self)->run();
    return nullptr;
  }
  void run() {
    for (int i = 0; i < 100; ++i)
      index_[i] = i;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'index_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-11]]:36: note: concurrent access here
    // CHECK-FIXES: {{^}}      index_.insert_or_assign(i, i);{{$}}
  }

  std::unordered_map<int, int> index_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> index_;{{$}}
  pthread_t thread_;
};

// The trampoline keeps `this` in a local first.
class Crawler {
public:
  void start() { pthread_create(&thread_, nullptr, entry, this); }
  int depth(const std::string &url) const {
    auto it = depth_.find(url);
    return it == depth_.end() ? -1 : it->second;
  }

private:
  static void *entry(void *arg) {
    Crawler *self = reinterpret_cast<Crawler *>(arg);
    self->crawl();
    return nullptr;
  }
  void crawl() {
    depth_.emplace("/", 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'depth_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-13]]:15: note: concurrent access here
    // CHECK-MESSAGES: :[[@LINE-14]]:15: note: no fix: 'depth_' is used as 'depth_.find()', which maptidy::sharded_map does not offer
  }

  std::unordered_map<std::string, int> depth_;
  pthread_t thread_;
};

// Silent: the members are used only once the thread was joined.
class Loader {
public:
  int load() {
    pthread_t thread;
    pthread_create(&thread, nullptr, &Loader::entry, this);
    pthread_join(thread, nullptr);
    return static_cast<int>(table_.size());
  }

private:
  static void *entry(void *self) {
    static_cast<Loader *>(self)->fill();
    return nullptr;
  }
  void fill() { table_[1] = 1; }

  std::unordered_map<int, int> table_;
};

// The routine casts its argument back to the map.
static void *countInto(void *arg) {
  auto *counts = static_cast<std::unordered_map<std::string, int> *>(arg);
  (*counts)["words"] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:4: {{warning|error}}: 'counts' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+9]]:37: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+7]]:48: note: no fix: 'counts' is used as '&counts', which maptidy::sharded_map does not offer
  counts->erase("stale");
  return nullptr;
}
int racing() {
  std::unordered_map<std::string, int> counts;
  pthread_t thread;
  pthread_create(&thread, nullptr, countInto, &counts);
  const int seen = static_cast<int>(counts.count("words"));
  pthread_join(thread, nullptr);
  return seen;
}

// A parameter of type pointer to the map, given its address.
static void fill(std::unordered_map<int, int> *table) { table->emplace(1, 1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:57: {{warning|error}}: 'table' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+5]]:22: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+3]]:29: note: no fix: 'table' is used as '&table', which maptidy::sharded_map does not offer
int viaThread() {
  std::unordered_map<int, int> table;
  std::thread worker(fill, &table);
  const bool empty = table.empty();
  worker.join();
  return empty ? 0 : 1;
}

// Silent: a local map handed to the thread and read after pthread_join.
static void *countWords(void *arg) {
  (void)arg;
  return nullptr;
}
int joined() {
  std::unordered_map<std::string, int> counts;
  pthread_t thread;
  pthread_create(&thread, nullptr, countWords, &counts);
  pthread_join(thread, nullptr);
  return static_cast<int>(counts.size());
}
