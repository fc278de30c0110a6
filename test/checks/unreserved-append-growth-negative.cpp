// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Bodies where one append adds a number of elements that is not known before
// the loop: reserving the others' count would fall short. None may be
// reported.
#include <istream>
#include <string>
#include <vector>

void strings(const std::vector<std::string> &words) {
  std::string joined;
  for (const std::string &w : words) {
    joined.push_back(' ');
    joined.append(w);
  }

  std::string names;
  for (const std::string &w : words) {
    names += ',';
    names += w;
  }

  std::string letters;
  for (const std::string &w : words) {
    letters.push_back('[');
    for (char c : w)
      letters.push_back(c);
  }

  std::string maybe;
  for (const std::string &w : words) {
    maybe += '+';
    if (!w.empty())
      maybe += w;
  }
}

// Up to 15 characters fit in an empty string's own buffer: it never
// allocates, and a reserve() would change nothing.
void inlineStrings(std::istream &in) {
  std::string hex;
  for (int i = 0; i < 2; i++) {
    char c = 0;
    in.get(c);
    hex += c;
  }

  std::string arrows;
  for (int i = 0; i < 5; ++i)
    arrows.append("->");

}

void ranges(const std::vector<std::vector<int>> &parts) {
  std::vector<int> flat;
  for (const auto &part : parts) {
    flat.push_back(-1);
    flat.insert(flat.end(), part.begin(), part.end());
  }
}
