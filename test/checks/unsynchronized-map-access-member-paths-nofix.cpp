// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps held in structs reported without a fix, and a note says why.
#include <mutex>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// The struct holds a mutex, but no access takes it: which accesses it
// should cover is for the author to say.
struct Session {
  std::mutex mu;
  std::unordered_map<std::string, int> headers;
};

void serve(std::shared_ptr<Session> st) {
  std::thread a([st] { st->headers["a"] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:24: {{warning|error}}: 'st->headers' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+2]]:24: note: concurrent access here
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: no fix: 'Session' holds a mutex; hold it around this access
  std::thread b([st] { st->headers["b"] = 2; });
  a.join();
  b.join();
}

// The lock would also cover a call to code that may lock.
void audit(const std::string &what);

void record(std::shared_ptr<Session> st) {
  std::thread a([st] {
    std::lock_guard<std::mutex> lock(st->mu);
    st->headers["a"] = 1;
  });
  std::thread b([st] {
    st->headers["b"] = 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'st->headers' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: concurrent access here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: no fix: 'Session' holds a mutex; hold it around this access
    audit("b");
  });
  a.join();
  b.join();
}

// A functor's reference member bound to the launcher's map: the rewrite
// would have to change the member and the constructor too.
class Indexer {
public:
  explicit Indexer(std::unordered_map<std::string, int> &index) : index_(index) {}
  void operator()(const std::vector<std::string> &words) {
    for (const auto &w : words)
      ++index_[w];
    // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'index' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  }

private:
  std::unordered_map<std::string, int> &index_;
};

size_t build(const std::vector<std::string> &a,
             const std::vector<std::string> &b) {
  std::unordered_map<std::string, int> index;
  std::thread t1(Indexer(index), std::cref(a));
  std::thread t2(Indexer(index), std::cref(b));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: note: another thread running it is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: no fix: 'index' is used as 'Indexer(index)', which maptidy::sharded_map does not offer
  t1.join();
  t2.join();
  return index.size();
}
