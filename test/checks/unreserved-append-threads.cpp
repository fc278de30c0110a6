// RUN: %check_maptidy %s maptidy-unreserved-append %t -- --config="{CheckOptions: {ThreadLaunchers: '::Pool::submit'}}" -- -std=c++17 -pthread
// A loop on another thread that fills a container other threads can reach
// is reported without a fix: a reserve() there would race with the other
// threads' uses (a rehash under their inserts) and would not count their
// elements. A container of the thread's own gets the reserve.
#include <functional>
#include <thread>
#include <unordered_map>
#include <vector>

// Two threads fill the same map, captured by reference.
void twoWriters(int n) {
  std::unordered_map<int, int> ids;
  std::thread a([&] {
    for (int i = 0; i < n; ++i)
      ids.emplace(i, i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'ids' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: no fix: the loop runs on the thread started here, and other threads can reach 'ids'; a reserve() there would race with them and not count their elements
  });
  std::thread b([&] {
    for (int i = 0; i < n; ++i)
      ids.emplace(-i, i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'ids' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: no fix: the loop runs on the thread started here, and other threads can reach 'ids'; a reserve() there would race with them and not count their elements
  });
  a.join();
  b.join();
}

// A global, and a member reached through the captured this.
std::vector<int> results;
struct Collector {
  std::vector<int> seen;
  void run(int n) {
    std::thread worker([this, n] {
      for (int i = 0; i < n; ++i)
        seen.push_back(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'seen' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-MESSAGES: :[[@LINE-4]]:17: note: no fix: the loop runs on the thread started here, and other threads can reach 'seen'; a reserve() there would race with them and not count their elements
      for (int i = 0; i < n; ++i)
        results.push_back(i);
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'results' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-MESSAGES: :[[@LINE-8]]:17: note: no fix: the loop runs on the thread started here, and other threads can reach 'results'; a reserve() there would race with them and not count their elements
    });
    worker.join();
  }
};

// A task of a configured thread pool, through a std::function parameter.
struct Pool {
  void submit(std::function<void()> task) { std::thread(task).join(); }
};
void pooled(Pool &pool, std::vector<int> &out, int n) {
  pool.submit([&out, n] {
    for (int i = 0; i < n; ++i)
      out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: no fix: the loop runs on the thread started here, and other threads can reach 'out'; a reserve() there would race with them and not count their elements
  });
}

// The thread's own containers: declared inside it, or captured by copy.
void ownData(int n) {
  std::vector<int> seed;
  std::thread worker([seed, n]() mutable {
    std::vector<int> local;
    for (int i = 0; i < n; ++i)
      local.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'local' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}    local.reserve(std::max(n, 0));{{$}}
    for (int i = 0; i < n; ++i)
      seed.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'seed' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}    seed.reserve(std::max(n, 0));{{$}}
  });
  worker.join();
}

// Outside any thread, a shared container is filled before the threads
// start: the reserve stays.
void beforeStart(int n) {
  std::vector<int> shared;
  for (int i = 0; i < n; ++i)
    shared.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'shared' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  shared.reserve(std::max(n, 0));{{$}}
  std::thread reader([&] { (void)shared.size(); });
  reader.join();
}
