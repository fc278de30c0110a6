// A member function runs on a thread and erases from a map that a public
// member function fills from the caller's thread; the class has no mutex.
#include <cstdio>
#include <string>
#include <thread>
#include <unordered_map>

class Scheduler {
public:
  Scheduler() : worker_(&Scheduler::run, this) {}
  ~Scheduler() { worker_.join(); }
  void schedule(int id, std::string job) { jobs_[id] = std::move(job); }

private:
  void run() {
    for (int i = 0; i < 2000; ++i)
      drop(i % 100);
  }
  void drop(int id) { jobs_.erase(id); }

  std::unordered_map<int, std::string> jobs_;
  std::thread worker_;
};

int main() {
  Scheduler scheduler;
  for (int i = 0; i < 2000; ++i)
    scheduler.schedule(i % 100, "job");
  std::printf("scheduled\n");
}
