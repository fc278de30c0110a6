// A project's enumeration as a Boost.MPL integral constant: GCC compiles it,
// Clang 20 and later reject Boost's next and prior of its first and last
// values.
#include <boost/mpl/int.hpp>
#include <boost/mpl/integral_c.hpp>
#include <boost/mpl/next_prior.hpp>
#include <vector>

enum Direction { north, east, south, west };
using First = boost::mpl::integral_c<Direction, north>;
using Last = boost::mpl::integral_c<Direction, west>;
static_assert(boost::mpl::next<boost::mpl::int_<3>>::type::value == 4,
              "integer constants still step");
static_assert(boost::mpl::prior<boost::mpl::int_<3>>::type::value == 2,
              "integer constants still step");

std::vector<int> headings(int turns) {
  std::vector<int> out;
  for (int i = 0; i < turns; ++i)
    out.push_back((First::value + i) % (Last::value + 1));
  return out;
}
