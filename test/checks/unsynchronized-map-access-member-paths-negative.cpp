// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++17 -pthread -I%maptidy_include
// Maps held in structs that no two threads touch unsynchronized: silent.
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// Every access to the struct's map holds the class's mutex; another
// object's map is not the one it guards.
class Service {
public:
  void onRequest(const std::string &route) {
    std::lock_guard<std::mutex> lock(mu_);
    ++stats_.byRoute[route];
  }
  void resetStats() {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.byRoute.clear();
  }
  static void seed(Service &other) { other.stats_.byRoute["/"] = 0; }

private:
  struct Stats {
    std::unordered_map<std::string, int> byRoute;
  };
  std::mutex mu_;
  Stats stats_;
};

// The pimpl holds its own mutex: it guards the map, not the class's.
class Resolver {
public:
  Resolver() : impl_(std::make_unique<Impl>()) {}
  void remember(const std::string &host, const std::string &addr) {
    std::lock_guard<std::mutex> lock(mu_);
    impl_->cache[host] = addr;
  }
  void forget(const std::string &host) {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->cache.erase(host);
  }
  void clear() {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->cache.clear();
  }

private:
  struct Impl {
    std::mutex mu;
    std::unordered_map<std::string, std::string> cache;
  };
  std::mutex mu_;
  std::unique_ptr<Impl> impl_;
};

struct Tally {
  std::unordered_map<std::string, int> byWord;
  std::unordered_map<std::string, int> byPrefix;
};

size_t tallies(const std::vector<std::string> &a) {
  // Each thread works on its own copy of the struct.
  Tally seed;
  std::thread t1([seed, &a]() mutable { ++seed.byWord[a.front()]; });
  std::thread t2([seed, &a]() mutable { ++seed.byWord[a.back()]; });
  // Two threads, two different maps of one struct.
  Tally shared;
  std::thread t3([&shared, &a] { shared.byWord[a.front()] = 1; });
  std::thread t4([&shared, &a] { shared.byPrefix[a.back()] = 1; });
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  return shared.byWord.size() + shared.byPrefix.size();
}

// Each round's thread fills the map of its own element.
struct Shard {
  std::vector<std::string> words;
  std::unordered_map<std::string, int> counts;
};

void countShards(std::vector<Shard> &shards) {
  std::vector<std::thread> workers;
  for (auto &shard : shards)
    workers.emplace_back([&shard] {
      for (const auto &w : shard.words)
        ++shard.counts[w];
    });
  for (auto &w : workers)
    w.join();
}

// Built before the tasks start; they only read it.
struct Routes {
  std::unordered_map<std::string, int> portOf;
};

int route(const std::string &a, const std::string &b) {
  auto routes = std::make_shared<Routes>();
  routes->portOf["api"] = 8080;
  auto fa = std::async(std::launch::async, [routes, a] {
    auto it = routes->portOf.find(a);
    return it == routes->portOf.end() ? 0 : it->second;
  });
  auto fb = std::async(std::launch::async,
                       [routes, b] { return static_cast<int>(routes->portOf.count(b)); });
  const int found = fa.get() + fb.get();
  routes->portOf["admin"] = 9090;
  return found;
}

// Each thread's state is its own, behind its own pointer.
size_t fetchAll(const std::vector<std::string> &urls) {
  std::vector<std::future<std::shared_ptr<Routes>>> pending;
  for (const auto &url : urls)
    pending.push_back(std::async(std::launch::async, [url] {
      auto own = std::make_shared<Routes>();
      own->portOf[url] = 1;
      return own;
    }));
  size_t total = 0;
  for (auto &f : pending)
    total += f.get()->portOf.size();
  return total;
}

// Functors bound to different maps.
class Scanner {
public:
  explicit Scanner(Routes *routes) : routes_(routes) {}
  void operator()(const std::string &path) { ++routes_->portOf[path]; }

private:
  Routes *routes_;
};

size_t scan() {
  Routes left, right;
  std::thread t1(Scanner(&left), std::string("a"));
  std::thread t2(Scanner(&right), std::string("b"));
  t1.join();
  t2.join();
  return left.portOf.size() + right.portOf.size();
}

// Every access takes the struct's own mutex.
struct Session {
  std::mutex mu;
  std::unordered_map<std::string, int> headers;
};

void serve(std::shared_ptr<Session> st) {
  std::thread a([st] {
    std::lock_guard<std::mutex> lock(st->mu);
    st->headers["a"] = 1;
  });
  std::thread b([st] {
    std::lock_guard<std::mutex> lock(st->mu);
    st->headers["b"] = 2;
  });
  a.join();
  b.join();
}
