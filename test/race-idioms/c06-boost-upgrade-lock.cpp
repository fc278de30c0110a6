// EXPECT: clean
#include <boost/thread/locks.hpp>
#include <boost/thread/shared_mutex.hpp>
#include <map>
#include <string>
class SymbolTable {
public:
  int intern(const std::string &name) {
    boost::upgrade_lock<boost::shared_mutex> read(mutex_);
    auto it = ids_.find(name);
    if (it != ids_.end())
      return it->second;
    boost::upgrade_to_unique_lock<boost::shared_mutex> write(read);
    const int id = static_cast<int>(ids_.size());
    ids_[name] = id;
    return id;
  }
  int lookup(const std::string &name) const {
    boost::shared_lock<boost::shared_mutex> read(mutex_);
    auto it = ids_.find(name);
    return it == ids_.end() ? -1 : it->second;
  }
  void clear() {
    boost::unique_lock<boost::shared_mutex> write(mutex_);
    ids_.clear();
  }
private:
  mutable boost::shared_mutex mutex_;
  std::map<std::string, int> ids_;
};
