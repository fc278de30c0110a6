// RUN: %check_maptidy %s maptidy-unreserved-append %t -- -- -std=c++17
// std::vector<T> v(n) followed by n appends ends with 2n elements.
#include <string>
#include <vector>

std::vector<int> squares(int n) {
  std::vector<int> result(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'result' is constructed with n value-initialized elements and then grows by as many in a loop, ending with twice the intended size; construct it empty and reserve() instead [maptidy-unreserved-append]
  // CHECK-MESSAGES: :[[@LINE+4]]:12: note: elements are appended here
  // CHECK-FIXES: {{^}}  std::vector<int> result;{{$}}
  // CHECK-FIXES: {{^}}  result.reserve(n);{{$}}
  for (int i = 0; i < n; ++i)
    result.push_back(i * i);
  return result;
}

std::vector<std::string> labels(const std::vector<int> &ids) {
  std::vector<std::string> out(ids.size());
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'out' is constructed with ids.size() value-initialized elements and then grows by as many in a loop, ending with twice the intended size; construct it empty and reserve() instead [maptidy-unreserved-append]
  // CHECK-MESSAGES: :[[@LINE+4]]:9: note: elements are appended here
  // CHECK-FIXES: {{^}}  std::vector<std::string> out;{{$}}
  // CHECK-FIXES: {{^}}  out.reserve(ids.size());{{$}}
  for (int id : ids)
    out.push_back(std::to_string(id));
  return out;
}

std::vector<double> constant() {
  std::vector<double> out(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'out' is constructed with 4 value-initialized elements and then grows by as many in a loop, ending with twice the intended size; construct it empty and reserve() instead [maptidy-unreserved-append]
  // CHECK-MESSAGES: :[[@LINE+4]]:9: note: elements are appended here
  // CHECK-FIXES: {{^}}  std::vector<double> out;{{$}}
  // CHECK-FIXES: {{^}}  out.reserve(4);{{$}}
  for (int i = 0; i < 4; ++i)
    out.emplace_back(i);
  return out;
}

// Sized for a purpose: filled by index, or sized for another count.
std::vector<int> filledByIndex(int n) {
  std::vector<int> out(n);
  for (int i = 0; i < n; ++i)
    out[i] = i;
  return out;
}
