// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Trip counts of while and do-while counters, drained queues, step-k loops
// and nested loops with fixed bounds.
#include <cstdio>
#include <queue>
#include <stack>
#include <string>
#include <unordered_map>
#include <vector>

static void print(const std::vector<int> &values) {
  for (int v : values)
    std::printf("%d ", v);
  std::printf("\n");
}

static void whileCounters(int count, size_t size, int from) {
  std::vector<int> counted;
  int i = 0;
  while (i < count) {
    counted.push_back(i * 2);
    ++i;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:13: warning: 'counted' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  int i = 0;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  counted.reserve(std::max(count, 0));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (i < count) {{{$}}
  print(counted);

  std::vector<size_t> sized;
  size_t k = 0;
  while (k != size) {
    sized.push_back(k);
    k++;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:11: warning: 'sized' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  sized.reserve(size);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (k != size) {{{$}}
  std::printf("%zu\n", sized.size());

  // The counter's value is not known at the loop: count from it.
  std::vector<int> fromHere;
  int j = from;
  std::printf("%d\n", j);
  while (j < count) {
    fromHere.push_back(j);
    j += 1;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:14: warning: 'fromHere' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  fromHere.reserve(std::max(count - j, 0));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (j < count) {{{$}}
  print(fromHere);

  std::vector<int> done;
  int d = 0;
  do {
    done.push_back(d);
    ++d;
  } while (d < count);
  // CHECK-MESSAGES: :[[@LINE-3]]:10: warning: 'done' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  done.reserve(std::max(count, 0));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  do {{{$}}
  print(done);
}

// Counting down in the condition: `while (n--)` runs n times, none when n is
// not positive.
static void countdowns(unsigned left, int signedLeft, size_t tries) {
  std::vector<unsigned> down;
  while (left--)
    down.push_back(left);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'down' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  down.reserve(left);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (left--){{$}}
  std::printf("%zu\n", down.size());

  std::vector<int> positive;
  while (signedLeft-- > 0) {
    positive.push_back(signedLeft);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'positive' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  positive.reserve(std::max(signedLeft, 0));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (signedLeft-- > 0) {{{$}}
  print(positive);

  std::vector<size_t> attempts;
  while (tries-- != 0)
    attempts.emplace_back(tries);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'attempts' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  attempts.reserve(tries);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (tries-- != 0){{$}}
  std::printf("%zu\n", attempts.size());
}

static void drained(std::queue<int> pending, std::stack<int> stacked) {
  std::vector<int> out;
  while (!pending.empty()) {
    out.push_back(pending.front());
    pending.pop();
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:9: warning: 'out' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  out.reserve(pending.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (!pending.empty()) {{{$}}
  print(out);

  std::vector<int> reversed;
  while (!stacked.empty()) {
    const int top = stacked.top();
    stacked.pop();
    reversed.push_back(top);
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'reversed' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  reversed.reserve(stacked.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  while (!stacked.empty()) {{{$}}
  print(reversed);
}

static void steps(const std::vector<std::string> &tokens, int n) {
  std::unordered_map<std::string, std::string> pairs;
  for (size_t i = 0; i + 1 < tokens.size(); i += 2)
    pairs.emplace(tokens[i], tokens[i + 1]);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'pairs' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  pairs.reserve(tokens.size() / 2);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (size_t i = 0; i + 1 < tokens.size(); i += 2){{$}}
  std::printf("%zu\n", pairs.size());

  std::vector<int> evens;
  for (int i = 0; i < n; i += 2)
    evens.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'evens' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  evens.reserve((std::max(n, 0) + 1) / 2);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < n; i += 2){{$}}
  print(evens);

  std::vector<int> thirds;
  for (int i = 0; i < 10; i += 3)
    thirds.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'thirds' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  thirds.reserve(4);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 10; i += 3){{$}}
  print(thirds);
}

static void nested(int rows, int cols, const std::vector<std::vector<int>> &grid,
                   size_t width) {
  std::vector<int> cells;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      cells.push_back(r * cols + c);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'cells' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  cells.reserve(static_cast<std::size_t>(std::max(rows, 0)) * std::max(cols, 0));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int r = 0; r < rows; ++r){{$}}
  print(cells);

  std::vector<size_t> padded;
  for (const auto &row : grid) {
    padded.push_back(row.size());
    for (size_t x = 0; x < width; ++x)
      padded.push_back(x);
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:12: warning: 'padded' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-FIXES: {{^}}  padded.reserve(grid.size() * (1 + width));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (const auto &row : grid) {{{$}}
  std::printf("%zu\n", padded.size());
}

// A container kept across the outer loop but cleared at the start of each
// of its iterations is empty before the inner loop.
static void clearedEachRound(const std::vector<std::vector<int>> &grid) {
  std::vector<int> scratch;
  for (const auto &row : grid) {
    scratch.clear();
    for (int v : row)
      scratch.push_back(v * 10);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'scratch' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}    scratch.clear();{{$}}
    // CHECK-FIXES-NEXT: {{^}}    scratch.reserve(row.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}    for (int v : row){{$}}
    print(scratch);
  }
}

int main() {
  whileCounters(4, 3, 1);
  whileCounters(-2, 0, 5);
  std::queue<int> pending;
  std::stack<int> stacked;
  for (int i = 0; i < 3; ++i) {
    pending.push(i);
    stacked.push(i);
  }
  drained(pending, stacked);
  countdowns(3, 2, 1);
  countdowns(0, -4, 0);
  steps({"a", "1", "b", "2", "c"}, 7);
  steps({}, -3);
  nested(2, 3, {{1, 2}, {3}}, 2);
  nested(-1, 3, {}, 0);
  clearedEachRound({{1, 2}, {3}, {}});
}
