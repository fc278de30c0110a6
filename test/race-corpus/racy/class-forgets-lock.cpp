// A class with a mutex: one member function forgets to take it.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Cache {
public:
  void put(int key, std::string value) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_[key] = std::move(value);
  }
  bool has(int key) const {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_.count(key) != 0;
  }
  void drop(int key) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.erase(key);
  }
  size_t size() const { return entries_.size(); }

private:
  mutable std::mutex mu_;
  std::unordered_map<int, std::string> entries_;
};

int main() {
  Cache cache;
  std::thread writer([&cache] {
    for (int i = 0; i < 1000; ++i)
      cache.put(i, "value");
  });
  size_t observed = 0;
  std::thread reader([&cache, &observed] {
    for (int i = 0; i < 1000; ++i)
      observed += cache.size();
  });
  writer.join();
  reader.join();
  std::printf("%zu %d\n", cache.size(), observed > 0);
}
