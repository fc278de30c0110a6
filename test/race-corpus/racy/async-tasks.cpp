// One std::async task restocks an inventory while another watches it grow.
#include <cstdio>
#include <future>
#include <map>
#include <thread>

int main() {
  std::map<int, int> inventory; // stock per item id
  auto restock = std::async(std::launch::async, [&inventory] {
    for (int i = 0; i < 2000; ++i)
      inventory[i] += 5;
  });
  auto audit = std::async(std::launch::async, [&inventory] {
    size_t seen = 0;
    while (seen < 1000) {
      seen = inventory.size();
      std::this_thread::yield();
    }
    return seen;
  });
  restock.get();
  std::printf("%zu %d\n", inventory.size(), audit.get() >= 1000);
}
