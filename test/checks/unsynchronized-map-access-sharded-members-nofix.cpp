// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Map members shared with a member function on a thread that cannot become a
// maptidy::sharded_map: reported, with a note naming what blocks the fix.
#include <cstdio>
#include <thread>
#include <unordered_map>

static int sum(const std::unordered_map<int, int> &counts) {
  int total = 0;
  for (const auto &entry : counts)
    total += entry.second;
  return total;
}

// Handed to a function that takes the map's current type.
class Handed {
public:
  Handed() : worker_(&Handed::run, this) {}
  ~Handed() { worker_.join(); }
  void add(int key) { counts_[key] = 1; }
  int total() const { return sum(counts_); }

private:
  void run() { counts_.erase(1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: {{warning|error}}: 'counts_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-6]]:34: note: no fix: 'counts_' is passed to 'sum', which takes its current type
  std::unordered_map<int, int> counts_;
  std::thread worker_;
};

// Public: other translation units can name it.
class Exposed {
public:
  Exposed() : worker_(&Exposed::run, this) {}
  ~Exposed() { worker_.join(); }
  void add(int key) { counts[key] = 1; }
  std::unordered_map<int, int> counts;

private:
  void run() { counts.erase(1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: {{warning|error}}: 'counts' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-6]]:32: note: 'counts' is visible outside this translation unit; 'maptidy -p <build> --fix' on the whole project rewrites it in every file
  std::thread worker_;
};

// Objects of the class are assigned, which a maptidy::sharded_map cannot be.
class Assigned {
public:
  Assigned() : worker_(&Assigned::run, this) {}
  void wait() { worker_.join(); }
  void add(int key) { counts_[key] = 1; }

private:
  void run() { counts_.erase(1); }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: {{warning|error}}: 'counts_' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: concurrent access here
  std::unordered_map<int, int> counts_;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: note: no fix: objects of 'Assigned' are assigned, which maptidy::sharded_map cannot be
  std::thread worker_;
};
void reassign(Assigned &assigned) { assigned = Assigned(); }

int main() {
  {
    Handed handed;
    handed.add(2);
    std::printf("%d\n", handed.total());
  }
  Exposed exposed;
  exposed.add(2);
}
