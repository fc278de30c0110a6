// Reads under a shared lock, writes under an exclusive one.
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
    std::unique_lock<std::shared_mutex> lock(mu_);
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
      directory.touch(i % 10);
  });
  size_t length = 0;
  std::thread b([&directory, &length] {
    for (int i = 0; i < 500; ++i)
      length += directory.lookup(i % 10).size();
  });
  a.join();
  b.join();
  std::printf("%zu %d\n", directory.lookup(3).size(), length > 0);
}
