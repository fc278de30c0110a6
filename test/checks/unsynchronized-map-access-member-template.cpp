// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Helpers reached through a member template: its specializations pass the
// locks their callers hold on to the helpers they call.
#include <map>
#include <mutex>

// Every path to the helper holds the lock, one of them through a member
// template: silent.
class Cache {
public:
  int search(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    return searchLoop<true>(key);
  }
  void put(int key, int value) {
    std::lock_guard<std::mutex> lock(mu_);
    states_[key] = value;
  }
  void drop(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    states_.erase(key);
  }

private:
  template <bool Longest> int searchLoop(int key) {
    return Longest ? cachedState(key) : -1;
  }
  int cachedState(int key) {
    auto it = states_.find(key);
    return it == states_.end() ? -1 : it->second;
  }

  std::mutex mu_;
  std::map<int, int> states_;
};

// One path reaches the template without the lock: the helper's read is
// reported, with no fix, since another path calls it with the lock held.
class Index {
public:
  int search(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    return searchLoop<true>(key);
  }
  int peek(int key) { return searchLoop<false>(key); }
  void put(int key, int value) {
    std::lock_guard<std::mutex> lock(mu_);
    states_[key] = value;
  }
  void drop(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    states_.erase(key);
  }

private:
  template <bool Longest> int searchLoop(int key) {
    return cachedState(key) + (Longest ? 1 : 0);
  }
  int cachedState(int key) {
    auto it = states_.find(key);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: {{warning|error}}: 'states_' is read without holding 'mu_'; 2 of 4 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no fix: 'cachedState' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
    return it == states_.end() ? -1 : it->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: {{warning|error}}: 'states_' is read without holding 'mu_'; 2 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  }

  std::mutex mu_;
  std::map<int, int> states_;
};

int main() {
  Cache c;
  c.put(1, 2);
  Index i;
  i.put(1, 2);
  return c.search(1) + i.search(1) + i.peek(1);
}
