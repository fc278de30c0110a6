// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// A helper that one member function calls with the lock held and another
// without: its accesses are reported, but a lock inserted in it would be
// taken twice on the first path (std::mutex deadlocks), so no fix.
#include <map>
#include <mutex>
#include <string>

class Index {
public:
  int search(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    return cachedState(key);
  }
  int peek(int key) { return cachedState(key); }
  void put(int key, int value) {
    std::lock_guard<std::mutex> lock(mu_);
    states_[key] = value;
  }
  void drop(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    states_.erase(key);
  }

private:
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

// Silent: a protected helper that every member function calling it calls
// with the lock held (Poco's PriorityNotificationQueue::dequeueOne).
class Queue {
public:
  void enqueue(int priority, int value) {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.emplace(priority, value);
  }
  int dequeue() {
    std::lock_guard<std::mutex> lock(mu_);
    return dequeueOne();
  }
  int drain() {
    std::lock_guard<std::mutex> lock(mu_);
    int last = dequeueOne();
    while (int next = dequeueOne())
      last = next;
    return last;
  }
  bool empty() const {
    std::lock_guard<std::mutex> lock(mu_);
    return queue_.empty();
  }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return queue_.size();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.clear();
  }

protected:
  int dequeueOne() {
    auto it = queue_.begin();
    if (it == queue_.end())
      return 0;
    const int value = it->second;
    queue_.erase(it);
    return value;
  }

private:
  mutable std::mutex mu_;
  std::multimap<int, int> queue_;
};

// Silent: a private helper that calls itself, with the lock its callers
// took still held (RocksDB's MockFileSystem::RenameFileInternal).
class Paths {
public:
  void add(const std::string &path) {
    std::lock_guard<std::mutex> lock(mu_);
    sizes_[path] = 1;
  }
  bool rename(const std::string &from, const std::string &to) {
    std::lock_guard<std::mutex> lock(mu_);
    return renameLocked(from, to);
  }
  void remove(const std::string &path) {
    std::lock_guard<std::mutex> lock(mu_);
    sizes_.erase(path);
  }
  void resize(const std::string &path, int size) {
    std::lock_guard<std::mutex> lock(mu_);
    sizes_[path] = size;
  }
  bool contains(const std::string &path) {
    std::lock_guard<std::mutex> lock(mu_);
    return sizes_.count(path) != 0;
  }
  int count() {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(sizes_.size());
  }

private:
  bool renameLocked(const std::string &from, const std::string &to) {
    auto it = sizes_.find(from);
    if (it == sizes_.end())
      return false;
    const int size = it->second;
    sizes_.erase(it);
    sizes_[to] = size;
    renameLocked(from + "/child", to + "/child");
    return true;
  }

  std::mutex mu_;
  std::map<std::string, int> sizes_;
};

// A helper that calls itself and that one member function calls without the
// lock: still reported.
class Tree {
public:
  void prune(int node) {
    std::lock_guard<std::mutex> lock(mu_);
    pruneFrom(node);
  }
  void pruneUnlocked(int node) { pruneFrom(node); }
  void add(int node, int parent) {
    std::lock_guard<std::mutex> lock(mu_);
    parents_[node] = parent;
  }

private:
  void pruneFrom(int node) {
    if (parents_.erase(node) != 0)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'parents_' is modified without holding 'mu_'; 1 of 2 accesses hold it [maptidy-unsynchronized-map-access]
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: no fix: 'pruneFrom' takes a lock, waits for a thread, calls a member function that may take a lock, or is called with one held; locking 'mu_' there too could deadlock
      pruneFrom(node + 1);
  }

  std::mutex mu_;
  std::map<int, int> parents_;
};

// Silent: helpers that only the constructor and the destructor call run
// before and after any sharing.
class Buffers {
public:
  Buffers() { fill(); }
  ~Buffers() { clear(); }
  void add(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    sizes_[id] = 0;
  }
  void grow(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    ++sizes_[id];
  }
  int size(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    return sizes_[id];
  }

private:
  void fill() { fillFrom(0); }
  void fillFrom(int first) {
    for (int id = first; id < 4; ++id)
      sizes_[id] = 1;
  }
  void clear() {
    for (auto &entry : sizes_)
      entry.second = 0;
    sizes_.clear();
  }

  std::mutex mu_;
  std::map<int, int> sizes_;
};

int main() {
  Buffers buffers;
  buffers.add(5);
  buffers.grow(5);
  Paths paths;
  paths.add("a");
  paths.rename("a", "b");
  paths.resize("b", 2);
  paths.remove(paths.contains("b") ? "c" : "b");
  Tree tree;
  tree.add(2, 1);
  tree.prune(2);
  tree.pruneUnlocked(3);
  Queue q;
  q.enqueue(1, 5);
  q.enqueue(2, 7);
  const int first = q.dequeue();
  const int rest = q.drain();
  q.clear();
  Index i;
  i.put(1, 2);
  return i.search(1) + i.peek(1) + first + rest + static_cast<int>(q.size()) +
         q.empty() + paths.count() + buffers.size(5);
}
