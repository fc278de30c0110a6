// RUN: %check_maptidy %s maptidy-unsorted-map-to-vector %t -- -- -std=c++17 -I%maptidy_include
// A vector member filled from an unordered container in one member function
// and handed out or printed by another: the other member functions decide
// whether the order is relied on.
#include <algorithm>
#include <iostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// Handed out by a getter; the source is a set, so the sort is the fix.
class Registry {
public:
  void rebuild() {
    names_.clear();
    for (const auto &name : known_)
      names_.push_back(name);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'names_' takes the iteration order of 'known_', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+4]]:58: note: the order is relied on here
    // CHECK-FIXES: {{^}}      names_.push_back(name);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::sort(names_.begin(), names_.end());{{$}}
  }
  const std::vector<std::string> &names() const { return names_; }

private:
  std::unordered_set<std::string> known_;
  std::vector<std::string> names_;
};

// Printed in order by another member function; the source can become a
// maptidy::skiplist_map.
class Roster {
public:
  void load() { members_.assign(ids_.begin(), ids_.end()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'members_' takes the iteration order of 'ids_', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
  // CHECK-MESSAGES: :[[@LINE+3]]:35: note: the order is relied on here
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'ids_' becomes a maptidy::skiplist_map, which iterates in key order
  void print() const {
    for (const auto &[id, name] : members_)
      std::cout << id << ' ' << name << '\n';
  }

private:
  std::unordered_map<int, std::string> ids_;
  // CHECK-FIXES: {{^}}  maptidy::skiplist_map<int, std::string> ids_;{{$}}
  std::vector<std::pair<int, std::string>> members_;
};

// Appended to what the member already holds: a sort would reorder that
// too, so no fix.
class History {
public:
  void record() {
    for (const std::string &event : pending_)
      events_.push_back(event);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'events_' takes the iteration order of 'pending_', which is unspecified, and that order is relied on [maptidy-unsorted-map-to-vector]
    // CHECK-MESSAGES: :[[@LINE+4]]:30: note: the order is relied on here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: no fix: 'events_' keeps the elements it held before the copy, which a sort would reorder too
  }
  void dump() const {
    for (const auto &event : events_)
      std::cout << event << '\n';
  }

private:
  std::unordered_set<std::string> pending_;
  std::vector<std::string> events_;
};

// Silent: another member function sorts the vector before it is used.
class SortedLater {
public:
  void collect() {
    for (int id : live_)
      order_.push_back(id);
  }
  void finish() { std::sort(order_.begin(), order_.end()); }
  const std::vector<int> &order() const { return order_; }

private:
  std::unordered_set<int> live_;
  std::vector<int> order_;
};

// Silent: the other member functions only test membership and sum.
class Membership {
public:
  void snapshot() {
    for (const auto &[key, weight] : weights_)
      keys_.push_back(key);
  }
  bool has(int key) const {
    return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
  }
  std::size_t count() const { return keys_.size(); }

private:
  std::unordered_map<int, double> weights_;
  std::vector<int> keys_;
};
