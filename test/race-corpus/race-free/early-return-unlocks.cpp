// Manual locking: the early return unlocks before it leaves.
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

class Index {
public:
  int lookup(int key) {
    mu_.lock();
    if (key < 0) {
      const int present = static_cast<int>(positions_.count(-key));
      mu_.unlock();
      return present;
    }
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
    for (int i = 0; i < 1000; ++i)
      found += index.lookup(-i);
  });
  writer.join();
  reader.join();
  std::printf("%zu %d\n", index.size(), found > 0);
}
