// Findings whose fix-its lie far from them: an include at the top of the
// file, a reserve() before a long loop.
#include <vector>

int step0(int x);
int step1(int x);
int step2(int x);
int step3(int x);
int step4(int x);
int step5(int x);
int step6(int x);
int step7(int x);
int step8(int x);
int step9(int x);
int step10(int x);
int step11(int x);
int step12(int x);
int step13(int x);
int step14(int x);
int step15(int x);
int step16(int x);
int step17(int x);
int step18(int x);
int step19(int x);

std::vector<int> numbers(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  return v;
}

std::vector<int> longBody(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    x = step0(x);
    x = step1(x);
    x = step2(x);
    x = step3(x);
    x = step4(x);
    x = step5(x);
    x = step6(x);
    x = step7(x);
    x = step8(x);
    x = step9(x);
    x = step10(x);
    x = step11(x);
    x = step12(x);
    x = step13(x);
    x = step14(x);
    x = step15(x);
    x = step16(x);
    x = step17(x);
    x = step18(x);
    x = step19(x);
    out.push_back(x);
  }
  return out;
}
