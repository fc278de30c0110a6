#pragma once
#include <cstddef>
#include <thread>
#include <unordered_map>

// Its worker thread and its callers share jobs_ without a lock; its member
// functions are defined in two files.
class Scheduler {
public:
  void start();
  void schedule(int job);
  void stop();
  bool has(int job) const;
  std::size_t pending() const;
  std::unordered_map<int, int> snapshot() const;

private:
  void run();

  std::unordered_map<int, int> jobs_;
  std::thread worker_;
};
