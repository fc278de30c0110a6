// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Unguarded accesses where a lock taken at the start of the block would not
// compile (a const member function and a mutex that is not mutable) or would
// not protect them (a reference, pointer or iterator into the map returned to
// the caller): reported with a note instead of a fix. Fixed beside them: a
// copy returned, and a const member function whose mutex is held by
// reference (locked as the mutex itself, not as a reference type).
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Sessions {
public:
  void add(int id, const std::string &peer) {
    std::lock_guard<std::mutex> lock(mu_);
    peers_[id] = peer;
  }
  void drop(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    peers_.erase(id);
  }
  bool knows(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    return peers_.count(id) != 0;
  }
  // `mu_` is not mutable: a lock_guard on it does not compile here.
  size_t count() const { return peers_.size(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: {{warning|error}}: 'peers_' is read without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no fix: 'count' is const and 'mu_' is not mutable, so it cannot be locked there
  // CHECK-FIXES: {{^}}  size_t count() const { return peers_.size(); }{{$}}

private:
  std::mutex mu_;
  std::unordered_map<int, std::string> peers_;
};

// The caller uses what these return after any lock taken in them is
// released.
class Directory {
public:
  void add(int id, const std::string &peer) {
    std::lock_guard<std::mutex> lock(mu_);
    peers_[id] = peer;
  }
  void drop(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    peers_.erase(id);
  }
  bool knows(int id) const {
    std::lock_guard<std::mutex> lock(mu_);
    return peers_.count(id) != 0;
  }
  size_t count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return peers_.size();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    peers_.clear();
  }
  const std::unordered_map<int, std::string> &all() const { return peers_; }
  // CHECK-MESSAGES: :[[@LINE-1]]:68: {{warning|error}}: 'peers_' is read without holding 'mu_'; 5 of 9 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:68: note: no fix: 'all' returns a reference, pointer or iterator into 'peers_', which its callers use after a lock taken there is released
  // CHECK-FIXES: {{^}}  const std::unordered_map<int, std::string> &all() const { return peers_; }{{$}}
  const std::string *find(int id) const {
    auto it = peers_.find(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: {{warning|error}}: 'peers_' is read without holding 'mu_'; 5 of 9 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no fix: 'find' returns a reference, pointer or iterator into 'peers_', which its callers use after a lock taken there is released
    return it == peers_.end() ? nullptr : &it->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: {{warning|error}}: 'peers_' is read without holding 'mu_'; 5 of 9 accesses hold it [maptidy-unsynchronized-map-access]
  }
  std::string &at(int id) { return peers_.at(id); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: {{warning|error}}: 'peers_' is read without holding 'mu_'; 5 of 9 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-2]]:36: note: no fix: 'at' returns a reference, pointer or iterator into 'peers_', which its callers use after a lock taken there is released
  // CHECK-FIXES: {{^}}  std::string &at(int id) { return peers_.at(id); }{{$}}

private:
  mutable std::mutex mu_;
  std::unordered_map<int, std::string> peers_;
};

class Routes {
public:
  void set(const std::string &from, const std::string &to) {
    std::lock_guard<std::mutex> lock(mu_);
    next_[from] = to;
  }
  std::string get(const std::string &from) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = next_.find(from);
    return it == next_.end() ? std::string() : it->second;
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    next_.clear();
  }
  // A copy, taken under the lock, is returned: fixed.
  std::map<std::string, std::string> snapshot() const { return next_; }
  // CHECK-MESSAGES: :[[@LINE-1]]:64: {{warning|error}}: 'next_' is read without holding 'mu_'; 4 of 5 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  std::map<std::string, std::string> snapshot() const { std::lock_guard<std::mutex> lock(mu_); return next_; }{{$}}

private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> next_;
};

// A mutex held by reference is not const in a const member function: fixed.
class SharedRoutes {
public:
  explicit SharedRoutes(std::mutex &mu) : mu_(mu) {}
  void set(int from, int to) {
    std::lock_guard<std::mutex> lock(mu_);
    next_[from] = to;
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    next_.clear();
  }
  size_t size() const { return next_.size(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:32: {{warning|error}}: 'next_' is read without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  size_t size() const { std::lock_guard<std::mutex> lock(mu_); return next_.size(); }{{$}}

private:
  std::mutex &mu_;
  std::unordered_map<int, int> next_;
};
