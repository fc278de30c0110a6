// RUN: %check_maptidy --tsan %s maptidy-unsynchronized-map-access %t -- --config="{CheckOptions: {maptidy-unsynchronized-map-access.ThreadLaunchers: '::TaskPool::submit;exec::post'}}" -- -std=c++17 -pthread -I%maptidy_include
// ThreadLaunchers: the lambda given to a listed thread-pool function runs on
// another thread, as with std::thread.
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}

// A pool that runs each task on a thread of its own until wait().
class TaskPool {
public:
  void submit(std::function<void()> task) {
    threads_.emplace_back(std::move(task));
  }
  void wait() {
    for (auto &t : threads_)
      t.join();
    threads_.clear();
  }

private:
  std::vector<std::thread> threads_;
};

namespace exec {
template <typename F> void post(TaskPool &pool, F task) {
  pool.submit(std::move(task));
}
} // namespace exec

// Runs its task on the caller's thread: not listed, not a thread start.
struct Inline {
  void submit(const std::function<void()> &task) { task(); }
};

int counted(int n) {
  TaskPool pool;
  std::unordered_map<int, int> parity;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> parity;{{$}}
  for (int t = 0; t < 3; ++t)
    pool.submit([&parity, n, t] {
      for (int i = t; i < n; i += 3)
        parity[i % 2] += i;
      // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'parity' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
      // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the thread is started in a loop
      // CHECK-FIXES: {{^}}        parity.upsert(i % 2, [&](auto& value) { value += i; });{{$}}
    });
  pool.wait();
  return parity[0] - parity[1];
  // CHECK-FIXES: {{^}}  return parity.get_or(0, {}) - parity.get_or(1, {});{{$}}
}

int posted() {
  TaskPool pool;
  std::unordered_map<std::string, int> seen;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> seen;{{$}}
  exec::post(pool, [&seen] { seen["a"] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: {{warning|error}}: 'seen' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  exec::post(pool, [&seen] { seen.insert_or_assign("a", 1); });{{$}}
  exec::post(pool, [&seen] { seen["b"] = 2; });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: note: concurrent access here
  // CHECK-FIXES: {{^}}  exec::post(pool, [&seen] { seen.insert_or_assign("b", 2); });{{$}}
  pool.wait();
  return static_cast<int>(seen.size());
}

int inlineTasks() {
  Inline runner;
  std::unordered_map<int, int> local;
  for (int t = 0; t < 3; ++t)
    runner.submit([&local, t] { local[t] = t; });
  return static_cast<int>(local.size());
}

int main() {
  std::printf("%d %d %d\n", counted(1000), posted(), inlineTasks());
}
