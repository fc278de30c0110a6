// RUN: %check_maptidy --tsan %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// A map member of a class without a mutex, written by a member function that
// runs on a thread and by the public member functions that other threads
// call, becomes a maptidy::sharded_map when no other translation unit can
// name it. The fixed program runs its threads under ThreadSanitizer and
// prints what the sequential run of the input prints.
#include <cstdio>
#include <thread>
#include <unordered_map>
// CHECK-FIXES: {{^}}#include <maptidy/sharded_map.hpp>{{$}}

class Tally {
public:
  Tally() : worker_(&Tally::run, this) {}
  void add(int key) { counts_[key] += 1; }
  // CHECK-FIXES: {{^}}  void add(int key) { counts_.upsert(key, [](auto& value) { value += 1; }); }{{$}}
  bool has(int key) const { return counts_.count(key) != 0; }
  // CHECK-FIXES: {{^}}  bool has(int key) const { return counts_.contains(key); }{{$}}
  void wait() { worker_.join(); }
  int total() const { return static_cast<int>(counts_.size()); }

private:
  void run() {
    for (int i = 100; i < 200; ++i)
      store(i);
  }
  void store(int key) { counts_[key] = key; }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: {{warning|error}}: 'counts_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-14]]:23: note: concurrent access here
  // CHECK-FIXES: {{^}}  void store(int key) { counts_.insert_or_assign(key, key); }{{$}}

  std::unordered_map<int, int> counts_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<int, int> counts_;{{$}}
  std::thread worker_;
};

int main() {
  Tally tally;
  for (int i = 0; i < 100; ++i)
    tally.add(i);
  tally.wait();
  std::printf("%d %d %d\n", tally.total(), tally.has(150), tally.has(250));
}
