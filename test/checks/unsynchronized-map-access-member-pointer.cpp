// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread
// Calls through pointers to member functions: they name no method, so they
// neither stop the analysis of the class nor count as calls of a helper.
#include <map>
#include <mutex>

// Dispatch through a table of member functions, each taking the lock; one
// reader forgot it.
class Searcher {
public:
  int search(int i) {
    static int (Searcher::*const Loops[])(int) = {&Searcher::slow,
                                                  &Searcher::fast};
    return (this->*Loops[i & 1])(i);
  }
  int slow(int i) {
    std::lock_guard<std::mutex> lock(mu_);
    return cache_[i];
  }
  int fast(int i) {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(cache_.count(i));
  }
  bool empty() const { return cache_.empty(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: {{warning|error}}: 'cache_' is read without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  bool empty() const { std::lock_guard<std::mutex> lock(mu_); return cache_.empty(); }{{$}}

private:
  mutable std::mutex mu_;
  std::map<int, int> cache_;
};

// Every access holds the lock: silent.
class LockedSearcher {
public:
  int search(int i) {
    static int (LockedSearcher::*const Loops[])(int) = {&LockedSearcher::slow,
                                                        &LockedSearcher::fast};
    return (this->*Loops[i & 1])(i);
  }
  int slow(int i) {
    std::lock_guard<std::mutex> lock(mu_);
    return cache_[i];
  }
  int fast(int i) {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(cache_.count(i));
  }

private:
  std::mutex mu_;
  std::map<int, int> cache_;
};

int main() {
  Searcher S;
  LockedSearcher L;
  return S.search(1) + L.search(2) + (S.empty() ? 0 : 1);
}
