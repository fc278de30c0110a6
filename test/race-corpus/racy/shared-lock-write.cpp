// A write under a reader (shared) lock: two threads insert at once.
#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>

class Directory {
public:
  std::string lookup(int id) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = names_.find(id);
    return it == names_.end() ? std::string() : it->second;
  }
  void add(int id, std::string name) {
    std::unique_lock<std::shared_mutex> lock(mu_);
    names_[id] = std::move(name);
  }
  void touch(int id) {
    std::shared_lock<std::shared_mutex> lock(mu_);
    names_[id] += "*";
  }

private:
  mutable std::shared_mutex mu_;
  std::map<int, std::string> names_;
};

int main() {
  Directory directory;
  for (int i = 0; i < 10; ++i)
    directory.add(i, "n" + std::to_string(i));
  std::thread a([&directory] {
    for (int i = 0; i < 500; ++i)
      directory.touch(100 + i);
  });
  std::thread b([&directory] {
    for (int i = 0; i < 500; ++i)
      directory.touch(1000 + i);
  });
  a.join();
  b.join();
  std::printf("%zu\n", directory.lookup(3).size());
}
