// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Thread-shared maps that cannot become a maptidy::sharded_map: the warning
// comes with a note naming what blocks the fix.
#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// Other translation units may name it.
std::unordered_map<int, int> exported;

void visible() {
  std::thread a([] { exported[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'exported' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:22: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-6]]:30: note: 'exported' is visible outside this translation unit; 'maptidy -p <build> --fix' on the whole project rewrites it in every file
  std::thread b([] { exported[2] = 2; });
  a.join();
  b.join();
}

// sharded_map has no lower_bound (no order at all).
int ordered() {
  std::map<int, int> ranks;
  std::thread a([&] { ranks[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'ranks' is modified by a thread without synchronization while the function that started it accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:15: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+1]]:15: note: no fix: 'ranks' is used as 'ranks.lower_bound()', which maptidy::sharded_map does not offer
  int first = ranks.lower_bound(0)->second;
  a.join();
  return first;
}

// Iterating a std::map visits the keys in order; a snapshot would not.
int inOrder() {
  std::map<int, int> sorted;
  std::thread a([&] { sorted[3] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'sorted' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: no fix: 'sorted' is iterated in key order, which maptidy::sharded_map does not keep
  std::thread b([&] { sorted[4] = 2; });
  a.join();
  b.join();
  int last = 0;
  for (const auto &[key, value] : sorted)
    last = key;
  return last;
}

// A reference to an element outlives any lock sharded_map could hold.
int reference() {
  std::unordered_map<int, int> slots;
  std::thread a([&] {
    int &slot = slots[1];
    // CHECK-MESSAGES: :[[@LINE-1]]:17: {{warning|error}}: 'slots' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE+4]]:23: note: concurrent access here
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: no fix: 'slots' is used as 'a reference to slots[1]', which maptidy::sharded_map does not offer
    slot = 2;
  });
  std::thread b([&] { slots[2] = 3; });
  a.join();
  b.join();
  return static_cast<int>(slots.size());
}

// operator[] reads insert the default element; with size() looking at the
// keys, get_or would change the result.
size_t readInserts() {
  std::unordered_map<int, int> cache;
  std::thread a([&] { cache[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'cache' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+4]]:15: note: no fix: 'cache[3]' inserts the key when it is missing, which get_or would not, and other uses of 'cache' look at its keys
  std::thread b([&] { cache[2] = 2; });
  a.join();
  b.join();
  int probe = cache[3];
  return cache.size() + probe;
}

void consume(std::unordered_map<int, int> &table);

// Functions written for the current type.
void passed() {
  std::unordered_map<int, int> table;
  std::thread a([&] { table[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'table' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:31: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+1]]:31: note: no fix: 'table' is passed to 'consume', which takes its current type
  std::thread b([&] { consume(table); });
  a.join();
  b.join();
}

// The loop changes the elements; a snapshot holds copies.
void modifiesInPlace() {
  std::unordered_map<int, int> scores;
  std::thread a([&] { scores[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'scores' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+4]]:14: note: no fix: the loop modifies the elements of 'scores' in place, and snapshot() returns copies
  std::thread b([&] { scores[2] = 2; });
  a.join();
  b.join();
  for (auto &[id, score] : scores)
    score *= 2;
}

// The upsert callback would call back into the same map.
static std::unordered_map<std::string, int> names;

int countLength(const std::string &key) {
  return static_cast<int>(names.size() + key.size());
}

void reentrant() {
  std::thread a([] { names["a"] += countLength("a"); });
  // CHECK-MESSAGES: :[[@LINE-1]]:22: {{warning|error}}: 'names' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:22: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: no fix: 'countLength("a")' may use 'names' while upsert holds the lock of its element
  std::thread b([] { names["b"] = 1; });
  a.join();
  b.join();
}

// Types the rewrite cannot carry over.
using Table = std::unordered_map<int, int>;

void aliased() {
  Table shared;
  std::thread a([&] { shared[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'shared' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: no fix: the type of 'shared' is not spelled out here (an alias)
  std::thread b([&] { shared[2] = 2; });
  a.join();
  b.join();
}

struct Point {
  int x, y;
  bool operator<(const Point &o) const { return x < o.x; }
};

void unhashable() {
  std::map<Point, int> grid;
  std::thread a([&] { grid[Point{1, 2}] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'grid' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:24: note: no fix: maptidy::hash cannot hash 'Point', the key type of 'grid'
  std::thread b([&] { grid[Point{3, 4}] = 2; });
  a.join();
  b.join();
}

void descending() {
  std::map<int, int, std::greater<int>> top;
  std::thread a([&] { top[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'top' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:41: note: no fix: 'top' has its own ordering or allocator
  std::thread b([&] { top[2] = 2; });
  a.join();
  b.join();
}

void multi() {
  std::multimap<int, int> events;
  std::thread a([&] { events.emplace(1, 1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'events' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:27: note: no fix: 'events' is a 'std::multimap', which has no maptidy::sharded_map counterpart
  std::thread b([&] { events.emplace(1, 2); });
  a.join();
  b.join();
}

void copied(const std::unordered_map<int, int> &seed) {
  std::unordered_map<int, int> work = seed;
  std::thread a([&] { work[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'work' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: no fix: 'work' is initialized with contents
  std::thread b([&] { work[2] = 2; });
  a.join();
  b.join();
}

void together() {
  std::unordered_map<int, int> left, right;
  std::thread a([&] { left[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'left' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: no fix: 'left' is declared together with other variables
  std::thread b([&] { left[2] = right.size(); });
  a.join();
  b.join();
}

int twice() {
  std::unordered_map<int, int> pairs;
  std::thread a([&] { pairs[1] = pairs[2] + 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'pairs' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: no fix: 'pairs' is used twice in 'pairs[1] = pairs[2] + 1', which cannot be rewritten in one piece
  std::thread b([&] { pairs[3] = 3; });
  a.join();
  b.join();
  return 0;
}

int iterators() {
  std::unordered_map<int, int> hist;
  std::thread a([&] { hist[1] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'hist' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE+5]]:18: note: no fix: 'hist' is used as 'hist.begin()', which maptidy::sharded_map does not offer
  std::thread b([&] { hist[2] = 2; });
  a.join();
  b.join();
  int sum = 0;
  for (auto it = hist.begin(); it != hist.end(); ++it)
    sum += it->second;
  return sum;
}
