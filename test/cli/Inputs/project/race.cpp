// A map written by a thread while the thread that started it reads it.
#include <thread>
#include <unordered_map>
int main() {
  std::unordered_map<int, int> m;
  std::thread t([&] { m[1] = 2; });
  int n = m.size();
  t.join();
  return n;
}
