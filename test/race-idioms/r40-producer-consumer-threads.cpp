// EXPECT: race
#include <string>
#include <thread>
#include <unordered_map>
// A session table that only the two threads the class starts touch.
class Relay {
public:
  void start() {
    acceptor_ = std::thread([this] { accept(); });
    reaper_ = std::thread(&Relay::reap, this);
  }
  void stop() {
    acceptor_.join();
    reaper_.join();
  }
private:
  void accept() {
    for (int id = 0; id < 1000; ++id)
      sessions_[id] = "peer-" + std::to_string(id); // RACE
  }
  void reap() {
    for (int id = 0; id < 1000; ++id)
      sessions_.erase(id); // RACE
  }
  std::unordered_map<int, std::string> sessions_;
  std::thread acceptor_;
  std::thread reaper_;
};
