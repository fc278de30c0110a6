// EXPECT: race
#include <mutex>
#include <string>
#include <unordered_map>
class SessionTable {
public:
  void open(int id, std::string user) {
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    std::string normalized = user + "@local";
    lock.lock();
    sessions_[id] = std::move(normalized);
  }
  void close(int id) {
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    lock.lock();
    sessions_.erase(id);
  }
  bool isOpen(int id) {
    std::unique_lock<std::mutex> lock(mu_);
    return sessions_.count(id) != 0;
  }
  void expireAll() { sessions_.clear(); } // RACE
private:
  std::mutex mu_;
  std::unordered_map<int, std::string> sessions_;
};
