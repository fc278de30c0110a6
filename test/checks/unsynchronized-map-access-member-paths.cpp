// RUN: %check_maptidy --tsan %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps held in structs and reached through members: a stat struct member and
// a pimpl guarded by the class's mutex get the lock as a map member does; a
// struct that holds its own mutex gets that mutex locked; a struct shared
// with threads through a shared_ptr or by reference gets its map made a
// maptidy::sharded_map. The fixed program runs its threads under
// ThreadSanitizer and prints what the sequential run of the input prints.
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

class Service {
public:
  void onRequest(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.byRoute[route];
  }
  int requests(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    return stats_.byRoute[route];
  }
  void onError(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.errorsByRoute[route];
  }
  void resetStats() { stats_.byRoute.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:23: {{warning|error}}: 'stats_.byRoute' is modified without holding 'mu_'; 2 of 3 accesses hold it [maptidy-unsynchronized-map-access]
  // CHECK-FIXES: {{^}}  void resetStats() { std::lock_guard<std::mutex> lock(mu_); stats_.byRoute.clear(); }{{$}}

private:
  struct Stats {
    std::unordered_map<std::string, int> byRoute;
    std::unordered_map<std::string, int> errorsByRoute;
  };
  std::mutex mu_;
  Stats stats_;
};

class Resolver {
public:
  Resolver() : impl_(std::make_unique<Impl>()) {}
  void remember(const std::string &host, const std::string &addr) {
    std::lock_guard<std::mutex> lock(mu_);
    impl_->cache[host] = addr;
  }
  std::string lookup(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = impl_->cache.find(host);
    return it == impl_->cache.end() ? std::string() : it->second;
  }
  size_t size() {
    return (*impl_).cache.size();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: {{warning|error}}: 'impl_->cache' is read without holding 'mu_'; 3 of 4 accesses hold it [maptidy-unsynchronized-map-access]
    // CHECK-FIXES: {{^}}  size_t size() {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> lock(mu_);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return (*impl_).cache.size();{{$}}
  }

private:
  struct Impl {
    std::unordered_map<std::string, std::string> cache;
  };
  std::mutex mu_;
  std::unique_ptr<Impl> impl_;
};

struct Session {
  std::mutex mu;
  std::unordered_map<std::string, int> headers;
};

int serve() {
  auto st = std::make_shared<Session>();
  std::thread reader([st] {
    std::lock_guard<std::mutex> lock(st->mu);
    st->headers["x-read"] = 1;
  });
  std::thread writer([st] {
    st->headers["x-write"] = 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: {{warning|error}}: 'st->headers' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: concurrent access here
    // CHECK-FIXES: {{^}}  std::thread writer([st] {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::lock_guard<std::mutex> lock(st->mu);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    st->headers["x-write"] = 2;{{$}}
  });
  reader.join();
  writer.join();
  return static_cast<int>(st->headers.size());
}

namespace {
struct CrawlState {
  std::unordered_map<std::string, int> depthOf;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> depthOf;{{$}}
};
struct Tally {
  std::unordered_map<std::string, int> byWord;
  // CHECK-FIXES: {{^}}  maptidy::sharded_map<std::string, int> byWord;{{$}}
  int lines = 0;
};
} // namespace

int crawl() {
  auto state = std::make_shared<CrawlState>();
  std::thread a([state] { state->depthOf["/a"] = 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:27: {{warning|error}}: 'state->depthOf' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+1]]:27: note: concurrent access here
  std::thread b([state] { state->depthOf["/b"] = 2; });
  a.join();
  b.join();
  return static_cast<int>(state->depthOf.size());
}

int tally() {
  Tally t;
  std::thread one([&t] { ++t.byWord["x"]; });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: {{warning|error}}: 't.byWord' is modified by a thread without synchronization while another thread accesses it; guard it with a mutex or make it a maptidy::sharded_map [maptidy-unsynchronized-map-access]
  // CHECK-MESSAGES: :[[@LINE+1]]:28: note: concurrent access here
  std::thread two([&t] { ++t.byWord["y"]; });
  one.join();
  two.join();
  return static_cast<int>(t.byWord.size());
}

int main() {
  Service service;
  service.onRequest("/a");
  service.resetStats();
  Resolver resolver;
  resolver.remember("a", "1");
  std::printf("%d %d %zu %d %d %d\n", service.requests("/a"),
              static_cast<int>(resolver.lookup("a").size()), resolver.size(),
              serve(), crawl(), tally());
}
