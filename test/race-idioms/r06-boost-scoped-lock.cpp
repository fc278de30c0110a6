// EXPECT: race
#include <boost/thread/lock_guard.hpp>
#include <boost/thread/mutex.hpp>
#include <boost/unordered_map.hpp>
#include <string>
class ConnectionRegistry {
public:
  void add(int fd, const std::string &peer) {
    boost::mutex::scoped_lock lock(mutex_);
    peers_[fd] = peer;
  }
  void remove(int fd) {
    boost::mutex::scoped_lock lock(mutex_);
    peers_.erase(fd);
  }
  std::string peerOf(int fd) {
    boost::lock_guard<boost::mutex> lock(mutex_);
    return peers_[fd];
  }
  void closeAll() { peers_.clear(); } // RACE
private:
  boost::mutex mutex_;
  boost::unordered_map<int, std::string> peers_;
};
