// EXPECT: clean
// Helpers annotated as requiring the lock, and AssertHeld.
#include "absl/synchronization/mutex.h"
#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include <string>
class UserCache {
public:
  void Put(int id, std::string name) {
    absl::MutexLock lock(&mu_);
    PutLocked(id, std::move(name));
  }
  std::string Get(int id) const {
    absl::ReaderMutexLock lock(&mu_);
    auto it = names_.find(id);
    return it == names_.end() ? "" : it->second;
  }
  void PutLocked(int id, std::string name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    names_[id] = std::move(name);
  }
  void EvictLocked(int id) {
    mu_.AssertHeld();
    names_.erase(id);
  }
  void Evict(int id) {
    absl::MutexLock lock(&mu_);
    EvictLocked(id);
  }
private:
  mutable absl::Mutex mu_;
  absl::flat_hash_map<int, std::string> names_;
};
