// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -I%maptidy_include
// Threads started on `this` in a loop, or by a parallel algorithm, run the
// same member code at once: a map member they write without a lock races
// with itself. The thread runs a member function, or a lambda capturing
// `this` that calls one or writes the member itself.
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

class FileIndex {
public:
  void build(const std::vector<std::string> &files) {
    std::vector<std::thread> workers;
    for (const std::string &file : files)
      workers.emplace_back(&FileIndex::indexFile, this, file);
    for (std::thread &worker : workers)
      worker.join();
  }

private:
  void indexFile(const std::string &file) { sizes_[file] = file.size(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:45: {{warning|error}}: 'sizes_' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: the thread is started in a loop
  // CHECK-FIXES: {{^}}  void indexFile(const std::string &file) { sizes_.insert_or_assign(file, file.size()); }{{$}}
  std::map<std::string, size_t> sizes_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, size_t> sizes_;{{$}}
};

class Crawler {
public:
  void crawl(const std::vector<std::string> &urls) {
    std::vector<std::future<void>> pending;
    for (const std::string &url : urls)
      pending.push_back(std::async(std::launch::async, [this, url] {
        depth_[url] = 1;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: {{warning|error}}: 'depth_' is modified by a thread without synchronization while other threads running the same code modify it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
        // CHECK-MESSAGES: :[[@LINE-3]]:25: note: the thread is started in a loop
        // CHECK-FIXES: {{^}}        depth_.insert_or_assign(url, 1);{{$}}
      }));
    for (std::future<void> &task : pending)
      task.get();
  }

private:
  std::unordered_map<std::string, int> depth_;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> depth_;{{$}}
};

// Not reported: each thread is joined before the next starts; the threads
// lock; they only read; a deferred task runs in get().
class Sequential {
public:
  void build(const std::vector<std::string> &files) {
    for (const std::string &file : files) {
      std::thread worker([this, file] { sizes_[file] = file.size(); });
      worker.join();
    }
  }
  void buildLocked(const std::vector<std::string> &files) {
    std::vector<std::thread> workers;
    for (const std::string &file : files)
      workers.emplace_back([this, file] {
        std::lock_guard<std::mutex> guard(mu_);
        counts_[file] += 1;
      });
    for (std::thread &worker : workers)
      worker.join();
  }
  size_t total(const std::vector<std::string> &files) {
    std::vector<std::future<size_t>> reads;
    for (const std::string &file : files)
      reads.push_back(std::async(std::launch::async, [this, file] {
        return sizes_.count(file);
      }));
    size_t found = 0;
    for (std::future<size_t> &read : reads)
      found += read.get();
    return found;
  }
  void deferred(const std::vector<std::string> &files) {
    std::vector<std::future<void>> later;
    for (const std::string &file : files)
      later.push_back(std::async(std::launch::deferred,
                                 [this, file] { sizes_[file] = 0; }));
    for (std::future<void> &task : later)
      task.get();
  }

private:
  std::mutex mu_;
  std::map<std::string, int> counts_;
  std::map<std::string, size_t> sizes_;
};
