// EXPECT: race
#include <pthread.h>
#include <string>
#include <thread>
#include <unordered_map>
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static std::unordered_map<std::string, int> g_counters;
static void bump(const std::string &name) {
  pthread_mutex_lock(&g_mu);
  ++g_counters[name];
  pthread_mutex_unlock(&g_mu);
}
static void reset() { g_counters.clear(); } // RACE
int main() {
  std::thread a([] { for (int i = 0; i < 100; ++i) bump("a"); });
  std::thread b([] { reset(); });
  a.join();
  b.join();
}
