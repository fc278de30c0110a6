// EXPECT: race
#include "absl/synchronization/mutex.h"
#include "absl/container/flat_hash_map.h"
#include <string>
class UserCache {
public:
  void Put(int id, std::string name) {
    absl::MutexLock lock(&mu_);
    names_[id] = std::move(name);
  }
  std::string Get(int id) const {
    absl::ReaderMutexLock lock(&mu_);
    auto it = names_.find(id);
    return it == names_.end() ? "" : it->second;
  }
  void Evict(int id) {
    absl::MutexLock lock(&mu_);
    names_.erase(id);
  }
  size_t Size() const { return names_.size(); } // RACE
private:
  mutable absl::Mutex mu_;
  absl::flat_hash_map<int, std::string> names_;
};
