// A memo table in a function-local static, behind a mutex.
#include <cstdio>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

long fibonacci(int n) {
  static std::unordered_map<int, long> memo;
  static std::mutex memoMutex;
  if (n < 2)
    return n;
  {
    std::lock_guard<std::mutex> lock(memoMutex);
    auto it = memo.find(n);
    if (it != memo.end())
      return it->second;
  }
  const long value = fibonacci(n - 1) + fibonacci(n - 2);
  std::lock_guard<std::mutex> lock(memoMutex);
  memo[n] = value;
  return value;
}

int main() {
  std::vector<std::thread> threads;
  std::vector<long> results(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&results, t] { results[t] = fibonacci(60 + t); });
  for (auto &thread : threads)
    thread.join();
  std::printf("%ld\n", results[3]);
}
