// EXPECT: clean
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
static void *worker(void *) {
  for (int i = 0; i < 100; ++i)
    bump("w");
  return nullptr;
}
int main() {
  std::thread a([] {
    pthread_mutex_lock(&g_mu);
    g_counters["a"] = 1;
    pthread_mutex_unlock(&g_mu);
  });
  std::thread b([] { for (int i = 0; i < 100; ++i) bump("b"); });
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
  a.join();
  b.join();
  pthread_join(t, nullptr);
}
