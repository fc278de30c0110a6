// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// Containers reached through members: of a local struct, of a parameter, of
// `this`, and through a pointer or smart pointer at the root. Changes through
// the objects on the way (the struct handed to a function, the pointer
// replaced) make the size unknown.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct Result {
  std::vector<int> values;
  std::unordered_map<std::string, int> index;
  int count = 0;
};

struct Report {
  Result totals;
  std::vector<std::string> lines{"header"};
};

// A local struct default-constructed: its members start empty.
Result collect(const std::vector<int> &in) {
  Result r;
  for (int x : in) {
    r.values.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'r.values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  r.values.reserve(in.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int x : in) {{{$}}
    ++r.count;
  }
  return r;
}

// Two levels of members; a member with a default member initializer may
// hold elements.
Report summarize(const std::vector<std::string> &names) {
  Report report{};
  for (size_t i = 0; i < names.size(); ++i) {
    report.totals.index[names[i]] = static_cast<int>(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'report.totals.index' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
    report.lines.push_back(names[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'report.lines' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  }
  // CHECK-FIXES: {{^}}  report.totals.index.reserve(names.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  report.lines.reserve(report.lines.size() + names.size());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (size_t i = 0; i < names.size(); ++i) {{{$}}
  return report;
}

// A member of a reference parameter may hold elements already.
void appendAll(Result &out, const std::vector<int> &in) {
  for (int x : in)
    out.values.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'out.values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  out.values.reserve(out.values.size() + in.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int x : in){{$}}
}

// Through a pointer: fixed once something dereferences it before the loop.
void refill(std::unique_ptr<Result> &out, const std::vector<int> &in) {
  out->values.clear();
  for (int x : in)
    out->values.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'out->values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
    // CHECK-FIXES: {{^}}  out->values.reserve(out->values.size() + in.size());{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int x : in){{$}}
}

void appendThrough(Result *out, const std::vector<int> &in) {
  for (int x : in)
  // CHECK-MESSAGES: :[[@LINE+2]]:17: warning: 'out->values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'out' is not dereferenced before the loop and may be null where the loop does not run; add 'out->values.reserve(out->values.size() + in.size());' yourself if it cannot be
    out->values.push_back(x);
}

// Members of `this`, directly and through a smart pointer (pimpl).
class Index {
public:
  void load(const std::vector<std::string> &names) {
    for (const std::string &name : names)
      state_.index.emplace(name, 0);
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'state_.index' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated rehashing [maptidy-unreserved-append]
      // CHECK-FIXES: {{^}}    state_.index.reserve(state_.index.size() + names.size());{{$}}
      // CHECK-FIXES-NEXT: {{^}}    for (const std::string &name : names){{$}}
  }
  void mirror(const std::vector<int> &in) {
    impl_->values.clear();
    for (int x : in)
      impl_->values.push_back(x);
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'impl_->values' grows inside a loop whose trip count is known; reserve() its capacity before the loop to avoid repeated reallocation [maptidy-unreserved-append]
      // CHECK-FIXES: {{^}}    impl_->values.reserve(impl_->values.size() + in.size());{{$}}
      // CHECK-FIXES-NEXT: {{^}}    for (int x : in){{$}}
  }

private:
  Result state_;
  std::unique_ptr<Result> impl_ = std::make_unique<Result>();
};

// Not reported: the struct, or the pointer to it, may change in the loop.
void reset(Result &r);
Result resetEachTime(const std::vector<int> &in) {
  Result r;
  for (int x : in) {
    r.values.push_back(x);
    reset(r);
  }
  return r;
}

void replacePointer(std::unique_ptr<Result> &out, const std::vector<int> &in) {
  out->values.clear();
  for (int x : in) {
    out->values.push_back(x);
    if (out->values.size() > 100)
      out = std::make_unique<Result>();
  }
}

// Not reported: the bound is the container that grows.
void doubleUp(Result &r) {
  for (size_t i = 0; i < r.values.size(); ++i)
    r.values.push_back(r.values[i]);
}

// Not reported: a pointer past the root is not followed.
struct Chain {
  Result *next;
};
void throughChain(Chain &chain, const std::vector<int> &in) {
  for (int x : in)
    chain.next->values.push_back(x);
}
