// EXPECT: race
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <string>
#include <unordered_map>
#include <vector>
int main() {
  boost::asio::thread_pool pool(4);
  std::unordered_map<std::string, size_t> lengths;
  std::vector<std::string> words = {"a", "bb", "ccc"};
  for (const auto &w : words)
    boost::asio::post(pool, [&lengths, w] { lengths[w] = w.size(); }); // RACE
  pool.join();
  return static_cast<int>(lengths.size());
}
