// A thread looks keys up while the function that started it inserts.
#include <cstdio>
#include <thread>
#include <unordered_map>

int main() {
  std::unordered_map<int, int> table;
  int found = 0;
  std::thread reader([&] {
    for (int i = 0; i < 2000; ++i)
      if (table.count(i % 500))
        ++found;
  });
  for (int i = 0; i < 2000; ++i)
    table[i] = i;
  reader.join();
  std::printf("%zu\n", table.size());
}
