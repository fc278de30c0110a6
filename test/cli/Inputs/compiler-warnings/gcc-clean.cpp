// Code GCC compiles, where clang warns (an unused private field, which its
// -Wall has and GCC's lacks) or errs by default (narrowing an unsigned to a
// const int& in a list-initialization, which GCC only warns about).
#include <map>
#include <string>
#include <utility>
#include <vector>

class Ranking {
public:
  std::map<int, std::pair<std::string, unsigned>> top(unsigned hits) const {
    std::map<int, std::pair<std::string, unsigned>> ret;
    unsigned count = 0;
    ret.insert({count++, {"rest", hits}});
    return ret;
  }

private:
  int unused_ = 0;
};

std::vector<int> squares(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i * i);
#ifdef BROKEN
  return undeclared;
#endif
  return out;
}
