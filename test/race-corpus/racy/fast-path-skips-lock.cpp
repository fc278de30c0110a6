// Manual locking: an early return on a fast path runs before the lock.
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

class Index {
public:
  int lookup(int key) {
    if (key < 0)
      return static_cast<int>(positions_.count(-key));
    mu_.lock();
    auto it = positions_.find(key);
    const int position = it == positions_.end() ? -1 : it->second;
    mu_.unlock();
    return position;
  }
  void add(int key, int position) {
    mu_.lock();
    positions_[key] = position;
    mu_.unlock();
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return positions_.size();
  }

private:
  std::mutex mu_;
  std::map<int, int> positions_;
};

int main() {
  Index index;
  std::thread writer([&index] {
    for (int i = 0; i < 1000; ++i)
      index.add(i, i * 2);
  });
  int found = 0;
  std::thread reader([&index, &found] {
    // Polls on the fast path, which never takes the lock, until it sees an
    // element the writer added.
    for (int i = 1; found == 0; i = i % 999 + 1) {
      found += index.lookup(-i);
      std::this_thread::yield();
    }
  });
  writer.join();
  reader.join();
  std::printf("%zu %d\n", index.size(), found > 0);
}
