// A thread looks keys up; the map was filled before the thread started and
// the function that started it only reads it too.
#include <cstdio>
#include <thread>
#include <unordered_map>

int main() {
  std::unordered_map<int, int> table;
  for (int i = 0; i < 2000; ++i)
    table[i] = i;
  int found = 0;
  std::thread reader([&] {
    for (int i = 0; i < 2000; ++i)
      if (table.count(i % 500))
        ++found;
  });
  const bool has = table.count(7) != 0;
  reader.join();
  std::printf("%d %d\n", found, has);
}
