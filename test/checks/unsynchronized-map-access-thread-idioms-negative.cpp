// RUN: %check_maptidy %s maptidy-unsynchronized-map-access %t -- -- -std=c++20 -pthread
// Race-free twins of unsynchronized-map-access-thread-idioms.cpp: threads
// waited for before the next one starts (join, the end of a std::jthread's or
// std::async future's scope), tasks of one strand, sequential algorithms,
// parallel algorithms that only read the map.
#include <algorithm>
#include <atomic>
#include <execution>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#if __has_include(<tbb/parallel_for.h>)
#include <tbb/parallel_for.h>
#else
namespace tbb {
template <typename Index, typename Body>
void parallel_for(Index first, Index last, const Body &body) {
  for (Index i = first; i < last; ++i)
    body(i);
}
} // namespace tbb
#endif

// Phases: each thread is waited for before the next starts.
size_t phases() {
  std::unordered_map<int, int> state;
  std::thread load([&] { state[1] = 1; });
  load.join();
  std::thread index([&] { state[2] = 2; });
  index.join();
  {
    std::jthread compact([&] { state.erase(1); });
  }
  {
    auto done = std::async(std::launch::async, [&] { state[3] = 3; });
  }
  {
    std::vector<std::jthread> workers;
    workers.emplace_back([&] { state[4] = 4; });
  }
  state[5] = 5;
  std::jthread report([&] { state[6] = 6; });
  return 0;
}

// A std::jthread scoped to each round of the loop.
void perRound(const std::vector<int> &keys) {
  std::map<int, int> seen;
  for (int k : keys) {
    std::jthread worker([&, k] { seen[k] = 1; });
  }
  seen.clear();
}

// Tasks posted to one strand run one at a time.
namespace boost::asio {
struct thread_pool {
  void join() {}
};
template <typename Executor> struct strand {
  Executor *inner;
};
template <typename Executor> strand<Executor> make_strand(Executor &e) {
  return {&e};
}
template <typename Executor, typename Task>
void post(Executor &, Task task) {
  task();
}
} // namespace boost::asio

size_t onStrand(const std::vector<std::string> &words) {
  boost::asio::thread_pool pool;
  auto strand = boost::asio::make_strand(pool);
  std::unordered_map<std::string, size_t> lengths;
  for (const auto &w : words)
    boost::asio::post(strand, [&lengths, w] { lengths[w] = w.size(); });
  boost::asio::post(strand, [&lengths] { lengths.erase(""); });
  pool.join();
  return lengths.size();
}

// Sequential algorithms, and parallel ones that write only their own slot.
std::vector<size_t> weighted(const std::vector<std::string> &tokens,
                             const std::unordered_map<std::string, int> &w) {
  std::unordered_map<std::string, int> weights = w;
  std::for_each(std::execution::seq, tokens.begin(), tokens.end(),
                [&](const std::string &t) { weights[t] += 1; });
  std::vector<size_t> out(tokens.size());
  tbb::parallel_for(size_t(0), tokens.size(), [&](size_t i) {
    auto it = weights.find(tokens[i]);
    out[i] = tokens[i].size() * (it == weights.end() ? 1 : it->second);
  });
  weights.clear();
  return out;
}

// A lambda on `this` whose member function touches a map no public member
// function does, or locks like the callers.
class Dispatcher {
public:
  Dispatcher() : worker_([this] { loop(); }) {}
  ~Dispatcher() {
    stop_ = true;
    worker_.join();
  }
  void subscribe(const std::string &topic, int id) {
    std::lock_guard<std::mutex> lock(mu_);
    subscribers_[topic] = id;
  }

private:
  void loop() {
    while (!stop_) {
      ++scratch_[1];
      std::lock_guard<std::mutex> lock(mu_);
      subscribers_.erase("expired");
    }
  }
  std::mutex mu_;
  std::unordered_map<std::string, int> subscribers_;
  std::unordered_map<int, int> scratch_;
  std::atomic<bool> stop_{false};
  std::thread worker_;
};

// The accessor's callers lock; the launcher's helper runs before the thread
// starts, or locks.
static std::mutex registryMu;
static std::unordered_map<std::string, int> &registry() {
  static std::unordered_map<std::string, int> instance;
  return instance;
}
static void registerPlugin(const std::string &name) {
  std::lock_guard<std::mutex> lock(registryMu);
  registry()[name] = 1;
}

void loadPlugins() {
  std::thread a([] { registerPlugin("a"); });
  std::thread b([] { registerPlugin("b"); });
  a.join();
  b.join();
}

static std::unordered_map<std::string, long> lastSeen;
static void heartbeat(const std::string &node) { lastSeen[node] = 1; }
static std::mutex seenMu;
static std::unordered_map<std::string, long> seenLocked;
static void heartbeatLocked(const std::string &node) {
  std::lock_guard<std::mutex> lock(seenMu);
  seenLocked[node] = 1;
}

void startJanitor() {
  heartbeat("self");
  std::thread([] { (void)lastSeen.count("self"); }).detach();
  std::thread([] {
    std::lock_guard<std::mutex> lock(seenMu);
    seenLocked.clear();
  }).detach();
  heartbeatLocked("self");
}

// Both threads lock.
static std::mutex countersMu;
static std::unordered_map<std::string, int> counters;
static void bump(const std::string &name) {
  std::lock_guard<std::mutex> lock(countersMu);
  ++counters[name];
}

void bumpAndReset() {
  std::thread a([] { bump("a"); });
  std::thread b([] {
    std::lock_guard<std::mutex> lock(countersMu);
    counters.clear();
  });
  a.join();
  b.join();
}

// Operands of sizeof and noexcept never run: neither the threads nor the
// launcher touch the map there.
void sizesOnly() {
  std::map<int, int> counts;
  std::vector<std::jthread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&counts] {
      static_assert(sizeof(counts) > 0);
      (void)sizeof(counts[0]);
      (void)noexcept(counts[1] = 2);
    });
  (void)sizeof(counts[3]);
}

void launcherSizes() {
  std::map<int, int> counts;
  std::jthread worker([&counts] { counts[1] = 2; });
  (void)sizeof(counts[3]);
}
