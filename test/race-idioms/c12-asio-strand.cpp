// EXPECT: clean
// Tasks posted to one strand never run concurrently.
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <string>
#include <unordered_map>
#include <vector>
int main() {
  boost::asio::thread_pool pool(4);
  auto strand = boost::asio::make_strand(pool);
  std::unordered_map<std::string, size_t> lengths;
  std::vector<std::string> words = {"a", "bb", "ccc"};
  for (const auto &w : words)
    boost::asio::post(strand, [&lengths, w] { lengths[w] = w.size(); });
  pool.join();
  return static_cast<int>(lengths.size());
}
