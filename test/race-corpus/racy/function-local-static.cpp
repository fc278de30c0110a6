// A memo table in a function-local static, filled by every thread that calls
// the function.
#include <cstdio>
#include <thread>
#include <unordered_map>
#include <vector>

long fibonacci(int n) {
  static std::unordered_map<int, long> memo;
  if (n < 2)
    return n;
  auto it = memo.find(n);
  if (it != memo.end())
    return it->second;
  const long value = fibonacci(n - 1) + fibonacci(n - 2);
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
