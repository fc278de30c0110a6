// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Threads started on functions, member functions, named lambdas, functors and
// pool tasks; a thread that reads while another writes.
#include <functional>
#include <future>
#include <map>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// A function as the thread entry, receiving the map through std::ref.
static void countWords(std::unordered_map<std::string, int> &counts,
                       const std::vector<std::string> &words) {
  for (const auto &word : words)
    ++counts[word];
    // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+8]]:15: note: another thread running it is started here
    // CHECK-MESSAGES: :[[@LINE+6]]:42: note: no fix: 'counts' is passed to 'ref', which takes its current type
}

int countBoth(const std::vector<std::string> &a,
              const std::vector<std::string> &b) {
  std::unordered_map<std::string, int> counts;
  std::thread first(countWords, std::ref(counts), std::cref(a));
  std::thread second(countWords, std::ref(counts), std::cref(b));
  first.join();
  second.join();
  return static_cast<int>(counts.size());
}

// A function that writes a global map, started twice.
static std::unordered_map<int, int> seen;
// CHECK-FIXES: {{^}}static maptidy::sharded_map<int, int> seen;{{$}}

static void worker() {
  for (int i = 0; i < 100; ++i)
    seen[i] = i;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'seen' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+6]]:15: note: another thread running it is started here
    // CHECK-FIXES: {{^}}    seen.insert_or_assign(i, i);{{$}}
}

void runWorkers() {
  std::thread t1(worker);
  std::thread t2(worker);
  t1.join();
  t2.join();
}

// A named lambda started on two threads.
int latestOf(const std::vector<int> &keys) {
  std::unordered_map<int, int> latest;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> latest;{{$}}
  auto work = [&] {
    for (int k : keys)
      latest[k] = k;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: {{warning|error}}: 'latest' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
      // CHECK-MESSAGES: :[[@LINE+3]]:24: note: another thread running it is started here
      // CHECK-FIXES: {{^}}      latest.insert_or_assign(k, k);{{$}}
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  return static_cast<int>(latest.size());
}

// A functor whose operator() writes a global map.
static std::unordered_map<int, int> tally;
// CHECK-FIXES: {{^}}static maptidy::sharded_map<int, int> tally;{{$}}

struct Tally {
  void operator()() const { ++tally[1]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'tally' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+6]]:15: note: another thread running it is started here
  // CHECK-FIXES: {{^}}  void operator()() const { tally.upsert(1, [](auto& value) { ++value; }); }{{$}}
};

void runTally() {
  std::thread a{Tally{}};
  std::thread b{Tally{}};
  a.join();
  b.join();
}

// A reader thread while the launching function inserts.
int readWhileInserting() {
  std::unordered_map<int, int> table;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> table;{{$}}
  int found = 0;
  std::thread reader([&] {
    for (int i = 0; i < 100; ++i)
      if (table.count(i))
      // CHECK-MESSAGES: :[[@LINE-1]]:11: {{warning|error}}: 'table' is read by a thread without synchronization while the function that started it modifies it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
      // CHECK-MESSAGES: :[[@LINE+5]]:5: note: concurrent access here
      // CHECK-FIXES: {{^}}      if (table.contains(i)){{$}}
        ++found;
  });
  for (int i = 0; i < 100; ++i)
    table[i] = i;
    // CHECK-FIXES: {{^}}    table.insert_or_assign(i, i);{{$}}
  reader.join();
  return found;
}

// std::async with the default policy may run the task on another thread.
int asyncDefault() {
  std::unordered_map<int, int> cache;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> cache;{{$}}
  auto task = std::async([&] { cache[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: {{warning|error}}: 'cache' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: concurrent access here
  // CHECK-FIXES: {{^}}  auto task = std::async([&] { cache.insert_or_assign(1, 1); });{{$}}
  cache[2] = 2;
  // CHECK-FIXES: {{^}}  cache.insert_or_assign(2, 2);{{$}}
  task.get();
  return static_cast<int>(cache.size());
}

// Tasks of a thread pool, submitted in a loop.
class ThreadPool {
public:
  void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  void wait() {
    for (auto &task : tasks_)
      task();
  }

private:
  std::vector<std::function<void()>> tasks_;
};

int pooled(const std::vector<int> &items) {
  std::unordered_map<int, int> counts;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> counts;{{$}}
  ThreadPool pool;
  for (int item : items)
    pool.submit([&counts, item] { ++counts[item]; });
    // CHECK-MESSAGES: :[[@LINE-1]]:37: {{warning|error}}: 'counts' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the thread is started in a loop
    // CHECK-FIXES: {{^}}    pool.submit([&counts, item] { counts.upsert(item, [](auto& value) { ++value; }); });{{$}}
  pool.wait();
  return static_cast<int>(counts.size());
}

// A member function on a thread; the class has no mutex.
class Scheduler {
public:
  Scheduler() : worker_(&Scheduler::run, this) {}
  ~Scheduler() { worker_.join(); }
  void schedule(int id, std::string job) { jobs_[id] = std::move(job); }
  // CHECK-FIXES: {{^}}  void schedule(int id, std::string job) { jobs_.insert_or_assign(id, std::move(job)); }{{$}}

private:
  void run() {
    for (int i = 0; i < 100; ++i)
      drop(i);
  }
  void drop(int id) { jobs_.erase(id); }
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'jobs_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-10]]:44: note: concurrent access here

  std::unordered_map<int, std::string> jobs_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, std::string> jobs_;{{$}}
  std::thread worker_;
};

void useScheduler() {
  Scheduler s;
  s.schedule(1, "a");
}

// A shared_ptr to a map captured by value: the copies share one map.
int sharedPointer() {
  auto counts = std::make_shared<std::unordered_map<int, int>>();
  std::thread a([counts] { ++(*counts)[1]; });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'counts' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:28: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:8: note: no fix: 'counts' reaches the map through a std::shared_ptr; {{.*}}
  std::thread b([counts] { counts->erase(1); });
  a.join();
  b.join();
  return static_cast<int>(counts->size());
}

// boost::asio::post runs the task on a thread that runs the io context.
namespace boost {
namespace asio {
struct io_context {};
template <class Task> void post(io_context &, Task task) { task(); }
} // namespace asio
} // namespace boost

int posted(boost::asio::io_context &io) {
  std::unordered_map<int, int> results;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> results;{{$}}
  boost::asio::post(io, [&results] { results[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:38: {{warning|error}}: 'results' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: concurrent access here
  // CHECK-FIXES: {{^}}  boost::asio::post(io, [&results] { results.insert_or_assign(1, 1); });{{$}}
  results[2] = 2;
  // CHECK-FIXES: {{^}}  results.insert_or_assign(2, 2);{{$}}
  return static_cast<int>(results.size());
}
