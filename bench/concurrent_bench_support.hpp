// Pieces shared by the concurrent-map benchmarks: a Zipf distribution, a
// timed start of T threads, and the median of interleaved rounds.
#ifndef MAPTIDY_BENCH_CONCURRENT_BENCH_SUPPORT_HPP
#define MAPTIDY_BENCH_CONCURRENT_BENCH_SUPPORT_HPP

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <optional>
#include <random>
#include <thread>
#include <vector>

namespace maptidy_bench {

// Zipf over ranks 1..n with skew s, by inversion of the cumulative weights.
class zipf_distribution {
 public:
  zipf_distribution(std::size_t n, double skew) : cumulative_(n) {
    double total = 0;
    for (std::size_t rank = 1; rank <= n; ++rank) cumulative_[rank - 1] = total += std::pow(double(rank), -skew);
    for (double& weight : cumulative_) weight /= total;
  }
  template <class Random>
  std::size_t operator()(Random& random) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(random);
    const auto rank = std::lower_bound(cumulative_.begin(), cumulative_.end() - 1, u) - cumulative_.begin();
    return static_cast<std::size_t>(rank) + 1;
  }

 private:
  std::vector<double> cumulative_;
};

// Runs work(t) on threads t = 0..threads-1, released together once all have
// started; returns the seconds from the release to the last join.
template <class Work>
double run_threads(unsigned threads, Work work) {
  std::atomic<unsigned> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      work(t);
    });
  }
  while (ready.load() != threads) std::this_thread::yield();
  const auto start = std::chrono::steady_clock::now();
  go.store(true, std::memory_order_release);
  for (std::thread& worker : workers) worker.join();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count();
}

// Runs run(i) for every contender i once per round, round-robin, and keeps
// each one's median round (empty where run(i) gave nothing): interleaving
// exposes all contenders to the same interference from other jobs, and the
// median of the rounds is what a rerun reproduces.
template <class Run>
std::vector<std::optional<double>> median_of_rounds(std::size_t contenders, int rounds, Run run) {
  std::vector<std::vector<double>> results(contenders);
  for (int round = 0; round < rounds; ++round)
    for (std::size_t i = 0; i < contenders; ++i)
      if (const std::optional<double> value = run(i)) results[i].push_back(*value);
  std::vector<std::optional<double>> medians(contenders);
  for (std::size_t i = 0; i < contenders; ++i) {
    if (results[i].empty()) continue;
    std::sort(results[i].begin(), results[i].end());
    medians[i] = results[i][results[i].size() / 2];
  }
  return medians;
}

}  // namespace maptidy_bench

#endif  // MAPTIDY_BENCH_CONCURRENT_BENCH_SUPPORT_HPP
