// std::async tasks return their own maps; the caller merges them.
#include <cstdio>
#include <future>
#include <map>
#include <string>

static std::map<std::string, int> restock(int from, int to) {
  std::map<std::string, int> added;
  for (int i = from; i < to; ++i)
    added["item" + std::to_string(i % 40)] += 5;
  return added;
}

int main() {
  auto first = std::async(std::launch::async, [] { return restock(0, 200); });
  auto second =
      std::async(std::launch::async, [] { return restock(200, 400); });
  std::map<std::string, int> inventory = first.get();
  for (const auto &[item, count] : second.get())
    inventory[item] += count;
  std::printf("%zu %d\n", inventory.size(), inventory["item3"]);
}
