// EXPECT: race
// FLAGS: -std=c++20
#include <map>
#include <stop_token>
#include <string>
#include <thread>
int main() {
  std::map<std::string, int> inflight;
  std::jthread poller([&](std::stop_token stop) {
    while (!stop.stop_requested())
      inflight["poll"]++; // RACE
  });
  for (int i = 0; i < 100; ++i)
    inflight["req" + std::to_string(i)] = i;
  poller.request_stop();
}
