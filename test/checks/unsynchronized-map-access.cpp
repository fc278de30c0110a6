// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Accesses of a map member without the mutex that guards it elsewhere: RAII
// and manual locking, helpers called with the lock held, shared locks, a fast
// path that returns before locking.
#include <cstdio>
#include <iterator>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

class Cache {
public:
  void put(const std::string &key, int value) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_[key] = value;
  }
  int get(const std::string &key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    return it == entries_.end() ? -1 : it->second;
  }
  void erase(const std::string &key) {
    mu_.lock();
    entries_.erase(key);
    mu_.unlock();
  }
  // Forgot the lock.
  size_t size() const { return entries_.size(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: {{warning|error}}: 'entries_' is read without holding 'mu_'; 4 of 6 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  size_t size() const { std::lock_guard<std::mutex> lock(mu_); return entries_.size(); }{{$}}
  // CHECK-FIXES: {{^}}  void clearAll() { std::lock_guard<std::mutex> lock(mu_); entries_.clear(); }{{$}}
  void clearAll() { entries_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: {{warning|error}}: 'entries_' is modified without holding 'mu_'; 4 of 6 accesses hold it [maptidy-unsynchronized-map-access]

private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, int> entries_;
};

class Registry {
public:
  void add(int id, const std::string &name) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    insertLocked(id, name);
  }
  std::string find(int id) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = names_.find(id);
    return it == names_.end() ? std::string() : it->second;
  }
  bool has(int id) const { return names_.count(id) != 0; }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: {{warning|error}}: 'names_' is read without holding 'mu_'; 5 of 6 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  bool has(int id) const { std::shared_lock<std::shared_mutex> lock(mu_); return names_.count(id) != 0; }{{$}}
  void rename(int id, const std::string &name) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    names_[id] = name;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'names_' is modified while 'mu_' is held only for reading (shared lock) [maptidy-unsynchronized-map-access]
  }
  // Written through the iterator std::next returns.
  void renameSecond(const std::string &name) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    std::next(names_.begin())->second = name;
    // CHECK-MESSAGES: :[[@LINE-1]]:15: {{warning|error}}: 'names_' is modified while 'mu_' is held only for reading (shared lock) [maptidy-unsynchronized-map-access]
  }

private:
  // Called only with the lock held.
  void insertLocked(int id, const std::string &name) { names_[id] = name; }

  mutable std::shared_mutex mu_;
  std::map<int, std::string> names_;
};

// A fast path returns before the lock is taken.
class Index {
public:
  int find(int k) {
    if (k < 0)
      return static_cast<int>(positions_.count(-k));
    // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'positions_' is read without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:31: note: no fix: 'find' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
    mu_.lock();
    auto it = positions_.find(k);
    const int found = it == positions_.end() ? -1 : it->second;
    mu_.unlock();
    return found;
  }
  void add(int k, int position) {
    std::lock_guard<std::mutex> lock(mu_);
    positions_[k] = position;
  }

private:
  std::mutex mu_;
  std::map<int, int> positions_;
};

// Runs single-threaded: the unfixed program races by design, so only a
// sequential run prints the same before and after the fix.
int main() {
  Cache cache;
  for (int i = 0; i < 10; ++i) {
    cache.put(std::to_string(i), i);
    if (i % 3 == 0)
      cache.clearAll();
  }
  Registry registry;
  registry.add(1, "one");
  registry.rename(1, "uno");
  Index index;
  index.add(2, 7);
  std::printf("%zu %d %s %d %d %d\n", cache.size(), cache.get("9"),
              registry.find(1).c_str(), registry.has(1) ? 1 : 0,
              index.find(2), index.find(-2));
}
