// EXPECT: race
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
struct Session {
  std::mutex mu;
  std::unordered_map<std::string, std::string> headers;
};
void serve(std::shared_ptr<Session> st) {
  std::thread reader([st] {
    std::lock_guard<std::mutex> lock(st->mu);
    st->headers["x-read"] = "1";
  });
  std::thread writer([st] { st->headers["x-write"] = "1"; }); // RACE
  reader.join();
  writer.join();
}
